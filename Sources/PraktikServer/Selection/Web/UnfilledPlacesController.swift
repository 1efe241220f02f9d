import Foundation
import PraktikCore
import Vapor

/// `/intakes/{id}/unfilled`: every place of the intake with empty seats and why (`UnfilledPlaces`),
/// counted by reason, as a page and CSV. The intake's case workers may set their own reason with a
/// note; analysts see the list without the notes (free text may name people).
enum UnfilledPlacesController {
    struct Page: Encodable {
        struct Summary: Encodable {
            let reasonKey: String
            let places: Int
            let seats: Int
            /// The list narrowed to this reason.
            let href: String
            let isCurrent: Bool
        }

        struct Row: Encodable {
            let placeID: String
            let title: String
            let employer: String
            let occupationField: String
            let district: String
            let emptySeats: Int
            let capacity: Int
            let reasonKey: String
            let isOverridden: Bool
            let computedKey: String
            let note: String
            /// Leaf's `#if` counts an empty string as true.
            let hasNote: Bool
            let reasons: [Choice]
        }

        let intakeName: String
        let backHref: String
        let exportHref: String
        let action: String
        let summary: [Summary]
        let rows: [Row]
        let hasRows: Bool
        let totalPlaces: Int
        let totalSeats: Int
        let mayOverride: Bool
        /// The places shown: one reason's, or all; 50 to a page, since an intake has thousands of
        /// places and each row carries a form.
        let list: ListQuery
        let filterKey: String?
        let allHref: String
        /// Where a saved reason brings the case worker back: this page of this list.
        let returnPage: String
        let returnReason: String
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let scope = IntakeScope(user: try request.requireUser())
        let intake = try await scope.findForFigures(request.idParameter, on: request.db)
        let rows = try await UnfilledPlaces(database: request.db, clock: request.application.clock).rows(of: intake)
        return try await render(request, intake: intake, rows: rows, staff: !scope.seesAggregatesOnly, status: .ok)
    }

    static func render(_ request: Request, intake: Intake, rows: [UnfilledPlaces.Row], staff: Bool, status: HTTPResponseStatus)
        async throws -> Response
    {
        let id = try intake.requireID()
        let filter = UnfilledPlaceReason(rawValue: request.query("reason"))
        var list = ListQuery(request, url: .intakeUnfilled(id), filters: ["reason": filter?.rawValue ?? ""])
        let shown = filter.map { reason in rows.filter { $0.reason == reason } } ?? rows
        list.total = shown.count
        let summary = UnfilledPlaceReason.allCases.compactMap { reason -> Page.Summary? in
            let matching = rows.filter { $0.reason == reason }
            guard !matching.isEmpty else { return nil }
            return Page.Summary(
                reasonKey: reason.key, places: matching.count, seats: matching.reduce(0) { $0 + $1.emptySeats },
                href: SiteURL.intakeUnfilled(id).path(query: ["reason": reason.rawValue]), isCurrent: reason == filter)
        }
        let page = Page(
            intakeName: intake.name, backHref: staff ? SiteURL.intake(id).path : SiteURL.intakes.path,
            exportHref: SiteURL.intakeUnfilledCSV(id).path, action: SiteURL.intakeUnfilled(id).path, summary: summary,
            rows: shown.dropFirst(list.offset).prefix(list.limit).map { row in
                Page.Row(
                    placeID: row.placeID.uuidString, title: row.title, employer: row.employer, occupationField: row.occupationField,
                    district: row.district, emptySeats: row.emptySeats, capacity: row.capacity, reasonKey: row.reason.key,
                    isOverridden: row.override != nil, computedKey: row.computed.key, note: staff ? row.note ?? "" : "",
                    hasNote: staff && !(row.note ?? "").isEmpty,
                    reasons: UnfilledPlaceReason.allCases.map {
                        Choice(value: $0.rawValue, labelKey: $0.key, isSelected: $0 == row.override)
                    })
            }, hasRows: !rows.isEmpty, totalPlaces: rows.count, totalSeats: rows.reduce(0) { $0 + $1.emptySeats }, mayOverride: staff,
            list: list, filterKey: filter?.key, allHref: SiteURL.intakeUnfilled(id).path, returnPage: String(list.page),
            returnReason: filter?.rawValue ?? "")
        return try await request.render(
            "Selection/unfilled", page, layout: .init(request: request, titleKey: "unfilled.title", titleArgument: intake.name),
            status: status)
    }

    struct ReasonForm: Content {
        var placeID: UUID?
        var reason: String?
        var note: String?
        /// The list the form was on (its reason filter and page), to come back to.
        var returnReason: String?
        var returnPage: Int?
    }

    @Sendable static func setReason(_ request: Request) async throws -> Response {
        let intake = try await IntakeScope(user: try request.requireUser()).find(request.idParameter, on: request.db)
        let form = try request.content.decode(ReasonForm.self)
        guard let placeID = form.placeID else { throw AppError.notFound }
        let reason: UnfilledPlaceReason?
        switch form.reason ?? "" {
        case "": reason = nil
        case let code:
            guard let known = UnfilledPlaceReason(rawValue: code) else { throw AppError.badRequest(messageKey: "unfilled.reason.unknown") }
            reason = known
        }
        try await UnfilledPlaces(database: request.db, clock: request.application.clock).setReason(
            reason, note: form.note ?? "", placeID: placeID, of: intake, by: request.auditActor)
        var back: [(key: String, value: String)] = [(key: SavedNotice.parameter, value: "true")]
        if let filter = form.returnReason.flatMap(UnfilledPlaceReason.init(rawValue:)) {
            back.append((key: "reason", value: filter.rawValue))
        }
        if let page = form.returnPage, page > 1 { back.append((key: "page", value: String(min(page, 100_000)))) }
        let path = SiteURL.intakeUnfilled(intake.id).path + "?" + QueryString.encode(back)
        return request.redirect(to: path + "#place-\(placeID.uuidString)")
    }

    @Sendable static func export(_ request: Request) async throws -> Response {
        let scope = IntakeScope(user: try request.requireUser())
        let intake = try await scope.findForFigures(request.idParameter, on: request.db)
        let rows = try await UnfilledPlaces(database: request.db, clock: request.application.clock).rows(of: intake)
        let delimiter: Character = request.query("delimiter") == "semicolon" ? ";" : ","
        return CSVResponse.make(
            UnfilledPlaces.csv(rows, withNotes: !scope.seesAggregatesOnly, delimiter: delimiter),
            fileName: "praktik-unfilled-\(try intake.requireID().uuidString.lowercased()).csv")
    }
}
