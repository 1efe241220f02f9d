import Foundation
import PraktikCore
import Vapor

/// The intake funnel by gender as a page and as CSV. Analysts see it for every intake with small
/// numbers hidden (and the cells that would give them away); the intake's case workers and admins,
/// who may open the applications anyway, see exact counts.
enum FunnelController {
    struct Page: Encodable {
        struct Row: Encodable {
            let stageKey: String
            let cells: [String]
            let total: String
            let share: String
        }

        let intakeName: String
        let backHref: String
        let rows: [Row]
        let columnKeys: [String]
        let exportHref: String
        let isSuppressed: Bool
        let threshold: Int
        let hasWithheld: Bool
        let withheldMark: String
        let medianDays: String?
        let decidedCount: String
        /// For staff: the command that writes the same funnel as CSV.
        let commandLine: String?
    }

    static func policy(_ request: Request) -> DisclosurePolicy { request.application.settings.disclosure }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let scope = IntakeScope(user: try request.requireUser())
        let intake = try await scope.findForFigures(request.idParameter, on: request.db)
        let id = try intake.requireID()
        let service = FunnelService(sql: try request.sql)
        let funnel = try await service.funnel(of: id)
        let suppressed = scope.seesAggregatesOnly
        let policy = policy(request)
        let cells = suppressed ? funnel.disclosed(by: policy) : nil
        let formatting = LocalFormatting(language: request.language)
        func text(_ stage: IntakeFunnel.Stage, _ gender: Gender?) -> String {
            if let cell = cells?[IntakeFunnel.Position(stage: stage, gender: gender)], cell.isHidden {
                return cell.text(threshold: policy.threshold)
            }
            return formatting.number(Double(gender.map { funnel.count(stage, $0) } ?? funnel.total(stage)))
        }
        func share(_ stage: IntakeFunnel.Stage) -> String {
            guard stage != .invited, stage != .applied else { return "" }
            // A share is a figure too: it is left out when either count is hidden.
            if let cells,
                cells[.init(stage: stage, gender: nil)]?.isHidden ?? false || cells[.init(stage: .applied, gender: nil)]?.isHidden ?? false
            {
                return ""
            }
            return funnel.share(of: stage, relativeTo: .applied).map { formatting.number($0 * 100, fractionDigits: 1) + " %" } ?? ""
        }
        let days = try await service.daysToDecision(of: id)
        let median = days.count >= policy.threshold || !suppressed ? Turnaround.median(days) : nil
        let page = Page(
            intakeName: intake.name, backHref: suppressed ? SiteURL.intakes.path : SiteURL.intake(id).path,
            rows: IntakeFunnel.Stage.allCases.map { stage in
                Page.Row(
                    stageKey: "funnel.stage.\(stage.rawValue)", cells: IntakeFunnel.genders.map { text(stage, $0) },
                    total: text(stage, nil),
                    share: share(stage))
            },
            columnKeys: IntakeFunnel.genders.map { "funnel.gender.\($0.rawValue)" },
            exportHref: SiteURL.intakeFunnelCSV(id).path, isSuppressed: suppressed, threshold: policy.threshold,
            hasWithheld: cells?.values.contains(.withheld) ?? false, withheldMark: DisclosedCell.withheldMark,
            medianDays: median.map { formatting.number($0, fractionDigits: 1) },
            decidedCount: suppressed && policy.isSmall(days.count)
                ? DisclosedCell.small.text(threshold: policy.threshold) : String(days.count),
            commandLine: suppressed ? nil : "praktik report funnel --intake \(id.uuidString.lowercased())")
        return try await request.render(
            "Intake/funnel", page, layout: .init(request: request, titleKey: "funnel.title", titleArgument: intake.name))
    }

    @Sendable static func export(_ request: Request) async throws -> Response {
        let scope = IntakeScope(user: try request.requireUser())
        let intake = try await scope.findForFigures(request.idParameter, on: request.db)
        let id = try intake.requireID()
        let funnel = try await FunnelService(sql: try request.sql).funnel(of: id)
        let text = FunnelService.csv(
            funnel, intakeID: id, intakeName: intake.name, policy: scope.seesAggregatesOnly ? policy(request) : nil)
        try await request.auditLog().record(.export, by: request.auditActor, recordType: .intakeFunnel, recordID: id)
        return CSVResponse.make(text, fileName: "praktik-funnel-\(id.uuidString.lowercased()).csv")
    }
}
