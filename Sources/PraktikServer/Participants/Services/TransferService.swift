import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Moving a participant's record between units on request, so that registering a person number
/// that another unit holds never tells the case worker where the person is, or who they are
/// (issue 8: the enrolment oracle).
///
/// The case worker asks for the record by the number they typed; the unit that holds it sees the
/// request, with who asks, and accepts (the record moves, audited) or declines. Until it is
/// accepted, the unit that asked sees neither the person's name nor the unit that holds them.
/// `TransferStatus` is the state machine; every decision is one conditional `UPDATE … WHERE
/// status = 'pending'`, so of two simultaneous answers one wins and the other is told it was decided.
struct TransferService: Sendable {
    let database: any Database
    let clock: AppClock
    let scope: ParticipantScope
    let actor: AuditLog.Actor

    /// Asks for the record of the person with this number to be moved to the case worker's unit,
    /// and returns the request's id. Asking again while a request waits returns the same request.
    ///
    /// Throws `FormErrors` for a number that cannot be read or that nobody holds (the registration
    /// form says as much already), and `ParticipantService.DuplicatePersonNumber` with the record
    /// when the case worker's own unit holds it.
    @discardableResult
    func request(personNumber: String, identifierKind: String) async throws -> UUID {
        guard case .unit(let unitID) = scope.reach else { throw AppError.forbidden }
        let storage = try storageValue(personNumber: personNumber, identifierKind: identifierKind)
        guard let holder = try await Participant.query(on: database).filter(\.$personIdentifier == storage).first() else {
            throw FormErrors(fields: ["personNumber": "participant.transfer.nobody"])
        }
        let participantID = try holder.requireID()
        if holder.$unit.id == unitID { throw ParticipantService.DuplicatePersonNumber(visibleID: participantID) }
        if let waiting = try await pendingRequest(for: participantID, to: unitID) { return waiting }

        let transfer = ParticipantTransfer()
        transfer.$participant.id = participantID
        transfer.$toUnit.id = unitID
        transfer.$requestedBy.id = actor.userID
        transfer.requestedAt = clock.now()
        transfer.status = TransferStatus.pending.rawValue
        do {
            try await database.writingTransaction { db in
                try await transfer.create(on: db)
                try await AuditLog(database: db, clock: clock).record(
                    .create, by: actor, recordType: .participantTransfer, recordID: try transfer.requireID())
            }
            return try transfer.requireID()
        } catch  where error.isUniqueViolation {
            // A colleague (or a second click) asked at the same moment: theirs is the request.
            guard let waiting = try await pendingRequest(for: participantID, to: unitID) else {
                throw AppError.conflict(messageKey: "error.concurrent-change")
            }
            return waiting
        }
    }

