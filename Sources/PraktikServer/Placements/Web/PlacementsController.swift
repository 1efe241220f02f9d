import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The case worker's pages for placements: the list, deciding a placement for a participant, and
/// (in the extensions) the placement's page with its actions and the decision letter. Every lookup
/// goes through `PlacementScope`, so a placement outside it is not found.
enum PlacementsController {
    // MARK: List

    struct ListPage: Encodable {
        struct Row: Encodable {
            let href: String
            let name: String
            let place: String
            let employer: String
            let period: String
            let statusKey: String
            let status: String
        }

        let rows: [Row]
        let list: ListQuery
        let search: String
        let statuses: [Choice]
        let programmes: [Choice]
        let headers: [ListQuery.SortLink]
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let search = request.query("q"), statusText = request.query("status"), programme = request.query("programme")
        var list = ListQuery(
            request, url: .placements, filters: ["q": search, "status": statusText, "programme": programme],
            sort: (PlacementDirectory.sortColumns, "start"))
        let filter = PlacementDirectory.Filter(
            search: search, status: PlacementStatus(rawValue: statusText), programme: programme,
            scope: PlacementScope(user: user).condition(alias: "pa"))
        let (rows, total) = try await PlacementDirectory(sql: try request.sql).page(
            filter, sort: list.sort, limit: list.limit, offset: list.offset)
        list.total = total
        let language = request.language.tag
        let page = ListPage(
            rows: rows.map {
                ListPage.Row(
                    href: SiteURL.placement($0.id).path, name: $0.participantName.isEmpty ? "–" : $0.participantName, place: $0.place_title,
                    employer: $0.employer_name, period: $0.start + " – " + $0.end, statusKey: "placement-status.\($0.status)",
                    status: $0.status)
            },
            list: list, search: search,
            statuses: Choice.all(PlacementStatus.self, prefix: "placement-status", selected: statusText),
            programmes: try await PlacementProgrammes(database: request.db).all().map {
                Choice(value: $0.code, label: $0.name(in: language), isSelected: $0.code == programme)
            },
            headers: list.sortLinks([
                ("name", "placement.participant"), ("employer", "placement.employer"), ("start", "placement.period"),
                ("status", "placement.status"),
            ]))
        return try await request.render("Placements/list", page, layout: .init(request: request, titleKey: "placements.title"))
    }

    // MARK: Deciding

    struct NewPage: Encodable {
        struct PlaceOption: Encodable {
            let id: String
            let title: String
            let employer: String
            let district: String
            let period: String
            let seats: String
            let isSelected: Bool
        }

        let participantName: String
        let participantHref: String
        let action: String
        let searchAction: String
        let search: String
        let places: [PlaceOption]
        let hasPlaces: Bool
        let searched: Bool
        let programmes: [Choice]
        let purposes: [PurposeGroup]
        let languages: [Choice]
        let values: Values
        let errors: [String: String]
        let hasErrors: Bool
        let refusals: [RefusalRow]
        let hasRefusals: Bool
    }

    struct PurposeGroup: Encodable {
        let programme: String
        let options: [Choice]
    }

    struct RefusalRow: Encodable {
        let messageKey: String
        let detailKey: String
        let detail: String
        let hasDetail: Bool
    }

    struct Values: Encodable {
        var placeID = ""
        var programme = ""
        var start = ""
        var end = ""
        var purpose = ""
        var language = ""
        var justification = ""
    }

    struct DecisionForm: Content {
        var placeID: String?
        var programme: String?
        var start: String?
        var end: String?
        var purpose: String?
        var language: String?
        var justification: String?

        var values: Values {
            Values(
                placeID: placeID ?? "", programme: programme ?? "", start: start ?? "", end: end ?? "", purpose: purpose ?? "",
                language: language ?? "", justification: justification ?? "")
        }
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        let participant = try await ParticipantScope(user: try request.requireUser()).find(request.idParameter, on: request.db)
        var values = Values()
        values.placeID = request.query("place")
        values.start = (try request.application.clock.today().adding(days: 14) ?? (try request.application.clock.today())).description
        return try await renderNew(request, participant: participant, values: values, errors: [:], refusals: [], status: .ok)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let participant = try await ParticipantScope(user: try request.requireUser()).find(request.idParameter, on: request.db)
        let form = try request.content.decode(DecisionForm.self)
        var errors = FormErrors()
        let start = CivilDate(iso8601: form.start ?? "")
        if start == nil { errors.add("start", "form.date") }
        let endText = (form.end ?? "").trimmingCharacters(in: .whitespaces)
        let end = endText.isEmpty ? nil : CivilDate(iso8601: endText)
        if !endText.isEmpty, end == nil { errors.add("end", "form.date") }
        let placeID = UUID(uuidString: form.placeID ?? "")
        if placeID == nil { errors.add("placeID", "placement.place.required") }
        guard errors.isEmpty, let start, let placeID else {
            return try await renderNew(
                request, participant: participant, values: form.values, errors: errors.fields, refusals: [], status: .badRequest)
        }
        let input = PlacementDecisionService.Input(
            participantID: try participant.requireID(), placeID: placeID, programme: form.programme ?? "", start: start, end: end,
            basis: .direct(justification: form.justification ?? ""), purpose: form.purpose,
            language: (form.language ?? "").isEmpty ? nil : form.language,
            note: nil)
        do {
            let placement = try await PlacementDecisionService(database: request.db, clock: request.application.clock)
                .decide(input, by: request.auditActor)
            return request.redirectShowingSaved(to: .placement(placement.id))
        } catch let errors as FormErrors {
            return try await renderNew(
                request, participant: participant, values: form.values, errors: errors.fields, refusals: [], status: .badRequest)
        } catch let refused as PlacementDecisionService.Refused {
            return try await renderNew(
                request, participant: participant, values: form.values, errors: [:], refusals: refused.refusals, status: .conflict)
        }
    }

