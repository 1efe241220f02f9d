import Foundation
import PraktikCore

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
            let genders = ValueLabels(Gender.self, prefix: "gender", t)
            let statuses = ValueLabels(ParticipantStatus.self, prefix: "participant-status", t)
            let erasedName = t("participant.erased-name")
            for row in page.rows { self.row(row, genders: genders, statuses: statuses, erasedName: erasedName, into: &html) }
        }
    }

    private static let participantLink = RecordLink(SiteURL.participant)

    private static func row(
        _ row: ParticipantsController.ListPage.Row, genders: ValueLabels, statuses: ValueLabels, erasedName: String,
        into html: inout HTMLWriter
    ) {
        html.element("tr") { html in
            html.element("td") { html in
                html.element("a", .href(participantLink, row.id)) { html in
                    if row.isErased {
                        html.text(erasedName)
                    } else {
                        name(last: row.lastName, first: row.firstName, into: &html)
                    }
                }
            }
            html.element("td") { $0.element("code", text: row.personNumber) }
            html.element("td", text: genders[row.gender])
            html.element("td", text: statuses[row.status])
            html.element("td", text: row.unitName)
        }
    }

    /// "Last, First", or whichever of the two there is.
    private static func name(last: String?, first: String?, into html: inout HTMLWriter) {
        if let last { html.text(last) }
        if last != nil, first != nil { html.markup(", ") }
        if let first { html.text(first) }
    }
}
