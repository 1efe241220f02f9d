import Plot

/// Pieces every Swift list view shares, as `Shared/pagination.leaf` and the filter forms do for templates.
enum ListView {
    /// Previous and next page and "page n of m", keeping filters and sort.
    static func pagination(_ list: ListQuery, _ t: Words) -> HTMLNode {
        .el(
            "nav", .attr("class", "pagination"), .attr("aria-label", t("list.pagination")),
            list.hasPrevious
                ? .el("a", .attr("href", list.href(page: list.page - 1)), .attr("rel", "prev"), .words(t("list.previous"))) : .empty,
            .el("span", .words(t("list.page-of", String(list.page), String(list.pageCount)))),
            list.hasNext ? .el("a", .attr("href", list.href(page: list.page + 1)), .attr("rel", "next"), .words(t("list.next"))) : .empty
        )
    }

    /// "n found", announced to screen readers when the list changes.
    static func count(_ list: ListQuery, _ t: Words) -> HTMLNode {
        .el("p", .attr("class", "result-count"), .attr("role", "status"), .words(t("list.count", String(list.total))))
    }

    /// A `<select>` of a filter form with an "any" option first; labels are keys or, for data, text.
    static func select(id: String, options: [Choice], _ t: Words) -> HTMLNode {
        .el(
            "select", .attr("id", id), .attr("name", id),
            .el("option", .attr("value", ""), .words(t("form.any"))),
            .group(
                options.map { option in
                    .el(
                        "option", .attr("value", option.value), .flag("selected", option.isSelected),
                        .words(option.label ?? t(option.labelKey)))
                })
        )
    }
}
