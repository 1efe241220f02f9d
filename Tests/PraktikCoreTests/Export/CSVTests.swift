import PraktikCore
import Testing

@Suite("CSV")
struct CSVTests {
    @Test("reads plain records with their line numbers")
    func plain() {
        let records = CSVReader.records(in: "a,b,c\n1,2,3\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test("RFC 4180: quoted separators, doubled quotes, line breaks inside quotes, CRLF")
    func quoting() {
        let text = "name,tasks\r\n\"Ek, AB\",\"say \"\"hej\"\"\"\r\n\"B\",\"line one\r\nline two\"\r\nC,x\r\n"
        let records = CSVReader.records(in: text)
        #expect(records.map(\.fields) == [["name", "tasks"], ["Ek, AB", "say \"hej\""], ["B", "line one\r\nline two"], ["C", "x"]])
        // The record after a two-line field starts on line 5.
        #expect(records.map(\.line) == [1, 2, 3, 5])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test("semicolons (Excel in Swedish) are detected from the header")
    func semicolons() {
        #expect(CSVReader.detectDelimiter("a;b;c\n1,5;2;3") == UInt8(ascii: ";"))
        #expect(CSVReader.detectDelimiter("\"a;b\",c\n") == UInt8(ascii: ","))
        #expect(CSVReader.records(in: "a;b\n\"1;2\";3").map(\.fields) == [["a", "b"], ["1;2", "3"]])
    }

    @Test("a byte order mark, blank lines and a missing final line break")
    func edges() {
        let records = CSVReader.records(in: "\u{FEFF}a,b\n\n1,2\n\n\n3,4")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(records.map(\.line) == [1, 3, 6])
        #expect(CSVReader.records(in: "").isEmpty)
        #expect(CSVReader.records(in: "a,,\n").map(\.fields) == [["a", "", ""]])
        #expect(CSVReader.records(in: "\"\",x").map(\.fields) == [["", "x"]])
    }

    @Test("malformed records are flagged and reading goes on")
    func malformed() {
        let records = CSVReader.records(in: "a,b\nx\"y,2\n\"q\"z,3\nok,4\n")
        #expect(records.map(\.problem) == [nil, .strayQuote, .strayQuote, nil])
        #expect(records[3].fields == ["ok", "4"])
        let unterminated = CSVReader.records(in: "a,b\n1,\"open\n2,3\n")
        #expect(unterminated.last?.problem == .unterminatedQuote)
        #expect(unterminated.last?.line == 2)
    }

    @Test("the writer quotes what needs it and neutralises formulas in every cell")
    func writer() {
        let writer = CSVWriter()
        #expect(writer.line(["a", "b c", "1"]) == "a,b c,1\r\n")
        #expect(writer.line(["Ek, AB", "say \"hej\"", "two\nlines"]) == "\"Ek, AB\",\"say \"\"hej\"\"\",\"two\nlines\"\r\n")
        #expect(writer.line(["=HYPERLINK(\"x\")", "+46", "-1", "@SUM(A1)"]) == "\"'=HYPERLINK(\"\"x\"\")\",'+46,'-1,'@SUM(A1)\r\n")
        #expect(CSVWriter(delimiter: ";").line(["a;b", "c,d"]) == "\"a;b\";c,d\r\n")
    }

    @Test("what the writer writes, the reader reads back (after neutralising)")
    func roundTrip() {
        let rows = [["name", "tasks"], ["Åkeri \"Norr\", AB", "lasta\r\nlossa"], ["=1+1", ""]]
        let text = rows.map { CSVWriter().line($0) }.joined()
        let read = CSVReader.records(in: text).map(\.fields)
        #expect(read == [["name", "tasks"], ["Åkeri \"Norr\", AB", "lasta\r\nlossa"], ["'=1+1", ""]])
    }
}
