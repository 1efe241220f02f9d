import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Which placements a signed-in user may open: those of the participants their `ParticipantScope`
/// reaches (an admin all, a case worker their unit's, a participant their own). Anything else is
/// "not found", as for participants, so ids cannot be probed. Employer contacts reach placements
/// through `EmployerContactScope` instead, and see less of them.
struct PlacementScope: Sendable {
    let participants: ParticipantScope

    init(user: SignedInUser) { participants = ParticipantScope(user: user) }

    /// The placement and its participant if this user may open them; otherwise `AppError.notFound`.
    func find(_ id: UUID?, on database: any Database) async throws -> (Placement, Participant) {
        guard let id, let placement = try await Placement.find(id, on: database),
            let participant = try await Participant.find(placement.$participant.id, on: database), participants.includes(participant)
        else { throw AppError.notFound }
        return (placement, participant)
    }

    /// A condition on `participants` aliased `alias`, for SQL lists.
    func condition(alias: String) -> SQLQueryString {
        switch participants.reach {
        case .all: "1 = 1"
        case .unit(let unitID): "\(ident: alias).unit_id = \(bind: unitID)"
        case .onlyParticipant(let id): "\(ident: alias).id = \(bind: id)"
        case .nothing: "1 = 0"
        }
    }
}

extension EmployerContactScope {
    /// A placement at one of the contact's workplaces, else "not found".
    func placement(_ id: UUID?) async throws -> Placement {
        guard let id, let placement = try await Placement.find(id, on: database),
            try await workplaceIDs().contains(placement.$workplace.id)
        else { throw AppError.notFound }
        return placement
    }
}
