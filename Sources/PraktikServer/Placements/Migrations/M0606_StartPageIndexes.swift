import Fluent
import SQLKit

/// Two indexes for the case worker's start page, which a history import of 1,000,000 placements
/// had made take 3.9 s:
/// - The participant's index on placements also holds the workplace and the status, so that "how
///   many times has this person been placed here" (the misuse signals, asked for every placement
///   of the look-back window) is read from the index alone (demo: 28 → 15 ms for the pass). The
///   name stays, so the bulk writers' list of indexes reads the same.
/// - Placements made in Praktik, by status: "ended without an outcome at exit" looks only at those,
///   and through the status index alone it read every imported placement to learn its origin
///   (2.8 s, twice per page, at 1,000,000). Partial, so imported history adds nothing to it;
///   queries must state the condition as written here (`PlacementWorklistBuckets.madeInPraktik`)
///   for SQLite and PostgreSQL to use it; `WorklistAndPagesTests.plans` holds the start page to it.
struct M0606_StartPageIndexes: AsyncMigration {
    static let livePlacementsIndex = "placements_made_here_status_idx"

    func prepare(on database: any Database) async throws {
        let sql = try database.sql
        try await sql.drop(index: "placements_participant_idx").run()
        try await sql.create(index: "placements_participant_idx").on(Placement.schema)
            .column("participant_id").column("workplace_id").column("status").run()
        try await sql.raw("CREATE INDEX \(unsafeRaw: Self.livePlacementsIndex) ON placements (status) WHERE origin <> 'history'").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql
        try await sql.drop(index: Self.livePlacementsIndex).run()
        try await sql.drop(index: "placements_participant_idx").run()
        try await sql.create(index: "placements_participant_idx").on(Placement.schema).column("participant_id").run()
    }
}
