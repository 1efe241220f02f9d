/// Pieces every Swift list view shares, as `Shared/pagination.leaf` and the filter forms do for templates.
enum ListView {
    /// Previous and next page and "page n of m", keeping filters and sort.
    static func pagination(_ list: ListQuery, _ t: Words, into html: inout HTMLWriter) {
        html.element("nav", .attr("class", "pagination"), .attr("aria-label", t("list.pagination"))) { html in
            if list.hasPrevious {
                html.element("a", .attr("href", list.href(page: list.page - 1)), .attr("rel", "prev"), text: t("list.previous"))
            }
            html.element("span", text: t("list.page-of", String(list.page), String(list.pageCount)))
            if list.hasNext {
                html.element("a", .attr("href", list.href(page: list.page + 1)), .attr("rel", "next"), text: t("list.next"))
            }
        }
    }

    /// A list page's table: the result count, the table with its caption, head row and body, and
    /// the pagination under it.
    static func table(
        _ list: ListQuery, caption: String, _ t: Words, into html: inout HTMLWriter, headers: (inout HTMLWriter) -> Void,
        rows: (inout HTMLWriter) -> Void
    ) {
        count(list, t, into: &html)
        html.element("div", .attr("class", "table-wrap")) { html in
            html.element("table") { html in
                html.element("caption", .attr("class", "visually-hidden"), text: caption)
                html.element("thead") { html in html.element("tr", content: headers) }
                html.element("tbody", content: rows)
            }
        }
        pagination(list, t, into: &html)
    }

    /// "n found", announced to screen readers when the list changes.
    static func count(_ list: ListQuery, _ t: Words, into html: inout HTMLWriter) {
        html.element("p", .attr("class", "result-count"), .attr("role", "status"), text: t("list.count", String(list.total)))
    }

    /// A `<select>` of a filter form with an "any" option first; labels are keys or, for data, text.
    static func select(id: String, options: [Choice], _ t: Words, into html: inout HTMLWriter) {
        html.element("select", .attr("id", id), .attr("name", id)) { html in
            html.element("option", .attr("value", ""), text: t("form.any"))
            for option in options {
                html.element(
                    "option", .attr("value", option.value), .flag("selected", option.isSelected), text: option.label ?? t(option.labelKey))
            }
        }
    }
}
