extension OneOffJobRegistry {
    /// Every kind of one-off job, grouped by capability. Append yours in your capability's block.
    static var praktik: OneOffJobRegistry {
        var registry = OneOffJobRegistry()

        // Employers
        registry.register(RegisterImportJob.self)

        // Reports
        registry.register(HistoryImportJob.self)

        return registry
    }
}
