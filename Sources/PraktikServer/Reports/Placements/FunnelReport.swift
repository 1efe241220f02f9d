import Fluent
import Foundation
import PraktikCore
import SQLKit

/// `funnel` (seed 004) under the report framework: the funnel of every intake whose application
/// window closed in the period, by gender. The same counts and protection as the intake's own funnel
/// page (`FunnelService`, `IntakeFunnel.disclosed`), so an analyst cannot learn more from one than
/// from the other; `praktik report funnel --intake ID` keeps the one-intake CSV.
extension PlacementReports {
    struct ReportedIntake: Decodable {
        let id: UUID
        let name: String
    }

    /// The intakes a period's intake reports cover: those whose application window closed in it.
    func intakesClosed(in period: Period) async throws -> [ReportedIntake] {
        try await sql.raw(
            """
            SELECT id, name FROM intakes
            WHERE closes_on >= \(bind: period.from.description) AND closes_on <= \(bind: period.to.description)
            ORDER BY closes_on, name, id
            """
        ).all(decoding: ReportedIntake.self)
    }

    /// `intake,stage,gender,people,share_percent`: every stage of each intake for women, men and
    /// all; the share is of those who applied (none for invited and applied themselves).
    func funnel(_ period: Period, exact: Bool) async throws -> Table {
        let service = FunnelService(sql: try sql)
        var rows: [[String]] = []
        var bars: [Bar] = []
        for intake in try await intakesClosed(in: period) {
            let funnel = try await service.funnel(of: intake.id)
            let disclosed = exact ? nil : funnel.disclosed(by: policy)
            func cell(_ stage: IntakeFunnel.Stage, _ gender: ReportGender) -> DisclosedCell {
                let column: Gender? = gender == .women ? .woman : gender == .men ? .man : nil
                if let disclosed { return disclosed[IntakeFunnel.Position(stage: stage, gender: column)] ?? .withheld }
                return .shown(column.map { funnel.count(stage, $0) } ?? funnel.total(stage))
            }
            for stage in IntakeFunnel.Stage.allCases {
                for gender in ReportGender.allCases {
                    let share =
                        stage == .invited || stage == .applied ? nil : ReportShare.percent(cell(stage, gender), of: cell(.applied, gender))
                    rows.append([intake.name, stage.rawValue, gender.rawValue, hiddenText(cell(stage, gender)), share ?? ""])
                }
                bars.append(
                    Bar(labels: [intake.name, stage.rawValue], women: hiddenText(cell(stage, .women)), men: hiddenText(cell(stage, .men))))
            }
        }
        return Table(
            name: .funnel, header: ["intake", "stage", "gender", "people", "share_percent"], rows: rows, bars: bars, barColumn: "people")
    }
}
