import Fluent
import SQLKit

/// Single-purpose links for people without an account: a follow-up form, an agreement to confirm,
/// an outcome checkpoint. Only the SHA-256 digest of the secret is stored; a link dies with its
/// subject (answered, cancelled, consent withdrawn) or at its expiry.
struct M0308_CreatePlacementLinks: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PlacementLink.schema)
            .id()
            .field("token_digest", .string, .required)
            .field("kind", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("placement_id", .uuid, .required, .references(Placement.schema, "id"))
            .field("expires_on", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "token_digest")
            .create()
        let sql = try database.sql
        try await sql.create(index: "placement_links_subject_idx").on(PlacementLink.schema).column("subject_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlacementLink.schema).delete()
    }
}
