/// How an employer is identified in its country's business register.
///
/// Build values with `parse(kind:raw:)`, which validates; the `foreign` case can be written directly
/// but then skips the country-code and length checks.
public enum EmployerIdentifier: Sendable, Hashable {
    case swedishOrganisationNumber(SwedishOrganisationNumber)
    case danishCVR(DanishCVRNumber)
    /// A registration in another country's register, kept as typed (trimmed), since Praktik knows
    /// no other country's rules. `country` is an ISO 3166-1 alpha-2 code in capitals.
    case foreign(country: String, value: String)

    /// Which register the person entering the employer chose; decides how the number is read.
    public enum Kind: Sendable, Hashable {
        case swedishOrganisationNumber
        case danishCVR
        case foreign(country: String)
    }

    /// The longest foreign registration value accepted: room for a register name and number
    /// ("HRB 12345, Amtsgericht Köln"), short enough to keep lists and exports tidy.
    public static let maximumForeignValueLength = 64

    public static func parse(kind: Kind, raw: String) throws(CompanyNumberError) -> EmployerIdentifier {
        switch kind {
        case .swedishOrganisationNumber:
            return .swedishOrganisationNumber(try SwedishOrganisationNumber(parsing: raw))
        case .danishCVR:
            return .danishCVR(try DanishCVRNumber(parsing: raw))
        case .foreign(let country):
            return try parseForeign(country: country, raw: raw)
        }
    }

    private static func parseForeign(country: String, raw: String) throws(CompanyNumberError)
        -> EmployerIdentifier
    {
        let code = String(country.trimmingSurroundingWhitespace()).uppercased()
        guard code.utf8.count == 2,
            code.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
        else { throw .invalidCountryCode }
        // Swedish and Danish employers must go through the validated kinds, or a mistyped
        // organisation number could be saved by calling it foreign.
        guard code != "SE", code != "DK" else { throw .domesticCountry }

        let value = String(raw.trimmingSurroundingWhitespace())
        guard !value.isEmpty else { throw .empty }
        guard value.count <= maximumForeignValueLength else { throw .wrongLength }
        // Control characters (line breaks, tabs, NUL) break CSV exports and log lines.
        guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidCharacter
        }
        return .foreign(country: code, value: value)
    }

    public var kind: Kind {
        switch self {
        case .swedishOrganisationNumber: .swedishOrganisationNumber
        case .danishCVR: .danishCVR
        case .foreign(let country, _): .foreign(country: country)
        }
    }
}

extension EmployerIdentifier: CustomStringConvertible {
    /// The canonical form, the same as `storageValue`.
    public var description: String { storageValue }

    /// The number as the employer's own register prints it, without the country.
    public var formatted: String {
        switch self {
        case .swedishOrganisationNumber(let number): number.formatted
        case .danishCVR(let number): number.storageValue
        case .foreign(_, let value): value
        }
    }

    /// `formatted`, except that a Swedish sole trader's personnummer is masked.
    public var masked: String {
        switch self {
        case .swedishOrganisationNumber(let number): number.masked
        case .danishCVR, .foreign: formatted
        }
    }
}
