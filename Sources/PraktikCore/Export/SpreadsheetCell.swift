/// Text bound for a cell of a CSV export that people will open in Excel, LibreOffice or Numbers.
public enum SpreadsheetCell {
    /// Spreadsheets run a cell starting with one of these as a formula; a hostile participant or
    /// employer could type `=HYPERLINK(...)` into a free-text field and have it run on a case
    /// worker's machine (OWASP, "CSV Injection").
    private static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The text with a leading apostrophe if it starts with a formula trigger, as OWASP recommends;
    /// spreadsheets then show it as text. Apply to free text only: a number such as `-5` written
    /// through this becomes the text `'-5`. Quoting and escaping for CSV remain the writer's job.
    public static func neutralised(_ text: String) -> String {
        // The first scalar, not the first Character: "\r\n" is one Character, and so is "=" followed
        // by a combining mark, yet the spreadsheet still sees the "\r" or "=" first.
        guard let first = text.unicodeScalars.first, formulaTriggers.contains(first) else {
            return text
        }
        return "'" + text
    }
}
