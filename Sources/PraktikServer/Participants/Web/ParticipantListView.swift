import Plot

/// The participant list (`ParticipantsController.ListPage`) as a Swift view.
enum ParticipantListView {
    static func body(_ page: ParticipantsController.ListPage, _ t: Words) -> HTMLNode {
        .group(
            .el(
                "div", .attr("class", "page-heading"),
                .el("h1", .words(t("participants.title"))),
                .el(
                    "div", .attr("class", "form--inline"),
                    .el(
                        "a", .attr("class", "button button--secondary"), .attr("href", page.transfersHref),
                        .words(t("participants.transfers"))),
                    .el("a", .attr("class", "button"), .attr("href", page.newHref), .words(t("participants.new")))
                )
            ),
            .el(
                "form", .attr("method", "get"), .attr("action", page.list.url.path), .attr("class", "form form--filters"),
                .attr("role", "search"),
                .el(
                    "div", .attr("class", "field"),
                    .el("label", .attr("for", "q"), .words(t("participants.search"))),
                    .void(
                        "input", .attr("id", "q"), .attr("name", "q"), .attr("type", "search"), .attr("value", page.search),
                        .attr("aria-describedby", "q-hint")),
                    .el("p", .attr("class", "hint"), .attr("id", "q-hint"), .words(t("participants.search.hint")))
                ),
                .el(
                    "div", .attr("class", "field"),
                    .el("label", .attr("for", "status"), .words(t("participants.status"))),
                    ListView.select(id: "status", options: page.statuses, t)
                ),
                .el("button", .attr("type", "submit"), .attr("class", "button button--secondary"), .words(t("form.filter")))
            ),
            ListView.count(page.list, t),
            .el(
                "div", .attr("class", "table-wrap"),
                .el(
                    "table",
                    .el("caption", .attr("class", "visually-hidden"), .words(t("participants.title"))),
                    .el(
                        "thead",
                        .el(
                            "tr",
                            .group(
                                [
                                    t("participants.name"), t("participant.person-number"), t("participant.gender"),
                                    t("participants.status"), t("participant.unit"),
                                ]
                                .map { .el("th", .attr("scope", "col"), .words($0)) })
                        )),
                    .el("tbody", page.rows.map { row(of: $0, t) })
                )
            ),
            ListView.pagination(page.list, t)
        )
    }

    private static func row(of row: ParticipantsController.ListPage.Row, _ t: Words) -> HTMLNode {
        .el(
            "tr",
            .el("td", .el("a", .attr("href", row.href), .words(row.isErased ? t("participant.erased-name") : row.name))),
            .el("td", .el("code", .words(row.personNumber))),
            .el("td", .words(t(row.genderKey))),
            .el("td", .words(t(row.statusKey))),
            .el("td", .words(row.unitName))
        )
    }
}
