/// The participant list (`ParticipantsController.ListPage`) as a Swift view.
enum ParticipantListView {
    static func body(_ page: ParticipantsController.ListPage, _ t: Words, into html: inout HTMLWriter) {
        html.element("div", .attr("class", "page-heading")) { html in
            html.element("h1", text: t("participants.title"))
            html.element("div", .attr("class", "form--inline")) { html in
                html.element(
                    "a", .attr("class", "button button--secondary"), .attr("href", page.transfersHref), text: t("participants.transfers"))
                html.element("a", .attr("class", "button"), .attr("href", page.newHref), text: t("participants.new"))
            }
        }
        html.element(
            "form", .attr("method", "get"), .attr("action", page.list.url.path), .attr("class", "form form--filters"),
            .attr("role", "search")
        ) { html in
            html.element("div", .attr("class", "field")) { html in
                html.element("label", .attr("for", "q"), text: t("participants.search"))
                html.void(
                    "input", .attr("id", "q"), .attr("name", "q"), .attr("type", "search"), .attr("value", page.search),
                    .attr("aria-describedby", "q-hint"))
                html.element("p", .attr("class", "hint"), .attr("id", "q-hint"), text: t("participants.search.hint"))
            }
            html.element("div", .attr("class", "field")) { html in
                html.element("label", .attr("for", "status"), text: t("participants.status"))
                ListView.select(id: "status", options: page.statuses, t, into: &html)
            }
            html.element("button", .attr("type", "submit"), .attr("class", "button button--secondary"), text: t("form.filter"))
        }
        ListView.table(page.list, caption: t("participants.title"), t, into: &html) { html in
            let labels = [
                t("participants.name"), t("participant.person-number"), t("participant.gender"), t("participants.status"),
                t("participant.unit"),
            ]
            for label in labels { html.element("th", .attr("scope", "col"), text: label) }
        } rows: { html in
            for row in page.rows { self.row(row, t, into: &html) }
        }
    }

    private static func row(_ row: ParticipantsController.ListPage.Row, _ t: Words, into html: inout HTMLWriter) {
        html.element("tr") { html in
            html.element("td") { $0.element("a", .attr("href", row.href), text: row.isErased ? t("participant.erased-name") : row.name) }
            html.element("td") { $0.element("code", text: row.personNumber) }
            html.element("td", text: t(row.genderKey))
            html.element("td", text: t(row.statusKey))
            html.element("td", text: row.unitName)
        }
    }
}
