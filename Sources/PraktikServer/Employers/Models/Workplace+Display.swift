extension Workplace {
    /// How pages name a workplace: its name, or its street address when it has none.
    var displayName: String { name.isEmpty ? address : name }

    /// Street address, postal code and city on one line, leaving out the parts not given.
    var fullAddress: String { [address, postalCode, city].filter { !$0.isEmpty }.joined(separator: ", ") }
}
