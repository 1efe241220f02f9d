import Plot

/// The case worker's place list (`PlacesController.ListPage`) as a Swift view.
enum PlaceListView {
    static func body(_ page: PlacesController.ListPage, _ t: Words) -> HTMLNode {
        .group(
            .el("div", .attr("class", "page-heading"), .el("h1", .words(t("places.title")))),
            .el(
                "p", .attr("class", "lead"), .words(t("places.intro") + " "),
                .el("a", .attr("href", page.proposedHref), .words(t("places.awaiting-approval")))),
            .el(
                "form", .attr("method", "get"), .attr("action", page.list.url.path), .attr("class", "form form--filters"),
                .attr("role", "search"),
                .void("input", .attr("type", "hidden"), .attr("name", "employer"), .attr("value", page.employerID)),
                .el(
                    "div", .attr("class", "field"),
                    .el("label", .attr("for", "q"), .words(t("places.search"))),
                    .void("input", .attr("id", "q"), .attr("name", "q"), .attr("type", "search"), .attr("value", page.search))
                ),
                filter("status", label: t("place.status"), page.statuses, t),
                filter("regime", label: t("place.regime"), page.regimes, t),
                filter("unit", label: t("place.unit"), page.units, t),
                filter("district", label: t("workplace.district"), page.districts, t),
                .el("button", .attr("type", "submit"), .attr("class", "button button--secondary"), .words(t("form.filter")))
            ),
            ListView.count(page.list, t),
            .el(
                "div", .attr("class", "table-wrap"),
                .el(
                    "table",
                    .el("caption", .attr("class", "visually-hidden"), .words(t("places.title"))),
                    .el(
                        "thead",
                        .el(
                            "tr",
                            .group(
                                page.headers.map { header in
                                    .el(
                                        "th", .attr("scope", "col"), .attr("aria-sort", header.ariaSort),
                                        .el("a", .attr("href", header.href), .words(t(header.labelKey))))
                                }),
                            .el("th", .attr("scope", "col"), .words(t("place.regime")))
                        )),
                    .el("tbody", page.rows.map { row(of: $0, t) })
                )
            ),
            ListView.pagination(page.list, t)
        )
    }

    private static func filter(_ id: String, label: String, _ options: [Choice], _ t: Words) -> HTMLNode {
        .el("div", .attr("class", "field"), .el("label", .attr("for", id), .words(label)), ListView.select(id: id, options: options, t))
    }

    private static func row(of row: PlacesController.Row, _ t: Words) -> HTMLNode {
        .el(
            "tr",
            .el("td", .el("a", .attr("href", row.href), .words(row.title))),
            .el("td", .el("a", .attr("href", row.employerHref), .words(row.employer))),
            .el("td", .words(row.district)),
            .el("td", .words(row.period)),
            .el("td", .attr("class", "number"), .words(String(row.capacity))),
            .el("td", .el("span", .attr("class", "state state--" + row.status), .words(t(row.statusKey)))),
            .el("td", .words(row.unit)),
            .el("td", .words(t(row.regimeKey)))
        )
    }
}
