import Fluent
import Foundation
import PraktikCore
import SQLKit

/// A place's seats, counted on the place itself (`places.seats_taken`, M0312) so that taking one is a
/// single conditional statement: of two decisions for the last seat, the database lets one through.
///
/// `take` must be the first write of the deciding transaction. On SQLite a transaction that reads
/// first and writes later fails with "database is locked" when another writer came between, and
/// `FOR UPDATE` does not exist; on PostgreSQL a count followed by an insert over-books under
/// concurrency. The conditional UPDATE is atomic on both and, on PostgreSQL, locks the place's row
/// until the transaction ends.
enum PlaceSeats {
    /// Takes a seat if one is free and the place is open; false when there was none. A place whose
    /// last seat this takes becomes `filled`.
    static func take(placeID: UUID, on database: any Database) async throws -> Bool {
        let sql = try database.sql
        struct Row: Decodable { let id: UUID }
        let taken = try await sql.raw(
            """
            UPDATE places SET seats_taken = seats_taken + 1
            WHERE id = \(bind: placeID) AND seats_taken < capacity AND status = \(bind: PlaceStatus.open.rawValue)
            RETURNING id
            """
        ).all(decoding: Row.self)
        guard !taken.isEmpty else { return false }
        try await sql.raw(
            """
            UPDATE places SET status = \(bind: PlaceStatus.filled.rawValue)
            WHERE id = \(bind: placeID) AND seats_taken >= capacity AND status = \(bind: PlaceStatus.open.rawValue)
            """
        ).run()
        return true
    }

    /// Gives a seat back (a placement cancelled or ended). A filled place opens again.
    static func release(placeID: UUID, on database: any Database) async throws {
        let sql = try database.sql
        try await sql.raw(
            """
            UPDATE places SET seats_taken = seats_taken - 1,
              status = CASE WHEN status = \(bind: PlaceStatus.filled.rawValue) THEN \(bind: PlaceStatus.open.rawValue) ELSE status END
            WHERE id = \(bind: placeID) AND seats_taken > 0
            """
        ).run()
    }

    /// Sets every place's count from its planned and running placements: after bulk inserts (demo
    /// data, history) that bypass `take`.
    static func recount(on database: any Database) async throws {
        try await database.sql.raw(
            """
            UPDATE places SET seats_taken = (SELECT COUNT(*) FROM placements pl
              WHERE pl.place_id = places.id AND pl.status IN (\(binds: PlacementStatus.allCases.filter(\.holdsSeat).map(\.rawValue))))
            """
        ).run()
    }

    static func seatsTaken(placeID: UUID, on database: any Database) async throws -> Int {
        struct Row: Decodable { let seats_taken: Int }
        return try await database.sql.raw("SELECT seats_taken FROM places WHERE id = \(bind: placeID)").first(decoding: Row.self)?
            .seats_taken ?? 0
    }
}
