/// Writes CSV for people who open it in a spreadsheet: every cell neutralised against formula
/// injection (`SpreadsheetCell`), quoted when it holds a separator, a quote or a line break, and
/// lines ended with CRLF as RFC 4180 says.
public struct CSVWriter: Sendable {
    public let delimiter: Character

    public init(delimiter: Character = ",") {
        self.delimiter = delimiter
    }

    public func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: String(delimiter)) + "\r\n"
    }

    public func cell(_ text: String) -> String {
        let safe = SpreadsheetCell.neutralised(text)
        let needsQuotes = safe.contains { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return safe }
        var quoted = "\""
        for character in safe {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        return quoted + "\""
    }
}
