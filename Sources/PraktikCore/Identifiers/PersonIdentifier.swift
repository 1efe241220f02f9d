/// A participant's national identity number, or the recorded fact that there is none to hold.
///
/// Note: `.none` is a case of this enum. Do not wrap a `PersonIdentifier` in an Optional; the
/// compiler would read `.none` as `Optional.none` (and warn).
public enum PersonIdentifier: Sendable, Hashable {
    case swedish(SwedishPersonalNumber)
    case danishCPR(DanishCPRNumber)
    /// No national number on record: a person with protected identity whose number is kept out of
    /// Praktik, or a person with neither a Swedish nor a Danish number.
    case none

    /// `SE:YYYYMMDDNNNN` or `DK:DDMMYYSSSS`; nil for `.none`, so that a unique index on the column
    /// lets any number of people without a number coexist (NULLs never collide).
    public var storageValue: String? {
        switch self {
        case .swedish(let number): "SE:\(number.storageValue)"
        case .danishCPR(let number): "DK:\(number.storageValue)"
        case .none: nil
        }
    }

    /// The number as its own country writes it, for the person it belongs to and their case worker.
    public var formatted: String? {
        switch self {
        case .swedish(let number): number.formatted
        case .danishCPR(let number): number.formatted
        case .none: nil
        }
    }

    /// The birth date part only (`YYYYMMDD-****`, `DDMMYY-****`), for lists.
    public var masked: String? {
        switch self {
        case .swedish(let number): number.masked
        case .danishCPR(let number): number.masked
        case .none: nil
        }
    }

    public var birthDate: CivilDate? {
        switch self {
        case .swedish(let number): number.birthDate
        case .danishCPR(let number): number.birthDate
        case .none: nil
        }
    }
}

extension PersonIdentifier: CustomStringConvertible {
    /// The canonical `storageValue`, or `none`. Beware: this is personal data; log `masked` instead.
    public var description: String { storageValue ?? "none" }
}
