extension SwedishOrganisationNumber: Codable {
    /// Reads back a `storageValue`: exactly `NNNNNN-NNNN`, valid.
    public init(storageValue text: String) throws(CompanyNumberError) {
        try self.init(parsing: text)
        guard storageValue == text else { throw .notCanonical }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(CompanyNumberError) {
            self = try SwedishOrganisationNumber(storageValue: text)
        } catch {
            // The code only: a sole trader's number is personal data and must not reach logs.
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.code)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(storageValue)
    }
}
