import PraktikCore
import Testing

@Suite("SpreadsheetCell")
struct SpreadsheetCellTests {
    @Test(
        "prefixes an apostrophe to text a spreadsheet would run as a formula",
        arguments: [
            "=HYPERLINK(\"https://example.invalid\",\"Click\")", "=1+1", "+46 70 123 45 67", "-2+3",
            "@SUM(A1)",
            "\t=1+1", "\r=1+1", "\r\n=1+1", "=\u{0301}1", "=", "-",
        ])
    func neutralises(text: String) {
        #expect(SpreadsheetCell.neutralised(text) == "'" + text)
    }

    @Test(
        "leaves other text alone",
        arguments: [
            "", "Anna Andersson", "1+1=2", "19121212-1212", "'=1+1", " =1+1", "\n=1+1", "Café",
            "2026-05-14",
        ])
    func leavesAlone(text: String) {
        #expect(SpreadsheetCell.neutralised(text) == text)
    }
}
