extension PersonIdentifier: Codable {
    /// Reads back a `storageValue` (nil for `.none`), strictly and without a reference date.
    public init(storageValue text: String?) throws(PersonalNumberError) {
        guard let text else {
            self = .none
            return
        }
        switch (text.prefix(3), String(text.dropFirst(3))) {
        case ("SE:", let number): self = .swedish(try SwedishPersonalNumber(storageValue: number))
        case ("DK:", let number): self = .danishCPR(try DanishCPRNumber(storageValue: number))
        default: throw .unsupportedCountry
        }
    }

    /// Encoded as `storageValue`: a string, or null for `.none`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = container.decodeNil() ? nil : try container.decode(String.self)
        do throws(PersonalNumberError) {
            self = try PersonIdentifier(storageValue: text)
        } catch {
            // The code only: the value itself is personal data and must not reach logs.
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.code)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let storageValue {
            try container.encode(storageValue)
        } else {
            try container.encodeNil()
        }
    }
}
