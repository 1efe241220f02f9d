import Fluent
import Foundation

/// What one employer contact may reach: the workplaces linked to them in `workplace_contacts`, the
/// places there, and their employers. Every portal query goes through here, so a forgotten check in
/// a controller cannot show another employer's data; anything outside the scope is "not found".
struct EmployerContactScope: Sendable {
    let database: any Database
    let userID: UUID

    func workplaceIDs() async throws -> [UUID] {
        try await WorkplaceContact.query(on: database).filter(\.$user.$id == userID).all().map { $0.$workplace.id }
    }

    func workplace(_ id: UUID?) async throws -> Workplace {
        guard let id, try await isLinked(to: id), let workplace = try await Workplace.find(id, on: database) else {
            throw AppError.notFound
        }
        return workplace
    }

    func place(_ id: UUID?) async throws -> Place {
        guard let id, let place = try await Place.find(id, on: database), try await isLinked(to: place.$workplace.id) else {
            throw AppError.notFound
        }
        return place
    }

    /// The contact's workplaces with their employers, by name.
    func workplaces() async throws -> [Workplace] {
        let ids = try await workplaceIDs()
        guard !ids.isEmpty else { return [] }
        return try await Workplace.query(on: database).filter(\.$id ~~ ids).with(\.$employer).sort(\.$name).all()
    }

    /// The employers of the contact's workplaces (usually one), by name.
    func employers() async throws -> [Employer] {
        let ids = try await workplaceIDs()
        guard !ids.isEmpty else { return [] }
        let employerIDs = Set(try await Workplace.query(on: database).filter(\.$id ~~ ids).all().map { $0.$employer.id })
        return try await Employer.query(on: database).filter(\.$id ~~ Array(employerIDs)).sort(\.$name).all()
    }

    private func isLinked(to workplaceID: UUID) async throws -> Bool {
        try await WorkplaceContact.query(on: database).filter(\.$user.$id == userID).filter(\.$workplace.$id == workplaceID).count() > 0
    }
}
