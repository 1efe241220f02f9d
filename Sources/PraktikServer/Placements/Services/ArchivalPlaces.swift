import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Where a placement sits when its real place and workplace are not known: the history import of
/// issue 14 loads placements from earlier systems that name only the employer.
///
/// M0300 requires a place and a workplace for every placement, and SQLite cannot relax a NOT NULL
/// column. Rather than a second placements table (every report would union two tables), each
/// employer gets one archival workplace and one archival place, found by their natural key
/// `history`. The place is closed and has no seats, so `PlaceUsability` never offers it, and its
/// period is widened to cover every placement put there. The employer compilation and the misuse
/// signals keep counting history placements per employer with no special case.
struct ArchivalPlaces: Sendable {
    let database: any Database

    static let naturalKey = "history"

    struct Location: Sendable, Hashable {
        let placeID: UUID
        let workplaceID: UUID
    }

    /// The employer's archival place, created on first use, with its period widened to `start...end`.
    func location(forEmployer employerID: UUID, unitID: UUID, covering start: CivilDate, through end: CivilDate) async throws
        -> Location
    {
        let workplace = try await archivalWorkplace(of: employerID)
        let workplaceID = try workplace.requireID()
        if let place = try await Place.query(on: database).filter(\.$workplace.$id == workplaceID)
            .filter(\.$naturalKey == Self.naturalKey).first()
        {
            var changed = false
            if let current = CivilDate(iso8601: place.periodStart), start < current {
                place.periodStart = start.description
                changed = true
            }
            if let current = CivilDate(iso8601: place.periodEnd), end > current {
                place.periodEnd = end.description
                changed = true
            }
            if changed { try await place.save(on: database) }
            return Location(placeID: try place.requireID(), workplaceID: workplaceID)
        }
        let place = Place()
        place.$workplace.id = workplaceID
        place.$employer.id = employerID
        place.$unit.id = unitID
        place.title = "–"
        place.occupationField = ""
        place.tasks = ""
        place.capacity = 0
        place.periodStart = start.description
        place.periodEnd = end.description
        place.hoursPerWeek = 0
        place.languageRequirement = ""
        place.remotePossible = false
        place.regime = PlaceRegime.external.rawValue
        place.status = PlaceStatus.closed.rawValue
        place.naturalKey = Self.naturalKey
        place.searchText = ""
        try await place.create(on: database)
        return Location(placeID: try place.requireID(), workplaceID: workplaceID)
    }

    private func archivalWorkplace(of employerID: UUID) async throws -> Workplace {
        if let existing = try await Workplace.query(on: database).filter(\.$employer.$id == employerID)
            .filter(\.$naturalKey == Self.naturalKey).first()
        {
            return existing
        }
        let workplace = Workplace()
        workplace.$employer.id = employerID
        workplace.name = "–"
        workplace.address = ""
        workplace.postalCode = ""
        workplace.city = ""
        workplace.district = ""
        workplace.naturalKey = Self.naturalKey
        // Inactive: nobody adds places or contacts to it; it only holds history.
        workplace.isActive = false
        try await workplace.create(on: database)
        return workplace
    }
}
