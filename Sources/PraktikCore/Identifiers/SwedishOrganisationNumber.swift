/// A Swedish organisationsnummer, `NNNNNN-NNNN`, as set out in the law on identity numbers for legal
/// persons (lag 1974:174 om identitetsbeteckning för juridiska personer m.fl.): ten digits ending in a
/// Luhn check digit, the third digit at least 2 so that it can never be mistaken for a personnummer
/// (whose third and fourth digits are a month).
///
/// A sole trader (enskild näringsidkare) has no organisationsnummer of their own and uses their
/// personnummer instead, so a valid personnummer is accepted too and flagged `isSoleTrader`. That
/// number is personal data: show `masked` in lists and exports.
public struct SwedishOrganisationNumber: Sendable, Hashable {
    /// `NNNNNN-NNNN`, the form Bolagsverket and Skatteverket print; for a sole trader, the
    /// personnummer's ten-digit form with `-`.
    public let storageValue: String
    public let isSoleTrader: Bool

    /// Reads `NNNNNN-NNNN` or `NNNNNNNNNN`; the twelve-digit forms `16NNNNNN-NNNN` (the `16` that
    /// registers put in front of a legal entity's number to fill a century field) and a sole trader's
    /// `YYYYMMDD-NNNN` (century 18, 19 or 20). Surrounding whitespace is ignored.
    public init(parsing text: String) throws(CompanyNumberError) {
        let scanned = try ScannedDigits(
            scanning: text, separators: ["-"], reporting: CompanyNumberError.self)
        let digits = scanned.digits
        guard digits.count == 10 || digits.count == 12 else { throw .wrongLength }
        guard scanned.separatorIsBeforeLastFour else { throw .invalidSeparator }

        let tenDigits = Array(digits.suffix(10))
        guard LuhnChecksum.isValid(tenDigits) else { throw .wrongCheckDigit }
        let isLegalEntity = tenDigits[2] >= 2

        switch (digits.count, digits.prefix(2)) {
        case (10, _):
            // No century given: accept the personnummer if it is valid in some century. Only
            // 29 February of year 00 depends on it (2000 has one, 1800 and 1900 do not).
            guard isLegalEntity || Self.isPersonalNumber(centuries: [19, 20], tenDigits) else {
                throw .notAnOrganisationNumber
            }
        case (12, [1, 6]):
            guard isLegalEntity else { throw .notAnOrganisationNumber }
        case (12, [1, 8]), (12, [1, 9]), (12, [2, 0]):
            guard !isLegalEntity else { throw .invalidPrefix }
            guard Self.isPersonalNumber(centuries: [digits.decimalValue(of: 0..<2)], tenDigits) else {
                throw .notAnOrganisationNumber
            }
        default:
            throw .invalidPrefix
        }
        let text = tenDigits.decimalText
        self.storageValue = "\(text.prefix(6))-\(text.suffix(4))"
        self.isSoleTrader = !isLegalEntity
    }

    private static func isPersonalNumber(centuries: [Int], _ tenDigits: [Int]) -> Bool {
        centuries.contains { century in
            (try? SwedishPersonalNumber(validating: [century / 10, century % 10] + tenDigits)) != nil
        }
    }
}

extension SwedishOrganisationNumber: CustomStringConvertible {
    /// The canonical `NNNNNN-NNNN`.
    public var description: String { storageValue }

    /// The same as `storageValue`; named for symmetry with the personal numbers.
    public var formatted: String { storageValue }

    /// A legal entity's number unchanged (it is public); a sole trader's as `YYMMDD-****`.
    public var masked: String { isSoleTrader ? "\(storageValue.prefix(6))-****" : storageValue }
}
