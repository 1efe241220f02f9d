extension DanishPNumber: StoredAsCanonicalText {
    /// Reads back a `storageValue`: exactly ten digits, not starting with 0.
    public init(storageValue text: String) throws(CompanyNumberError) {
        try self.init(parsing: text)
        guard storageValue == text else { throw .notCanonical }
    }
}
