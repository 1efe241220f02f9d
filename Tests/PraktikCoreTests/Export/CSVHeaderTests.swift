import PraktikCore
import Testing

@Suite("CSV header")
struct CSVHeaderTests {
    enum Column: String, CaseIterable, Sendable {
        case personNumber = "person_number"
        case status
        case observedOn = "observed_on"
    }

    @Test("names in any case, order and spacing; a space or hyphen stands for an underscore")
    func names() {
        let header = CSVHeader<Column>(CSVRecord(line: 1, fields: [" Status ", "OBSERVED-ON", "Person number"]))
        #expect(header.positions == [.status: 0, .observedOn: 1, .personNumber: 2])
        #expect(header.missing.isEmpty)
        #expect(header.unknown.isEmpty)
        #expect(header.line == 1)
    }

    @Test("missing columns in the order required, unknown names as written, the first of a repeated name")
    func missingAndUnknown() {
        let record = CSVRecord(line: 3, fields: ["status", "note", "Status", " extra "])
        let everything = CSVHeader<Column>(record)
        #expect(everything.missing == [.personNumber, .observedOn])
        #expect(everything.unknown == ["note", " extra "])
        #expect(everything.positions == [.status: 0])
        #expect(everything.line == 3)
        let some = CSVHeader<Column>(record, required: [.observedOn, .status])
        #expect(some.missing == [.observedOn])
        #expect(CSVHeader<Column>(record, required: []).missing.isEmpty)
    }

    @Test("a cell by column: trimmed, empty where the column is absent or the record short")
    func cells() {
        let header = CSVHeader<Column>(CSVRecord(line: 1, fields: ["status", "person_number"]))
        let record = CSVRecord(line: 2, fields: ["  work ", "19121212-1212"])
        #expect(header.text(.status, in: record) == "work")
        #expect(header.text(.personNumber, in: record) == "19121212-1212")
        #expect(header.text(.observedOn, in: record) == "")
        #expect(header.text(.personNumber, in: CSVRecord(line: 3, fields: ["work"])) == "")
    }
}
