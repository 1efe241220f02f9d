import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Which intakes a signed-in user works with: an admin every one, a case worker those of the
/// programmes their own unit runs (the few dedicated screeners of seed 004 2.2), an analyst none
/// for work but every one as aggregates (the funnel). Anything outside is "not found".
struct IntakeScope: Sendable {
    let user: SignedInUser

    enum Reach: Equatable {
        case all
        case unit(UUID)
        case nothing
    }

    /// Reach for work on applications: reading answers, deciding, outreach.
    var reach: Reach {
        switch user.role {
        case .admin: .all
        case .caseWorker: user.unitID.map(Reach.unit) ?? .nothing
        case .analyst, .employerContact, .participant: .nothing
        }
    }

    /// Whether the user sees figures only: counts with small numbers hidden, never a person.
    var seesAggregatesOnly: Bool { user.role == .analyst }

    func includes(_ programme: Programme) -> Bool {
        switch reach {
        case .all: true
        case .unit(let unitID): programme.$unit.id == unitID
        case .nothing: false
        }
    }

    /// The intake if this user may work with it; otherwise `AppError.notFound`.
    func find(_ id: UUID?, on database: any Database) async throws -> Intake {
        guard let id, let intake = try await Intake.query(on: database).filter(\.$id == id).with(\.$programme).first(),
            includes(intake.programme)
        else { throw AppError.notFound }
        return intake
    }

    /// The intake for its aggregate figures: analysts see every intake's funnel.
    func findForFigures(_ id: UUID?, on database: any Database) async throws -> Intake {
        if seesAggregatesOnly {
            guard let id, let intake = try await Intake.query(on: database).filter(\.$id == id).with(\.$programme).first() else {
                throw AppError.notFound
            }
            return intake
        }
        return try await find(id, on: database)
    }

    /// The application if its intake is in this user's reach.
    func findApplication(_ id: UUID?, on database: any Database) async throws -> (IntakeApplication, Intake) {
        guard let id, let application = try await IntakeApplication.find(id, on: database) else { throw AppError.notFound }
        let intake = try await find(application.$intake.id, on: database)
        return (application, intake)
    }

    /// The condition that keeps a query on `programmes` (aliased `alias`) inside this scope, or nil
    /// for everything; analysts get every row for lists that show figures only.
    func condition(programmeAlias alias: String, forFigures: Bool = false) -> SQLQueryString? {
        if forFigures && seesAggregatesOnly { return nil }
        switch reach {
        case .all: return nil
        case .unit(let unitID): return "\(ident: alias).unit_id = \(bind: unitID)"
        case .nothing: return "1 = 0"
        }
    }
}
