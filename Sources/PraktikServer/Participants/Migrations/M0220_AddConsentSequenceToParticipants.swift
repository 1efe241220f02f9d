import Fluent
import SQLKit

/// The last sequence number of each participant's consent ledger, taken with one atomic
/// `UPDATE … SET consent_sequence = consent_sequence + 1 … RETURNING` when an entry is recorded
/// (`ConsentService.record`): the row lock orders simultaneous entries for one person, where
/// `count + 1` gave two entries the same number on PostgreSQL.
struct M0220_AddConsentSequenceToParticipants: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Participant.schema)
            .field("consent_sequence", .int, .required, .sql(.default(0)))
            .update()
        try await database.sql.raw(
            """
            UPDATE participants SET consent_sequence =
              (SELECT COALESCE(MAX(e.sequence), 0) FROM consent_events e WHERE e.participant_id = participants.id)
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Participant.schema).deleteField("consent_sequence").update()
    }
}
