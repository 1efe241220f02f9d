import Foundation
import PraktikCore
import SQLiteNIO

/// One value of a bulk write, as the engines' fast paths take it (`BulkInsert`): SQLite's bound
/// values without SQLKit's `Encodable` round, and PostgreSQL's `COPY` text.
///
/// Only the types the bulk writers pass are known; any other value (nil from `init`) sends its
/// statement the general way, through SQLKit, so that nothing is stored differently.
enum BulkValue: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int64)
    case real(Double)
    case boolean(Bool)
    case uuid(UUID)
    case timestamp(Date)

    /// Concrete casts first: they compare a type, where a cast to a protocol searches conformances
    /// (the `Encodable` route spent a tenth of a history import on those searches).
    init?(_ value: any Encodable & Sendable) {
        switch value {
        case let text as String: self = .text(text)
        case let id as UUID: self = .uuid(id)
        case let number as Int: self = .integer(Int64(number))
        case let number as Int64: self = .integer(number)
        case let flag as Bool: self = .boolean(flag)
        case let date as Date: self = .timestamp(date)
        case let number as Double: self = .real(number)
        case let optional as any OptionalBulkValue where optional.isNone: self = .null
        default: return nil
        }
    }

    /// As SQLiteKit's encoder stores it: its `SQLiteDataConvertible` conformances, and a UUID as the
    /// text its `Encodable` conformance writes (through `UUIDText`: on Linux Foundation's
    /// `uuidString` calls `sprintf`, for each of a large history import's 13 million ids).
    var sqliteData: SQLiteData {
        switch self {
        case .null: .null
        case .text(let text): .text(text)
        case .integer(let number): .integer(Int(number))
        case .real(let number): .float(number)
        case .boolean(let flag): flag.sqliteData ?? .null
        case .uuid(let id): .text(UUIDText.format(id))
        case .timestamp(let date): date.sqliteData ?? .null
        }
    }

    /// Appends the value in `COPY … FROM STDIN` text format: `\N` for null, and the four
    /// characters that format gives a meaning (backslash, tab, line feed, carriage return) escaped.
    func appendCopyText(to line: inout String) {
        switch self {
        case .null: line += "\\N"
        case .text(let text): Self.appendEscaped(text, to: &line)
        case .integer(let number): line += String(number)
        case .real(let number): line += number.description
        case .boolean(let flag): line += flag ? "t" : "f"
        case .uuid(let id): line += UUIDText.format(id)
        case .timestamp(let date): line += Self.timestampText(date)
        }
    }

    private static func appendEscaped(_ text: String, to line: inout String) {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            line += text
            return
        }
        for character in text.unicodeScalars {
            switch character {
            case "\\": line += "\\\\"
            case "\t": line += "\\t"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            default: line.unicodeScalars.append(character)
            }
        }
    }

    /// A `timestamptz` in UTC to the microsecond, cut as PostgresNIO cuts a bound `Date` (whole
    /// microseconds since 2000-01-01, toward zero), so `COPY` stores what a bind would.
    static func timestampText(_ date: Date) -> String {
        let microseconds = Int64(date.timeIntervalSince(postgresEpoch) * 1_000_000)
        let perDay: Int64 = 86_400_000_000
        var days = microseconds / perDay
        var rest = microseconds % perDay
        if rest < 0 {
            days -= 1
            rest += perDay
        }
        guard let day = CivilDate(dayNumber: postgresEpochDayNumber + Int(days)) else { return "infinity" }
        let seconds = rest / 1_000_000
        return day.description + " " + twoDigits(seconds / 3600) + ":" + twoDigits(seconds / 60 % 60) + ":"
            + twoDigits(seconds % 60) + "." + sixDigits(rest % 1_000_000) + "+00"
    }

    private static let postgresEpoch = Date(timeIntervalSince1970: 946_684_800)
    private static let postgresEpochDayNumber = CivilDate(year: 2000, month: 1, day: 1)?.dayNumber ?? 730_119

    private static func twoDigits(_ value: Int64) -> String { value < 10 ? "0" + String(value) : String(value) }
    private static func sixDigits(_ value: Int64) -> String {
        let digits = String(value)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }
}

/// Lets `BulkValue` see a nil inside an existential, whatever the optional's type.
protocol OptionalBulkValue {
    var isNone: Bool { get }
}

extension Optional: OptionalBulkValue {
    var isNone: Bool { self == nil }
}
