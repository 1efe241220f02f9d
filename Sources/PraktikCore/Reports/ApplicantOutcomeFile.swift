/// Reads a register's file of applicants' situations at the 3-month horizon of their intake (the
/// comparison of placed and not placed applicants, issue 14): a header row naming `person_number`
/// and `status` (an `OutcomeStatus` code), comma or semicolon, UTF-8. Every invalid row is
/// reported by line; the server then checks each person against the intake.
public enum ApplicantOutcomeFile {
    public enum Column: String, CaseIterable, Sendable {
        case personNumber = "person_number"
        case status
    }

    public struct Row: Sendable, Hashable {
        public var line: Int
        /// The storage values the number could be (`SE:…`, `DK:…`).
        public var personCandidates: [String]
        public var status: OutcomeStatus
    }

    public struct Parsed: Sendable {
        public var rows: [Row] = []
        public var problems: [RegisterOutcomeFile.Problem] = []
        public var recordCount = 0
        public var fileProblem: String?
    }

    public static let maximumRows = 100_000

    public static func parse(_ text: String, today: CivilDate) -> Parsed {
        var parsed = Parsed()
        let records = CSVReader.records(in: text)
        guard let header = records.first else {
            parsed.fileProblem = "applicant-outcome.file.empty"
            return parsed
        }
        let columns = CSVHeader<Column>(header)
        if let missing = columns.missing.first {
            parsed.fileProblem = "applicant-outcome.file.missing-column"
            parsed.problems.append(.init(line: columns.line, column: missing.rawValue, code: "applicant-outcome.file.missing-column"))
            return parsed
        }
        if records.count - 1 > maximumRows {
            parsed.fileProblem = "applicant-outcome.file.too-many-rows"
            return parsed
        }
        var seen: [String: Int] = [:]
        for record in records.dropFirst() {
            parsed.recordCount += 1
            if let problem = record.problem {
                parsed.problems.append(.init(line: record.line, column: nil, code: problem.code))
                continue
            }
            func cell(_ column: Column) -> String { columns.text(column, in: record) }
            var rowProblems: [RegisterOutcomeFile.Problem] = []
            let number = cell(.personNumber)
            let candidates = RegisterOutcomeFile.personCandidates(number, today: today)
            if number.isEmpty {
                rowProblems.append(.init(line: record.line, column: Column.personNumber.rawValue, code: "applicant-outcome.row.required"))
            } else if candidates.isEmpty {
                rowProblems.append(
                    .init(line: record.line, column: Column.personNumber.rawValue, code: "applicant-outcome.row.person-number"))
            }
            let status = OutcomeStatus(rawValue: cell(.status).lowercased())
            if status == nil {
                let code = cell(.status).isEmpty ? "applicant-outcome.row.required" : "applicant-outcome.row.status"
                rowProblems.append(.init(line: record.line, column: Column.status.rawValue, code: code))
            }
            guard rowProblems.isEmpty, let status else {
                parsed.problems += rowProblems
                continue
            }
            let key = candidates.joined(separator: "|")
            if seen[key] != nil {
                parsed.problems.append(
                    .init(line: record.line, column: Column.personNumber.rawValue, code: "applicant-outcome.row.duplicate"))
                continue
            }
            seen[key] = record.line
            parsed.rows.append(Row(line: record.line, personCandidates: candidates, status: status))
        }
        return parsed
    }
}
