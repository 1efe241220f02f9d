/// The case worker's place list (`PlacesController.ListPage`) as a Swift view.
enum PlaceListView {
    static func body(_ page: PlacesController.ListPage, _ t: Words, into html: inout HTMLWriter) {
        html.element("div", .attr("class", "page-heading")) { $0.element("h1", text: t("places.title")) }
        html.element("p", .attr("class", "lead")) { html in
            html.text(t("places.intro") + " ")
            html.element("a", .attr("href", page.proposedHref), text: t("places.awaiting-approval"))
        }
        html.element(
            "form", .attr("method", "get"), .attr("action", page.list.url.path), .attr("class", "form form--filters"),
            .attr("role", "search")
        ) { html in
            html.void("input", .attr("type", "hidden"), .attr("name", "employer"), .attr("value", page.employerID))
            html.element("div", .attr("class", "field")) { html in
                html.element("label", .attr("for", "q"), text: t("places.search"))
                html.void("input", .attr("id", "q"), .attr("name", "q"), .attr("type", "search"), .attr("value", page.search))
            }
            filter("status", label: t("place.status"), page.statuses, t, into: &html)
            filter("regime", label: t("place.regime"), page.regimes, t, into: &html)
            filter("unit", label: t("place.unit"), page.units, t, into: &html)
            filter("district", label: t("workplace.district"), page.districts, t, into: &html)
            html.element("button", .attr("type", "submit"), .attr("class", "button button--secondary"), text: t("form.filter"))
        }
        ListView.table(page.list, caption: t("places.title"), t, into: &html) { html in
            for header in page.headers {
                html.element("th", .attr("scope", "col"), .attr("aria-sort", header.ariaSort)) { html in
                    html.element("a", .attr("href", header.href), text: t(header.labelKey))
                }
            }
            html.element("th", .attr("scope", "col"), text: t("place.regime"))
        } rows: { html in
            for row in page.rows { self.row(row, t, into: &html) }
        }
    }

    private static func filter(_ id: String, label: String, _ options: [Choice], _ t: Words, into html: inout HTMLWriter) {
        html.element("div", .attr("class", "field")) { html in
            html.element("label", .attr("for", id), text: label)
            ListView.select(id: id, options: options, t, into: &html)
        }
    }

    private static func row(_ row: PlacesController.Row, _ t: Words, into html: inout HTMLWriter) {
        html.element("tr") { html in
            html.element("td") { $0.element("a", .attr("href", row.href), text: row.title) }
            html.element("td") { $0.element("a", .attr("href", row.employerHref), text: row.employer) }
            html.element("td", text: row.district)
            html.element("td", text: row.period)
            html.element("td", .attr("class", "number"), text: String(row.capacity))
            html.element("td") { $0.element("span", .attr("class", "state state--" + row.status), text: t(row.statusKey)) }
            html.element("td", text: row.unit)
            html.element("td", text: t(row.regimeKey))
        }
    }
}
