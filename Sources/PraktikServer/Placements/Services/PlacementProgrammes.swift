import Fluent
import Foundation
import PraktikCore

/// The programmes' settings for placements: lengths, purposes, needed consents. Read by the decision
/// and the pages; changed by the admin.
struct PlacementProgrammes: Sendable {
    let database: any Database

    func active() async throws -> [PlacementProgramme] {
        try await PlacementProgramme.query(on: database).filter(\.$isActive == true).sort(\.$position).all()
    }

    func all() async throws -> [PlacementProgramme] {
        try await PlacementProgramme.query(on: database).sort(\.$position).all()
    }

    func find(code: String) async throws -> PlacementProgramme? {
        try await PlacementProgramme.query(on: database).filter(\.$code == code).first()
    }

    func find(_ id: UUID?) async throws -> PlacementProgramme {
        guard let id, let programme = try await PlacementProgramme.find(id, on: database) else { throw AppError.notFound }
        return programme
    }

    /// The programme's purposes, active ones only unless asked otherwise, in the admin's order.
    func purposes(of code: String, includingRetired: Bool = false) async throws -> [ProgrammePurpose] {
        var query = ProgrammePurpose.query(on: database).filter(\.$programmeCode == code)
        if !includingRetired { query = query.filter(\.$isActive == true) }
        return try await query.sort(\.$position).all()
    }

    func purpose(_ code: String, of programme: String) async throws -> ProgrammePurpose? {
        try await ProgrammePurpose.query(on: database).filter(\.$programmeCode == programme).filter(\.$code == code).first()
    }

    /// The default length for a person of `benefit` in the programme: the benefit group's own where
    /// configured, else the programme's.
    func defaultLength(of programme: PlacementProgramme, for benefit: String) async throws -> PlacementLength {
        if let row = try await PlacementProgrammeLength.query(on: database).filter(\.$programmeCode == programme.code)
            .filter(\.$benefitType == benefit).first()
        {
            return row.length
        }
        return programme.defaultLength
    }

    func lengths(of code: String) async throws -> [PlacementProgrammeLength] {
        try await PlacementProgrammeLength.query(on: database).filter(\.$programmeCode == code).sort(\.$benefitType).all()
    }
}
