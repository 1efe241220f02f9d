/// Rules for a new password.
///
/// Bcrypt reads at most 72 bytes of its input and silently ignores the rest, so a longer password
/// would give a false sense of strength (and two passwords sharing their first 72 bytes would both
/// work). We refuse such passwords instead. The limit is in UTF-8 bytes, not characters: å, ä and ö
/// take two bytes each.
public struct PasswordPolicy: Sendable, Equatable {
    public static let bcryptByteLimit = 72

    public var minimumCharacters: Int

    public init(minimumCharacters: Int = 10) {
        self.minimumCharacters = minimumCharacters
    }

    public enum Violation: String, Error, Sendable, Equatable, CaseIterable {
        case tooShort = "password.too-short"
        case tooLong = "password.too-long"
        case empty = "password.empty"
        case sameAsEmail = "password.same-as-email"

        /// The key of the localised message shown to the person choosing the password.
        public var messageKey: String { rawValue }
    }

    /// Returns the first rule the password breaks, or nil when it may be used.
    public func violation(of password: String, email: String? = nil) -> Violation? {
        if password.isEmpty { return .empty }
        if password.utf8.count > Self.bcryptByteLimit { return .tooLong }
        if password.count < minimumCharacters { return .tooShort }
        if let email, password.lowercased() == email.lowercased() { return .sameAsEmail }
        return nil
    }
}
