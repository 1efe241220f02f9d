/// An import file's header record read against the columns its kind of file knows, so that every
/// import names its columns the same way: case and surrounding spaces do not matter, and a space
/// or hyphen in a name stands for `_` ("Person number", "person-number" are `person_number`).
/// Columns may come in any order; of a name given twice, the first counts.
public struct CSVHeader<Column: RawRepresentable & Hashable & CaseIterable & Sendable>: Sendable
where Column.RawValue == String {
    /// The header's line, for a problem about the header itself.
    public let line: Int
    /// Where each known column is in a record.
    public let positions: [Column: Int]
    /// The required columns the header lacks, in the order they were required.
    public let missing: [Column]
    /// The header's names that are no known column, as written.
    public let unknown: [String]

    /// - Parameter required: the columns a file must have; by default every column.
    public init(_ record: CSVRecord, required: [Column] = Array(Column.allCases)) {
        var positions: [Column: Int] = [:]
        var unknown: [String] = []
        for (index, name) in record.fields.enumerated() {
            let key = String(name.trimmingSurroundingWhitespace().lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
            if let column = Column(rawValue: key) {
                if positions[column] == nil { positions[column] = index }
            } else {
                unknown.append(name)
            }
        }
        self.line = record.line
        self.positions = positions
        self.missing = required.filter { positions[$0] == nil }
        self.unknown = unknown
    }

    /// The cell of `column` in `record` without surrounding whitespace; empty when the column is
    /// not in the header or the record is short.
    public func text(_ column: Column, in record: CSVRecord) -> String {
        guard let index = positions[column], index < record.fields.count else { return "" }
        return String(record.fields[index].trimmingSurroundingWhitespace())
    }
}
