/// Why an employer or workplace identifier (Swedish organisationsnummer, Danish CVR or P-number,
/// foreign registration) was refused. `code` is stable: the server maps it to a localised message.
public enum CompanyNumberError: String, Error, Sendable, Hashable, CaseIterable {
    case empty = "company-number.empty"
    /// Anything but ASCII digits and the allowed separator, including non-ASCII digits; for a
    /// foreign registration, control characters.
    case invalidCharacter = "company-number.character"
    case wrongLength = "company-number.length"
    /// More than one separator, or one anywhere but before the last four digits.
    case invalidSeparator = "company-number.separator"
    /// A twelve-digit Swedish number that starts with neither `16` (legal entity) nor `18`, `19` or
    /// `20` (a sole trader's personnummer).
    case invalidPrefix = "company-number.prefix"
    /// CVR and P-numbers never start with 0.
    case leadingZero = "company-number.leading-zero"
    case wrongCheckDigit = "company-number.check-digit"
    /// A Swedish number whose third digit is below 2 (so not a legal entity) and which is not a
    /// valid personnummer either (so not a sole trader).
    case notAnOrganisationNumber = "company-number.not-organisation"
    /// A foreign registration's country is not two ASCII letters (ISO 3166-1 alpha-2).
    case invalidCountryCode = "company-number.country"
    /// A "foreign" registration in Sweden or Denmark, which must use the validated domestic kind.
    case domesticCountry = "company-number.domestic-country"
    /// A stored value that is valid but not in canonical form; points to corrupt data, not a typo.
    case notCanonical = "company-number.not-canonical"

    /// The key of the localised message shown to the person who typed the number.
    public var code: String { rawValue }
}

extension CompanyNumberError: IdentifierSyntaxError {}
