extension DanishCPRNumber: Codable {
    /// Reads back a `storageValue`: exactly ten ASCII digits with a valid date. No reference date:
    /// a number stored yesterday stays readable whatever the clock says.
    public init(storageValue text: String) throws(PersonalNumberError) {
        let digits = text.utf8.compactMap(\.asciiDigitValue)
        guard digits.count == 10, text.utf8.count == 10 else { throw .notCanonical }
        try self.init(validating: digits)
    }

    /// Decodes the canonical string strictly (see `init(storageValue:)`); input typed by people
    /// goes through `init(parsing:referenceDate:)` instead.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(PersonalNumberError) {
            self = try DanishCPRNumber(storageValue: text)
        } catch {
            // The code only: the value itself is personal data and must not reach logs.
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.code)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(storageValue)
    }
}
