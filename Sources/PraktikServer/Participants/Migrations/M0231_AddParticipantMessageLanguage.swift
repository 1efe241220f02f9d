import Fluent

/// The participant's own language (`sv`, `en`, `da`) for the mail, letters, forms and link pages
/// Praktik sends them, whoever sends them (issue 10). Empty for people registered before: they get
/// the installation's language until someone records theirs.
struct M0231_AddParticipantMessageLanguage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Participant.schema).field("language", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Participant.schema).deleteField("language").update()
    }
}
