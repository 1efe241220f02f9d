extension DanishCVRNumber: Codable {
    /// Reads back a `storageValue`: exactly eight digits, valid.
    public init(storageValue text: String) throws(CompanyNumberError) {
        try self.init(parsing: text)
        guard storageValue == text else { throw .notCanonical }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(CompanyNumberError) {
            self = try DanishCVRNumber(storageValue: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.code)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(storageValue)
    }
}
