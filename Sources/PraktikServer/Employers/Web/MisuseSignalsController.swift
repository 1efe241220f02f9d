import PraktikCore
import Vapor

/// The case worker's list of employers with misuse signals.
enum MisuseSignalsController {
    struct Page: Encodable {
        let rows: [Row]
        let count: Int
        let thresholds: Thresholds
    }

    struct Row: Encodable {
        let href: String
        let name: String
        let signalKeys: [String]
        let internsInWindow: Int
        let hiresInWindow: Int
        let currentInterns: Int
        let employees: String
        let overdueRequests: Int
        let mostRepeated: Int
    }

    struct Thresholds: Encodable {
        let repeatedPlacements: Int
        let internsWithoutHire: Int
        let lookBackDays: Int
        let maximumInternSharePercent: Int
        let unansweredRequests: Int
        let answerDays: Int
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let service = try request.misuseSignalService()
        let flagged = try await service.flagged()
        let t = service.thresholds
        let page = Page(
            rows: flagged.map {
                Row(
                    href: SiteURL.employer($0.employerID).path, name: $0.name, signalKeys: $0.signals.map { "signal.\($0.rawValue)" },
                    internsInWindow: $0.activity.internsInWindow, hiresInWindow: $0.activity.hiresInWindow,
                    currentInterns: $0.activity.currentInterns, employees: $0.activity.employees.map(String.init) ?? "",
                    overdueRequests: $0.activity.overdueRequests, mostRepeated: $0.activity.mostPlacementsOfOneParticipantAtOneWorkplace)
            },
            count: flagged.count,
            thresholds: Thresholds(
                repeatedPlacements: t.repeatedPlacements, internsWithoutHire: t.internsWithoutHire, lookBackDays: t.lookBackDays,
                maximumInternSharePercent: Int((t.maximumInternShare * 100).rounded()), unansweredRequests: t.unansweredRequests,
                answerDays: t.answerDays))
        return try await request.render("Employers/signals", page, layout: .init(request: request, titleKey: "signals.title"))
    }
}
