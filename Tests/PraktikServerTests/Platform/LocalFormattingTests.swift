import Foundation
import PraktikCore
import Testing

@testable import PraktikServer

@Suite("Dates and numbers per language")
struct LocalFormattingTests {
    // 3 December 2026, 14:05 in Stockholm and Copenhagen (UTC+1 in winter).
    let moment = Date(timeIntervalSince1970: 1_796_303_100)

    @Test("each language writes a date and a time its own way")
    func dates() {
        #expect(LocalFormatting(language: .swedish).date(moment) == "2026-12-03")
        #expect(LocalFormatting(language: .english).date(moment) == "3 Dec 2026")
        #expect(LocalFormatting(language: .danish).date(moment) == "3. dec. 2026")
        #expect(LocalFormatting(language: .danish).dateTime(moment) == "3. dec. 2026 14:05")
        if let day = CivilDate(year: 2026, month: 12, day: 3) {
            #expect(LocalFormatting(language: .danish).date(day) == "3. dec. 2026")
        } else {
            Issue.record("no such day")
        }
    }

    @Test("each language groups thousands and writes decimals its own way")
    func numbers() {
        #expect(LocalFormatting(language: .english).number(1234.5, fractionDigits: 1) == "1,234.5")
        #expect(LocalFormatting(language: .danish).number(1234.5, fractionDigits: 1) == "1.234,5")
        #expect(LocalFormatting(language: .swedish).number(1234.5, fractionDigits: 1).filter { !$0.isWhitespace } == "1234,5")
    }
}
