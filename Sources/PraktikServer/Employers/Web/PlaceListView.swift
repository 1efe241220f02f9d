import Foundation
import PraktikCore

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
            let statuses = ValueLabels(PlaceStatus.self, prefix: "place-status", t)
            let regimes = ValueLabels(PlaceRegime.self, prefix: "regime", t)
            for row in page.rows { self.row(row, statuses: statuses, regimes: regimes, into: &html) }
        }
    }

    private static func filter(_ id: String, label: String, _ options: [Choice], _ t: Words, into html: inout HTMLWriter) {
        html.element("div", .attr("class", "field")) { html in
            html.element("label", .attr("for", id), text: label)
            ListView.select(id: id, options: options, t, into: &html)
        }
    }

    private static let placeLink = RecordLink(SiteURL.place)
    private static let employerLink = RecordLink(SiteURL.employer)
    /// `state state--<status>` for each status, made once: a class per row was a string per row.
    private static let stateClasses = Dictionary(
        uniqueKeysWithValues: PlaceStatus.allCases.map { ($0.rawValue, "state state--" + $0.rawValue) })

    private static func row(_ row: PlaceDirectory.ListRow, statuses: ValueLabels, regimes: ValueLabels, into html: inout HTMLWriter) {
        html.element("tr") { html in
            html.element("td") { $0.element("a", .href(placeLink, row.id), text: row.title) }
            html.element("td") { $0.element("a", .href(employerLink, row.employer_id), text: row.employer_name) }
            html.element("td", text: row.district)
            html.element("td") { html in
                html.text(row.period_start)
                html.markup(" – ")
                html.text(row.period_end)
            }
            html.element("td", .attr("class", "number"), text: String(row.capacity))
            html.element("td") {
                $0.element("span", .attr("class", stateClasses[row.status] ?? "state state--" + row.status), text: statuses[row.status])
            }
            html.element("td", text: row.unit_name)
            html.element("td", text: regimes[row.regime])
        }
    }
}
