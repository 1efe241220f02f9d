import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Answers "may this place be used now?" for the placement decision: reads the facts from the
/// register and leaves the rule to `PlaceUsability`.
struct PlaceUsabilityService: Sendable {
    let database: any Database

    func answer(for place: Place, on day: CivilDate) async throws -> PlaceUsability.Answer {
        PlaceUsability.answer(try await facts(for: place), on: day)
    }

    /// Whether the place could be opened now (`PlaceUsability.answerForOpening`).
    func answerForOpening(_ place: Place, on day: CivilDate) async throws -> PlaceUsability.Answer {
        PlaceUsability.answerForOpening(try await facts(for: place), on: day)
    }

    func answer(forPlaceID id: UUID, on day: CivilDate) async throws -> PlaceUsability.Answer {
        guard let place = try await Place.find(id, on: database) else { throw AppError.notFound }
        return try await answer(for: place, on: day)
    }

    func facts(for place: Place) async throws -> PlaceUsability.Facts {
        let sql = try database.sql
        guard let placeID = place.id,
            let employer = try await Employer.find(place.$employer.id, on: database)
        else { throw AppError.notFound }
        let standings = try await EmployerCheckService(database: database, clock: .system).standings(of: place.$employer.id)
        struct Count: Decodable { let n: Int }
        // Planned and running placements hold a seat; ended and cancelled ones have given it back.
        let taken =
            try await sql.raw(
                """
                SELECT COUNT(*) AS n FROM placements WHERE place_id = \(bind: placeID) AND status IN (\(binds: ["planned", "active"]))
                """
            ).first(decoding: Count.self)?.n ?? 0
        guard let start = CivilDate(iso8601: place.periodStart), let end = CivilDate(iso8601: place.periodEnd) else {
            throw AppError.conflict(messageKey: "place.period.invalid")
        }
        return PlaceUsability.Facts(
            status: PlaceStatus(rawValue: place.status) ?? .closed, periodStart: start, periodEnd: end, capacity: place.capacity,
            seatsTaken: taken, employerIsActive: employer.isActive,
            requiredChecks: standings.filter { $0.type.isRequired }.map(\.standing))
    }
}
