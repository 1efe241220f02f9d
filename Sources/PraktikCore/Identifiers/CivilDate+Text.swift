extension CivilDate: CustomStringConvertible, Codable {
    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    ///
    /// Written byte by byte into the string's own storage (ten bytes fit in a `String` without an
    /// allocation): a history import writes 3.7 million dates as text, and the interpolation of
    /// three padded numbers cost about a microsecond each.
    public var description: String {
        // `init` keeps the year within 1...9999, so four digits always hold it.
        String(unsafeUninitializedCapacity: 10) { bytes in
            let zero = UInt8(ascii: "0")
            bytes[0] = zero + UInt8(year / 1000 % 10)
            bytes[1] = zero + UInt8(year / 100 % 10)
            bytes[2] = zero + UInt8(year / 10 % 10)
            bytes[3] = zero + UInt8(year % 10)
            bytes[4] = UInt8(ascii: "-")
            bytes[5] = zero + UInt8(month / 10)
            bytes[6] = zero + UInt8(month % 10)
            bytes[7] = UInt8(ascii: "-")
            bytes[8] = zero + UInt8(day / 10)
            bytes[9] = zero + UInt8(day % 10)
            return 10
        }
    }

    /// Reads exactly `YYYY-MM-DD` (ASCII digits), the form `description` writes.
    public init?(iso8601 text: String) {
        let dash = UInt8(ascii: "-")
        var year = 0, month = 0, day = 0, count = 0
        for byte in text.utf8 {
            switch count {
            case 4, 7:
                guard byte == dash else { return nil }
            default:
                guard let digit = byte.asciiDigitValue, count < 10 else { return nil }
                switch count {
                case 0..<4: year = year * 10 + digit
                case 5..<7: month = month * 10 + digit
                default: day = day * 10 + digit
                }
            }
            count += 1
        }
        guard count == 10 else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let date = CivilDate(iso8601: try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Expected a real calendar date as YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