    static func renderNew(
        _ request: Request, participant: Participant, values: Values, errors: [String: String], refusals: [PlacementDecision.Refusal],
        status: HTTPResponseStatus
    ) async throws -> Response {
        let search = request.query("q")
        let sql = try request.sql
        var options: [NewPage.PlaceOption] = []
        // The places to choose from: open ones with a free seat, found by a search, plus the chosen one.
        let selected = UUID(uuidString: values.placeID)
        if !search.trimmingCharacters(in: .whitespaces).isEmpty || selected != nil {
            var filter = PlaceDirectory.Filter(search: search, status: .open)
            if search.trimmingCharacters(in: .whitespaces).isEmpty, let selected {
                filter = PlaceDirectory.Filter()
                filter.onlyPlaces = [selected]
            }
            let (rows, _) = try await PlaceDirectory(sql: sql).page(filter, sort: PlaceDirectory.byStart, limit: 30, offset: 0)
            let seats = try await freeSeats(of: rows.map(\.id), on: sql)
            options = rows.map {
                NewPage.PlaceOption(
                    id: $0.id.uuidString, title: $0.title, employer: $0.employer_name, district: $0.district,
                    period: $0.period_start + " – " + $0.period_end, seats: "\(seats[$0.id] ?? 0) / \($0.capacity)",
                    isSelected: $0.id == selected)
            }
        }
        var checkNames: [String: String] = [:]
        for type in try await request.employerCheckService.types(includingInactive: true) { checkNames[type.key] = request.name(of: type) }
        let (programmes, purposes) = try await programmeChoices(request, programme: values.programme, purpose: values.purpose)
        let page = NewPage(
            participantName: participant.displayName, participantHref: SiteURL.participant(participant.id).path,
            action: SiteURL.participantPlacements(participant.id).path, searchAction: SiteURL.participantPlacementNew(participant.id).path,
            search: search, places: options, hasPlaces: !options.isEmpty, searched: !search.isEmpty,
            programmes: programmes, purposes: purposes,
            languages: PlacementDecisionService.languages.map {
                Choice(value: $0, labelKey: "placement-language.\($0)", isSelected: $0 == values.language)
            },
            values: values, errors: errors, hasErrors: !errors.isEmpty,
            refusals: refusals.map { refusalRow($0, checkNames: checkNames) }, hasRefusals: !refusals.isEmpty)
        return try await request.render(
            "Placements/new", page,
            layout: .init(request: request, titleKey: "placement.new.title", titleArgument: participant.displayName),
            status: status)
    }

    /// The active programmes and their purposes, grouped by programme, for a decision form.
    static func programmeChoices(_ request: Request, programme selectedProgramme: String, purpose selectedPurpose: String) async throws -> (
        programmes: [Choice], purposes: [PurposeGroup]
    ) {
        let language = request.language.tag
        let directory = PlacementProgrammes(database: request.db)
        let programmes = try await directory.active()
        var purposes: [PurposeGroup] = []
        for programme in programmes {
            purposes.append(
                PurposeGroup(
                    programme: programme.name(in: language),
                    options: try await directory.purposes(of: programme.code).map {
                        Choice(value: $0.code, label: $0.name(in: language), isSelected: $0.code == selectedPurpose)
                    }))
        }
        return (programmes.map { Choice(value: $0.code, label: $0.name(in: language), isSelected: $0.code == selectedProgramme) }, purposes)
    }

    static func refusalRow(_ refusal: PlacementDecision.Refusal, checkNames: [String: String]) -> RefusalRow {
        let detailKey: String
        switch refusal.code {
        case .placeNotUsable: detailKey = refusal.detail ?? ""
        case .consentMissing: detailKey = "consent-purpose." + (refusal.detail ?? "")
        default: detailKey = ""
        }
        let check = refusal.checkKey.map { checkNames[$0] ?? $0 } ?? ""
        return RefusalRow(messageKey: refusal.code.rawValue, detailKey: detailKey, detail: check, hasDetail: !detailKey.isEmpty)
    }

    static func freeSeats(of placeIDs: [UUID], on sql: any SQLDatabase) async throws -> [UUID: Int] {
        guard !placeIDs.isEmpty else { return [:] }
        struct Row: Decodable {
            let id: UUID
            let free: Int
        }
        let rows = try await sql.raw("SELECT id, capacity - seats_taken AS free FROM places WHERE id IN (\(binds: placeIDs))").all(
            decoding: Row.self)
        return Dictionary(rows.map { ($0.id, max(0, $0.free)) }, uniquingKeysWith: { first, _ in first })
    }
}
