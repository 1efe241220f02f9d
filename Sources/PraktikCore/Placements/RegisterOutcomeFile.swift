/// Reads a register's outcome file: one row per observation, with a header naming the columns
/// `person_number`, `date`, `status_code` and `source` (comma or semicolon, UTF-8). Every invalid
/// row is reported with its line, so an import can show a preview before anything is written.
public enum RegisterOutcomeFile {
    public enum Column: String, CaseIterable, Sendable {
        case personNumber = "person_number"
        case date
        case statusCode = "status_code"
        case source
    }

    public struct Row: Sendable, Hashable {
        public var line: Int
        /// The storage values the number could be (`SE:…`, `DK:…`): a ten-digit number may read as
        /// both a Swedish and a Danish number; the register of participants decides which exists.
        public var personCandidates: [String]
        public var date: CivilDate
        public var status: OutcomeStatus
        /// The register's name, as the file gives it.
        public var source: String
    }

    public struct Problem: Sendable, Hashable {
        public let line: Int
        public let column: String?
        public let code: String

        public init(line: Int, column: String?, code: String) {
            self.line = line
            self.column = column
            self.code = code
        }
    }

    public struct Parsed: Sendable {
        public var rows: [Row] = []
        public var problems: [Problem] = []
        public var recordCount = 0
        public var fileProblem: String?

        public var invalidLineCount: Int { Set(problems.map(\.line)).count }
    }

    public static let maximumSourceLength = 100
    /// A register file is a batch, not a data dump: larger files are split by the sender.
    public static let maximumRows = 100_000

    public static func parse(_ text: String, today: CivilDate) -> Parsed {
        var parsed = Parsed()
        let records = CSVReader.records(in: text)
        guard let header = records.first else {
            parsed.fileProblem = "outcome-import.file.empty"
            return parsed
        }
        let columns = CSVHeader<Column>(header)
        if let missing = columns.missing.first {
            parsed.fileProblem = "outcome-import.file.missing-column"
            parsed.problems.append(Problem(line: columns.line, column: missing.rawValue, code: "outcome-import.file.missing-column"))
            return parsed
        }
        if records.count - 1 > maximumRows {
            parsed.fileProblem = "outcome-import.file.too-many-rows"
            return parsed
        }
        var seen: Set<String> = []
        for record in records.dropFirst() {
            parsed.recordCount += 1
            if let problem = record.problem {
                parsed.problems.append(Problem(line: record.line, column: nil, code: problem.code))
                continue
            }
            func cell(_ column: Column) -> String { columns.text(column, in: record) }
            var rowProblems: [Problem] = []
            func problem(_ column: Column, _ code: String) {
                rowProblems.append(Problem(line: record.line, column: column.rawValue, code: code))
            }
            let candidates = personCandidates(cell(.personNumber), today: today)
            if cell(.personNumber).isEmpty {
                problem(.personNumber, "outcome-import.row.required")
            } else if candidates.isEmpty {
                problem(.personNumber, "outcome-import.row.person-number")
            }
            let date = CivilDate(iso8601: cell(.date))
            if date == nil { problem(.date, cell(.date).isEmpty ? "outcome-import.row.required" : "outcome-import.row.date") }
            if let date, date > today { problem(.date, "outcome-import.row.date-in-future") }
            let status = OutcomeStatus(rawValue: cell(.statusCode).lowercased())
            if status == nil {
                problem(.statusCode, cell(.statusCode).isEmpty ? "outcome-import.row.required" : "outcome-import.row.status-code")
            }
            let source = cell(.source)
            if source.isEmpty {
                problem(.source, "outcome-import.row.required")
            } else if source.count > maximumSourceLength {
                problem(.source, "outcome-import.row.too-long")
            }
            guard rowProblems.isEmpty, let date, let status else {
                parsed.problems += rowProblems
                continue
            }
            let key = candidates.joined(separator: "|") + "|" + date.description
            guard seen.insert(key).inserted else {
                parsed.problems.append(
                    Problem(line: record.line, column: Column.personNumber.rawValue, code: "outcome-import.row.duplicate"))
                continue
            }
            parsed.rows.append(Row(line: record.line, personCandidates: candidates, date: date, status: status, source: source))
        }
        return parsed
    }

    /// Every reading of the number as a Swedish personnummer or samordningsnummer or a Danish CPR.
    static func personCandidates(_ text: String, today: CivilDate) -> [String] {
        var candidates: [String] = []
        if let swedish = try? SwedishPersonalNumber(parsing: text, referenceDate: today),
            let value = PersonIdentifier.swedish(swedish).storageValue
        {
            candidates.append(value)
        }
        if let danish = try? DanishCPRNumber(parsing: text, referenceDate: today),
            let value = PersonIdentifier.danishCPR(danish).storageValue
        {
            candidates.append(value)
        }
        return candidates
    }
}
