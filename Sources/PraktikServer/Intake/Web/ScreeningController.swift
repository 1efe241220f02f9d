import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The screening queue of an intake for its case workers: filters, a decision on many at once,
/// and each application beside the rules that fired.
enum ScreeningController {
    struct QueuePage: Encodable {
        struct Row: Encodable {
            let id: String
            let name: String
            let href: String
            let colour: String
            let colourKey: String
            let rulesColourKey: String
            let overridden: Bool
            let rules: [String]
            let fieldKey: String?
            let district: String
            let submittedAt: Date
            let statusKey: String
        }

        struct ColourLink: Encodable {
            let labelKey: String
            let colour: String
            let count: Int
            let href: String
            let isCurrent: Bool
        }

        let intakeName: String
        let intakeHref: String
        let action: String
        let decisionAction: String
        let rows: [Row]
        let list: ListQuery
        let colours: [ColourLink]
        let statuses: [Choice]
        let rules: [Choice]
        let districts: [Choice]
        let fields: [Choice]
        let search: String
        let filter: [String: String]
        let headers: [ListQuery.SortLink]
        let matching: Int
        let colourChoices: [Choice]
        /// After a decision: how many were decided and how many skipped.
        let decided: String?
        let skipped: String
        let errorKey: String?
        let justification: String
    }

    static func filter(_ request: Request) -> (ScreeningQueue.Filter, [String: String]) {
        let colour = request.query("colour"), status = request.query("status"), rule = request.query("rule")
        let district = request.query("district"), field = request.query("field"), search = request.query("q")
        var filter = ScreeningQueue.Filter()
        filter.colour = EligibilityColour(rawValue: colour)
        // No status chosen: the applications waiting for a decision; "all": every status.
        filter.status = status == "all" ? nil : ApplicationStatus(rawValue: status) ?? .submitted
        filter.rule = String(rule.prefix(80))
        filter.district = String(district.prefix(100))
        filter.field = String(field.prefix(80))
        filter.search = String(search.prefix(100))
        let values = [
            "colour": filter.colour?.rawValue ?? "", "status": status == "all" ? "all" : filter.status?.rawValue ?? "",
            "rule": filter.rule, "district": filter.district, "field": filter.field, "q": filter.search,
        ]
        return (filter, values)
    }

    static func encode(_ values: [String: String]) -> String {
        QueryString.encode(["colour", "status", "rule", "district", "field", "q"].map { (key: $0, value: values[$0] ?? "") })
    }

    @Sendable static func queue(_ request: Request) async throws -> Response {
        let intake = try await IntakesController.find(request)
        let decided = request.query("decided"), skipped = request.query("skipped")
        return try await renderQueue(
            request, intake: intake, notice: decided.isEmpty ? nil : "screening.decided",
            noticeArguments: [decided, skipped.isEmpty ? "0" : skipped],
            errorKey: nil, justification: "", status: .ok)
    }