    /// The unit that holds the record moves it to the unit that asked. The person's responsible
    /// case worker becomes the one who asked, if they still work in that unit.
    func accept(_ transferID: UUID?) async throws {
        let (transfer, participant) = try await requestToHolder(transferID)
        try TransferStatus(rawValue: transfer.status)?.checkTransition(to: .accepted, by: .holder)
        let participantID = try participant.requireID()
        let toUnitID = transfer.$toUnit.id
        let fromUnitID = participant.$unit.id
        let asker = try await transfer.$requestedBy.id.asyncFlatMap { try await User.find($0, on: database) }
        let askerStillThere = asker.map { $0.isActive && $0.role == Role.caseWorker.rawValue && $0.$unit.id == toUnitID } ?? false
        let responsible = askerStillThere ? transfer.$requestedBy.id : nil
        try await database.writingTransaction { db in
            try await decide(transfer, as: .accepted, fromUnit: fromUnitID, on: db)
            var changed: [String] = []
            if participant.$unit.id != toUnitID { changed.append("unit") }
            if participant.$responsibleCaseWorker.id != responsible { changed.append("responsible") }
            participant.$unit.id = toUnitID
            participant.$responsibleCaseWorker.id = responsible
            try await participant.save(on: db)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .participant, recordID: participantID,
                detail: "changed=" + changed.sorted().joined(separator: ","))
        }
    }

    /// The unit that holds the record keeps it.
    func decline(_ transferID: UUID?) async throws {
        let (transfer, participant) = try await requestToHolder(transferID)
        try TransferStatus(rawValue: transfer.status)?.checkTransition(to: .declined, by: .holder)
        try await database.writingTransaction { db in
            try await decide(transfer, as: .declined, fromUnit: participant.$unit.id, on: db)
        }
    }

    /// The unit that asked no longer wants the record.
    func withdraw(_ transferID: UUID?) async throws {
        guard case .unit(let unitID) = scope.reach, let transferID,
            let transfer = try await ParticipantTransfer.find(transferID, on: database),
            transfer.$toUnit.id == unitID
        else { throw AppError.notFound }
        try TransferStatus(rawValue: transfer.status)?.checkTransition(to: .withdrawn, by: .requester)
        try await database.writingTransaction { db in
            try await decide(transfer, as: .withdrawn, fromUnit: nil, on: db)
        }
    }

    /// A request and its record, for the unit that holds the record (or an admin); any other user
    /// is told it does not exist, like a record outside their scope.
    private func requestToHolder(_ transferID: UUID?) async throws -> (ParticipantTransfer, Participant) {
        guard let transferID, let transfer = try await ParticipantTransfer.find(transferID, on: database) else {
            throw AppError.notFound
        }
        let participant = try await scope.find(transfer.$participant.id, on: database)
        // The asking unit holds the record now (an admin moved it): the request is not theirs to answer.
        guard participant.$unit.id != transfer.$toUnit.id || scope.reach == .all else { throw AppError.notFound }
        return (transfer, participant)
    }

    /// Records the decision if the request still waits; else tells who came second that it was decided.
    private func decide(_ transfer: ParticipantTransfer, as status: TransferStatus, fromUnit: UUID?, on db: any Database) async throws {
        let id = try transfer.requireID()
        let decided = try await db.sql.raw(
            """
            UPDATE participant_transfers SET status = \(bind: status.rawValue), decided_by = \(bind: actor.userID),
              decided_at = \(bind: clock.now()), from_unit_id = \(bind: fromUnit)
            WHERE id = \(bind: id) AND status = \(bind: TransferStatus.pending.rawValue) RETURNING id
            """
        ).all()
        guard !decided.isEmpty else { throw TransferStatus.Refusal.alreadyDecided }
        try await AuditLog(database: db, clock: clock).record(
            .update, by: actor, recordType: .participantTransfer, recordID: id, detail: "transfer=\(status.rawValue)")
    }

    private func pendingRequest(for participantID: UUID, to unitID: UUID) async throws -> UUID? {
        try await ParticipantTransfer.query(on: database)
            .filter(\.$participant.$id == participantID).filter(\.$toUnit.$id == unitID)
            .filter(\.$status == TransferStatus.pending.rawValue).first()?.requireID()
    }

    private func storageValue(personNumber: String, identifierKind: String) throws -> String {
        let typed = FieldText.check(personNumber, .code, required: true)
        if let problem = typed.problem { throw FormErrors(fields: ["personNumber": problem]) }
        guard let kind = IdentifierKind(rawValue: identifierKind) else { throw FormErrors(fields: ["identifierKind": "form.required"]) }
        switch ParticipantInput.identifier(typed.text, as: kind, today: try clock.today()) {
        case .failure(let problem): throw FormErrors(fields: ["personNumber": problem.messageKey])
        case .success(let identifier):
            guard let storage = identifier.storageValue else {
                throw FormErrors(fields: ["personNumber": "participant.transfer.nobody"])
            }
            return storage
        }
    }
}

extension TransferService {
    /// Closes what waits for a record that leaves the system or moves by other means, in the
    /// transaction that does it: erasure cancels every request for the person; an admin moving the
    /// record to a unit answers that unit's request.
    static func closeRequests(
        for participantID: UUID, because reason: TransferStatus, toUnit: UUID? = nil, by actor: AuditLog.Actor, clock: AppClock,
        on db: any Database
    ) async throws {
        var condition: SQLQueryString = "participant_id = \(bind: participantID) AND status = \(bind: TransferStatus.pending.rawValue)"
        if let toUnit { condition = condition + " AND to_unit_id = \(bind: toUnit)" }
        try await db.sql.raw(
            """
            UPDATE participant_transfers SET status = \(bind: reason.rawValue), decided_by = \(bind: actor.userID),
              decided_at = \(bind: clock.now())
            WHERE \(condition)
            """
        ).run()
    }
}
