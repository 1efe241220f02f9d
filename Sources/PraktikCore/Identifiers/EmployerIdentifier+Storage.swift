extension EmployerIdentifier: StoredAsCanonicalText {
    /// `SE:NNNNNN-NNNN`, `DK:NNNNNNNN` or `CC:value`: the country first, so that one text column
    /// holds every kind, and numbers from different registers can never compare equal.
    public var storageValue: String {
        switch self {
        case .swedishOrganisationNumber(let number): "SE:\(number.storageValue)"
        case .danishCVR(let number): "DK:\(number.storageValue)"
        case .foreign(let country, let value): "\(country):\(value)"
        }
    }

    /// Reads back a `storageValue`, strictly.
    public init(storageValue text: String) throws(CompanyNumberError) {
        guard let colon = text.firstIndex(of: ":") else { throw .notCanonical }
        let country = String(text[..<colon])
        let value = String(text[text.index(after: colon)...])
        switch country {
        case "SE": self = .swedishOrganisationNumber(try SwedishOrganisationNumber(storageValue: value))
        case "DK": self = .danishCVR(try DanishCVRNumber(storageValue: value))
        default:
            self = try Self.parse(kind: .foreign(country: country), raw: value)
            guard storageValue == text else { throw .notCanonical }
        }
    }
}
