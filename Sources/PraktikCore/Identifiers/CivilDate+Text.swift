extension CivilDate: CustomStringConvertible, Codable {
    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    public var description: String {
        "\(year.zeroPadded(to: 4))-\(month.zeroPadded(to: 2))-\(day.zeroPadded(to: 2))"
    }

    /// Reads exactly `YYYY-MM-DD` (ASCII digits), the form `description` writes.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        let dash = UInt8(ascii: "-")
        guard bytes.count == 10, bytes[4] == dash, bytes[7] == dash else { return nil }
        var digits: [Int] = []
        for (offset, byte) in bytes.enumerated() where offset != 4 && offset != 7 {
            guard let digit = byte.asciiDigitValue else { return nil }
            digits.append(digit)
        }
        self.init(
            year: digits.decimalValue(of: 0..<4),
            month: digits.decimalValue(of: 4..<6),
            day: digits.decimalValue(of: 6..<8)
        )
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

extension Int {
    fileprivate func zeroPadded(to width: Int) -> String {
        let digits = String(self)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
