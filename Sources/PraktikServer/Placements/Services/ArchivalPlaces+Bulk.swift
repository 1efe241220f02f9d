import Fluent
import Foundation
import PraktikCore
import SQLKit

extension ArchivalPlaces {
    /// `location(forEmployer:…)` for many employers at once, for the history import: the archival
    /// workplaces and places that exist are read with a few `IN` lookups, the missing ones created
    /// with multi-row INSERTs, and a place's period widened only where it must grow. The rows are
    /// the ones `location` creates (same natural key, closed, no seats), so either finds the other's.
    func locations(covering periods: [UUID: (unitID: UUID, start: CivilDate, end: CivilDate)], now: Date) async throws
        -> [UUID: Location]
    {
        let sql = try database.sql
        let employers = Array(periods.keys)
        struct ExistingWorkplace: Decodable {
            let id: UUID
            let employer_id: UUID
        }
        struct ExistingPlace: Decodable {
            let id: UUID
            let workplace_id: UUID
            let period_start: String
            let period_end: String
        }
        var workplaces: [UUID: UUID] = [:]
        for chunk in employers.chunked(into: 5_000) {
            for row in try await sql.raw(
                """
                SELECT id, employer_id FROM workplaces
                WHERE natural_key = \(bind: Self.naturalKey) AND employer_id IN (\(binds: Array(chunk)))
                """
            ).all(decoding: ExistingWorkplace.self) where workplaces[row.employer_id] == nil {
                workplaces[row.employer_id] = row.id
            }
        }
        var places: [UUID: ExistingPlace] = [:]
        let knownWorkplaces = Array(workplaces.values)
        for chunk in knownWorkplaces.chunked(into: 5_000) {
            for row in try await sql.raw(
                """
                SELECT id, workplace_id, period_start, period_end FROM places
                WHERE natural_key = \(bind: Self.naturalKey) AND workplace_id IN (\(binds: Array(chunk)))
                """
            ).all(decoding: ExistingPlace.self) where places[row.workplace_id] == nil {
                places[row.workplace_id] = row
            }
        }

        var result: [UUID: Location] = [:]
        var newWorkplaces: [[any Encodable & Sendable]] = []
        var newPlaces: [[any Encodable & Sendable]] = []
        for employerID in employers.sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let period = periods[employerID] else { continue }
            let workplaceID: UUID
            if let existing = workplaces[employerID] {
                workplaceID = existing
            } else {
                workplaceID = UUID()
                newWorkplaces.append([workplaceID, employerID, "–", "", "", "", "", Self.naturalKey, false, now, now])
            }
            if let place = places[workplaceID] {
                let start = CivilDate(iso8601: place.period_start).map { min($0, period.start) } ?? period.start
                let end = CivilDate(iso8601: place.period_end).map { max($0, period.end) } ?? period.end
                if start.description != place.period_start || end.description != place.period_end {
                    try await sql.update(Place.schema).set("period_start", to: SQLBind(start.description))
                        .set("period_end", to: SQLBind(end.description)).set("updated_at", to: SQLBind(now))
                        .where("id", .equal, SQLBind(place.id)).run()
                }
                result[employerID] = Location(placeID: place.id, workplaceID: workplaceID)
            } else {
                let placeID = UUID()
                newPlaces.append([
                    placeID, workplaceID, employerID, period.unitID, "–", "", "", 0, period.start.description, period.end.description, 0,
                    "",
                    false, PlaceRegime.external.rawValue, PlaceStatus.closed.rawValue, Self.naturalKey, "", now, now,
                ])
                result[employerID] = Location(placeID: placeID, workplaceID: workplaceID)
            }
        }
        try await BulkInsert.insert(
            into: Workplace.schema,
            columns: [
                "id", "employer_id", "name", "address", "postal_code", "city", "district", "natural_key", "is_active", "created_at",
                "updated_at",
            ],
            rows: newWorkplaces, on: sql)
        try await BulkInsert.insert(
            into: Place.schema,
            columns: [
                "id", "workplace_id", "employer_id", "unit_id", "title", "occupation_field", "tasks", "capacity", "period_start",
                "period_end",
                "hours_per_week", "language_requirement", "remote_possible", "regime", "status", "natural_key", "search_text", "created_at",
                "updated_at",
            ],
            rows: newPlaces, on: sql)
        return result
    }
}
