import Fluent
import SQLKit

/// Requests to move a participant's record to another unit (`TransferStatus`). At most one request
/// per person and asking unit waits at a time: a partial unique index, which SQLite and PostgreSQL
/// both support, so two clicks or two colleagues asking at once leave one request.
struct M0222_CreateParticipantTransfers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ParticipantTransfer.schema)
            .id()
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("to_unit_id", .uuid, .required, .references(OrganisationUnit.schema, "id"))
            .field("requested_by", .uuid, .references(User.schema, "id"))
            .field("requested_at", .datetime, .required)
            .field("status", .string, .required)
            .field("from_unit_id", .uuid, .references(OrganisationUnit.schema, "id"))
            .field("decided_by", .uuid, .references(User.schema, "id"))
            .field("decided_at", .datetime)
            .create()
        let sql = try database.sql
        try await sql.raw(
            """
            CREATE UNIQUE INDEX participant_transfers_pending_idx ON participant_transfers (participant_id, to_unit_id)
            WHERE status = 'pending'
            """
        ).run()
        try await sql.create(index: "participant_transfers_to_unit_idx").on(ParticipantTransfer.schema).column("to_unit_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ParticipantTransfer.schema).delete()
    }
}