    static func renderQueue(
        _ request: Request, intake: Intake, notice: String?, noticeArguments: [String], errorKey: String?, justification: String,
        status: HTTPResponseStatus
    ) async throws -> Response {
        let id = try intake.requireID()
        let (filter, values) = Self.filter(request)
        let queue = ScreeningQueue(sql: try request.sql)
        var list = ListQuery(
            request, url: .intakeScreening(id),
            filters: [
                "colour": values["colour"] ?? "", "status": values["status"] ?? "", "rule": values["rule"] ?? "",
                "district": values["district"] ?? "", "field": values["field"] ?? "", "q": values["q"] ?? "",
            ],
            sort: (ScreeningQueue.sortColumns, "submitted"), perPage: 100)
        let (rows, total) = try await queue.page(intakeID: id, filter, sort: list.sort, limit: list.limit, offset: list.offset)
        list.total = total
        let fired = try await queue.firedRules(of: rows.map(\.id))
        let counts = try await queue.colourCounts(intakeID: id, filter)
        let choices = try await queue.choices(intakeID: id)
        let ruleSet = try await RuleSetStore(database: request.db, clock: request.application.clock).load(intake.$ruleSet.id)
        // Rules by their text in the reader's language: a code is for the file, not the page.
        let tag = request.language.tag
        let ruleTexts = Dictionary(ruleSet.rules.map { ($0.code, $0.text(in: tag)) }, uniquingKeysWith: { first, _ in first })
        let query = list.filterQuery
        let base = SiteURL.intakeScreening(id).path
        var colourLinks: [QueuePage.ColourLink] = []
        for colour in EligibilityColour.allCases {
            var linkValues = values
            linkValues["colour"] = colour.rawValue
            colourLinks.append(
                .init(
                    labelKey: "colour.\(colour.rawValue)", colour: colour.rawValue, count: counts[colour] ?? 0,
                    href: base + "?" + encode(linkValues), isCurrent: filter.colour == colour))
        }
        let page = QueuePage(
            intakeName: intake.name, intakeHref: SiteURL.intake(id).path, action: base,
            decisionAction: SiteURL.intakeDecisions(id).path + (query.isEmpty ? "" : "?" + query),
            rows: rows.map { row in
                QueuePage.Row(
                    id: row.id.uuidString, name: [row.last_name, row.first_name].compactMap { $0 }.joined(separator: ", "),
                    href: SiteURL.application(row.id).path, colour: row.colour, colourKey: "colour.\(row.colour)",
                    rulesColourKey: "colour.\(row.rules_colour)", overridden: row.colour != row.rules_colour,
                    rules: (fired[row.id] ?? []).map { ruleTexts[$0] ?? $0 },
                    fieldKey: row.education_field.map { "education-field.\($0)" }, district: row.home_district ?? "",
                    submittedAt: row.submitted_at, statusKey: "application-status.\(row.status)")
            },
            list: list, colours: colourLinks,
            statuses: [Choice(value: "all", labelKey: "screening.status.all", isSelected: values["status"] == "all")]
                + Choice.all(ApplicationStatus.self, prefix: "application-status", selected: values["status"]),
            rules: ruleSet.rules.map { Choice(value: $0.code, label: $0.text(in: tag), isSelected: $0.code == filter.rule) },
            districts: choices.districts.map { Choice(value: $0, label: $0, isSelected: $0 == filter.district) },
            fields: choices.fields.map { Choice(value: $0, labelKey: "education-field.\($0)", isSelected: $0 == filter.field) },
            search: filter.search, filter: values,
            headers: list.sortLinks([
                ("name", "screening.column.name"), ("colour", "screening.column.colour"), ("field", "screening.column.field"),
                ("district", "screening.column.district"), ("submitted", "screening.column.submitted"),
                ("status", "screening.column.status"),
            ]),
            matching: total, colourChoices: Choice.all(EligibilityColour.self, prefix: "colour", selected: filter.colour?.rawValue),
            decided: notice == nil ? nil : noticeArguments.first, skipped: noticeArguments.dropFirst().first ?? "0",
            errorKey: errorKey, justification: justification)
        return try await request.render(
            "Intake/screening", page, layout: .init(request: request, titleKey: "screening.title", titleArgument: intake.name),
            status: status)
    }

    struct DecisionForm: Content {
        var ids: [String]?
        /// `selected` (the ticked rows) or `all` (every application the filter matches).
        var scope: String?
        var colour: String?
        var justification: String?
        var expectedCount: Int?
    }

    @Sendable static func decide(_ request: Request) async throws -> Response {
        let intake = try await IntakesController.find(request)
        let form = try request.content.decode(DecisionForm.self)
        let (filter, values) = Self.filter(request)
        var ids: [UUID]
        if form.scope == "all" {
            ids = try await ScreeningQueue(sql: try request.sql).ids(intakeID: try intake.requireID(), filter)
            if ids.count != form.expectedCount {
                return try await renderQueue(
                    request, intake: intake, notice: nil, noticeArguments: [], errorKey: "screening.list-changed",
                    justification: form.justification ?? "", status: .conflict)
            }
        } else {
            ids = (form.ids ?? []).compactMap(UUID.init(uuidString:))
        }
        guard !ids.isEmpty else {
            return try await renderQueue(
                request, intake: intake, notice: nil, noticeArguments: [], errorKey: "screening.nothing-selected",
                justification: form.justification ?? "", status: .badRequest)
        }
        guard let colour = form.colour.flatMap(EligibilityColour.init(rawValue:)), ApplicationStatus.decisions[colour] != nil else {
            return try await renderQueue(
                request, intake: intake, notice: nil, noticeArguments: [], errorKey: "screening.decision.choose",
                justification: form.justification ?? "", status: .badRequest)
        }
        do {
            let summary = try await decisions(request).decide(ids, in: intake, as: colour, justification: form.justification ?? "")
            await request.deliverMail()
            var query = encode(values)
            query += (query.isEmpty ? "" : "&") + "decided=\(summary.decided)&skipped=\(summary.skipped)"
            return request.redirect(to: SiteURL.intakeScreening(intake.id).path + "?" + query)
        } catch let errors as FormErrors {
            return try await renderQueue(
                request, intake: intake, notice: nil, noticeArguments: [], errorKey: errors.fields.values.first,
                justification: form.justification ?? "", status: .badRequest)
        }
    }

    static func decisions(_ request: Request) -> ScreeningDecisions {
        ScreeningDecisions(
            database: request.db, clock: request.application.clock, messages: ApplyController.messages(request), actor: request.auditActor)
    }
}
