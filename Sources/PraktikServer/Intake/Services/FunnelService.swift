import Foundation
import PraktikCore
import SQLKit

/// The intake funnel by gender, counted in SQL: invited (outreach that went out), applied, the
/// colours as they stand, offered a place and given a placement decision; and the turnaround from
/// application to first decision.
struct FunnelService: Sendable {
    let sql: any SQLDatabase

    func funnel(of intakeID: UUID) async throws -> IntakeFunnel {
        var funnel = IntakeFunnel()
        struct Invited: Decodable {
            let gender: String
            let n: Int
        }
        let invited = try await sql.raw(
            """
            SELECT p.gender, COUNT(DISTINCT r.participant_id) AS n FROM outreach_recipients r
            JOIN participants p ON p.id = r.participant_id
            WHERE r.intake_id = \(bind: intakeID) AND r.sent_at IS NOT NULL GROUP BY p.gender
            """
        ).all(decoding: Invited.self)
        for row in invited { funnel.add(row.n, to: .invited, for: Gender(rawValue: row.gender) ?? .notStated) }

        struct Applied: Decodable {
            let gender: String
            let applied: Int
            let green: Int
            let orange: Int
            let red: Int
            let offered: Int
            let decided: Int
        }
        let rows = try await sql.raw(
            """
            SELECT gender, COUNT(*) AS applied,
              SUM(CASE WHEN colour = \(bind: EligibilityColour.green.rawValue) THEN 1 ELSE 0 END) AS green,
              SUM(CASE WHEN colour = \(bind: EligibilityColour.orange.rawValue) THEN 1 ELSE 0 END) AS orange,
              SUM(CASE WHEN colour = \(bind: EligibilityColour.red.rawValue) THEN 1 ELSE 0 END) AS red,
              SUM(CASE WHEN offered_at IS NOT NULL THEN 1 ELSE 0 END) AS offered,
              SUM(CASE WHEN placement_decided_at IS NOT NULL THEN 1 ELSE 0 END) AS decided
            FROM applications WHERE intake_id = \(bind: intakeID) GROUP BY gender
            """
        ).all(decoding: Applied.self)
        for row in rows {
            let gender = Gender(rawValue: row.gender) ?? .notStated
            funnel.add(row.applied, to: .applied, for: gender)
            funnel.add(row.green, to: .green, for: gender)
            funnel.add(row.orange, to: .orange, for: gender)
            funnel.add(row.red, to: .red, for: gender)
            funnel.add(row.offered, to: .offered, for: gender)
            funnel.add(row.decided, to: .decided, for: gender)
        }
        return funnel
    }

    /// Days from application to the first decision by a person, for every decided application.
    func daysToDecision(of intakeID: UUID) async throws -> [Double] {
        struct Row: Decodable {
            let submitted_at: Date
            let first_decided_at: Date
        }
        return try await sql.raw(
            """
            SELECT submitted_at, first_decided_at FROM applications
            WHERE intake_id = \(bind: intakeID) AND first_decided_at IS NOT NULL
            """
        ).all(decoding: Row.self).map { $0.first_decided_at.timeIntervalSince($0.submitted_at) / 86_400 }
    }

    /// The funnel as CSV rows: one per stage with women, men, other, not stated and the total;
    /// hidden cells as `<threshold` or the withheld mark when `policy` is given.
    static func csv(_ funnel: IntakeFunnel, intakeID: UUID, intakeName: String, policy: DisclosurePolicy?) -> String {
        let writer = CSVWriter()
        var text = writer.line(["intake_id", "intake_name", "stage", "women", "men", "other", "not_stated", "total"])
        let cells = policy.map { funnel.disclosed(by: $0) }
        for stage in IntakeFunnel.Stage.allCases {
            let columns: [Gender?] = IntakeFunnel.genders.map { Optional($0) } + [nil]
            let values = columns.map { gender -> String in
                if let policy, let cell = cells?[IntakeFunnel.Position(stage: stage, gender: gender)], cell.isHidden {
                    return cell.text(threshold: policy.threshold)
                }
                return String(gender.map { funnel.count(stage, $0) } ?? funnel.total(stage))
            }
            text += writer.line([intakeID.uuidString.lowercased(), intakeName, stage.rawValue] + values)
        }
        return text
    }
}
