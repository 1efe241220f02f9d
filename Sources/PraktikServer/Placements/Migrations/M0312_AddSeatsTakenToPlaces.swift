import Fluent
import SQLKit

/// A seat count on each place, so a decision takes a seat with one conditional UPDATE
/// (`PlaceSeats.take`). Filled from the planned and running placements already there.
struct M0312_AddSeatsTakenToPlaces: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Place.schema).field("seats_taken", .int, .required, .sql(.default(0))).update()
        try await database.sql.raw(
            """
            UPDATE places SET seats_taken = (SELECT COUNT(*) FROM placements pl
              WHERE pl.place_id = places.id AND pl.status IN ('planned', 'active'))
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Place.schema).deleteField("seats_taken").update()
    }
}
