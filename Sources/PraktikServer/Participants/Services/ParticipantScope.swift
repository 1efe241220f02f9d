import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Which participants a signed-in user may open: an admin all, a case worker those of their own
/// unit, a participant only themself, anyone else none. Every participant query goes through here.
///
/// A record outside the scope is reported as not found, never as forbidden, so that probing ids or
/// person numbers does not reveal whether someone is enrolled.
struct ParticipantScope: Sendable {
    let user: SignedInUser

    enum Reach: Equatable {
        case all
        case unit(UUID)
        case onlyParticipant(UUID)
        case nothing
    }

    var reach: Reach {
        switch user.role {
        case .admin: .all
        case .caseWorker: user.unitID.map(Reach.unit) ?? .nothing
        case .participant: user.participantID.map(Reach.onlyParticipant) ?? .nothing
        case .employerContact, .analyst: .nothing
        }
    }

    func includes(_ participant: Participant) -> Bool {
        switch reach {
        case .all: true
        case .unit(let unitID): participant.$unit.id == unitID
        case .onlyParticipant(let id): participant.id == id
        case .nothing: false
        }
    }

    /// The participant if this user may open it; otherwise `AppError.notFound`.
    func find(_ id: UUID?, on database: any Database) async throws -> Participant {
        guard let id, let participant = try await Participant.find(id, on: database), includes(participant) else {
            throw AppError.notFound
        }
        return participant
    }

    /// The same restriction as one condition, for queries written as SQL text (`SQLWhere`); nil
    /// when the scope restricts nothing.
    func condition(alias: String) -> SQLQueryString? {
        switch reach {
        case .all: nil
        case .unit(let unitID): "\(ident: alias).unit_id = \(bind: unitID)"
        case .onlyParticipant(let id): "\(ident: alias).id = \(bind: id)"
        case .nothing: "1 = 0"
        }
    }

    /// Restricts a query on `participants` (aliased `alias`) to this scope.
    func restrict(_ query: SQLSelectBuilder, alias: String) -> SQLSelectBuilder {
        guard let condition = condition(alias: alias) else { return query }
        return query.where(condition)
    }
}
