/// Why a personal identity number (Swedish personnummer or samordningsnummer, Danish CPR number)
/// was refused. `code` is stable: the server maps it to a localised message.
public enum PersonalNumberError: String, Error, Sendable, Hashable, CaseIterable {
    case empty = "personal-number.empty"
    /// Anything but ASCII digits and the allowed separator, including non-ASCII digits.
    case invalidCharacter = "personal-number.character"
    /// Neither of the accepted digit counts (10 or 12 for Sweden, 10 for Denmark).
    case wrongLength = "personal-number.length"
    /// More than one separator, a separator anywhere but before the last four digits, or the
    /// Swedish century sign `+` together with a four-digit year.
    case invalidSeparator = "personal-number.separator"
    /// The date part is not a real calendar date (after removing the samordningsnummer's +60).
    case invalidDate = "personal-number.date"
    case wrongCheckDigit = "personal-number.check-digit"
    /// The birth date is after the reference date ("today").
    case bornInFuture = "personal-number.born-in-future"
    /// A stored value that is valid but not in canonical form; points to corrupt data, not a typo.
    case notCanonical = "personal-number.not-canonical"
    /// A stored `PersonIdentifier` whose country prefix this version does not know.
    case unsupportedCountry = "personal-number.country"

    /// The key of the localised message shown to the person who typed the number.
    public var code: String { rawValue }
}

extension PersonalNumberError: IdentifierSyntaxError {}
