import Fluent
import Foundation

/// The records a placement page shows beside the placement, looked up once.
struct PlacementContext: Sendable {
    let place: Place?
    let workplace: Workplace?
    let employer: Employer?
    let programme: PlacementProgramme?
    let purpose: ProgrammePurpose?
    let decider: User?
    let unit: OrganisationUnit?

    static func load(_ placement: Placement, on db: any Database) async throws -> PlacementContext {
        let place = try await Place.find(placement.$place.id, on: db)
        var employer: Employer?
        if let place { employer = try await Employer.find(place.$employer.id, on: db) }
        let programmes = PlacementProgrammes(database: db)
        var programme: PlacementProgramme?
        var purpose: ProgrammePurpose?
        if let code = placement.programme {
            programme = try await programmes.find(code: code)
            if let purposeCode = placement.purpose { purpose = try await programmes.purpose(purposeCode, of: code) }
        }
        var decider: User?
        if let id = placement.$decidedBy.id { decider = try await User.find(id, on: db) }
        return PlacementContext(
            place: place, workplace: try await Workplace.find(placement.$workplace.id, on: db), employer: employer, programme: programme,
            purpose: purpose, decider: decider, unit: try await OrganisationUnit.find(placement.$unit.id, on: db))
    }
}
