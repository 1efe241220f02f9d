extension OneOffJobRegistry {
    /// Every kind of one-off job, grouped by capability. Append yours in your capability's block.
    static var praktik: OneOffJobRegistry {
        var registry = OneOffJobRegistry()

        // Employers
        registry.register(RegisterImportJob.self)

        // Placements
        registry.register(FollowUpSendJob.self)
        registry.register(FollowUpReminderJob.self)
        registry.register(CheckpointDueJob.self)
        // Intake
        registry.register(CompletionReminderJob.self)
        registry.register(CompletionExpiryJob.self)
        registry.register(OutreachSendJob.self)

        // Selection
        registry.register(MatchingRunJob.self)

        // Reports
        registry.register(HistoryImportJob.self)

        return registry
    }
}
