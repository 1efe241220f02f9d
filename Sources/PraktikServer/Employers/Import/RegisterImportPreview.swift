import Foundation
import PraktikCore

/// What an uploaded file would do, worked out without storing anything: its valid rows, every
/// problem with its line, and how many employers, workplaces and places are new.
struct RegisterImportPreview: Sendable {
    var parsed: RegisterFile.Parsed
    /// Unit codes of the register, upper-cased, to their ids.
    var unitIDs: [String: UUID]

    /// Valid rows whose units exist; a row naming an unknown unit becomes a problem.
    var rows: [RegisterRow] = []
    var problems: [RegisterRowProblem] = []
    /// Rows whose place the file marks open but which may not be used (`PlaceUsability`): they are
    /// imported as drafts, and the preview says why.
    var draftedPlaces: [DraftedPlace] = []

    struct DraftedPlace: Sendable {
        let line: Int
        let reasons: [PlaceUsability.Reason]
    }

    init(parsed: RegisterFile.Parsed, unitIDs: [String: UUID]) {
        self.parsed = parsed
        self.unitIDs = unitIDs
        problems = parsed.problems
        for row in parsed.rows {
            if let place = row.place, unitIDs[place.unitCode.uppercased()] == nil {
                problems.append(
                    RegisterRowProblem(line: row.line, column: RegisterColumn.unitCode.rawValue, code: "import.row.unknown-unit"))
            } else {
                rows.append(row)
            }
        }
        problems.sort { ($0.line, $0.column ?? "") < ($1.line, $1.column ?? "") }
    }

    /// The same preview with only `rows`, to store them a chunk at a time.
    func with(rows: [RegisterRow]) -> RegisterImportPreview {
        var part = self
        part.rows = rows
        return part
    }

    var invalidLineCount: Int { Set(problems.map(\.line)).count }
    var hasProblems: Bool { !problems.isEmpty || parsed.fileProblem != nil }
}
