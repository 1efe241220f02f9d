import Fluent
import Foundation
import PraktikCore

/// Registering, changing and exiting participants, and recording outcomes. Every rule about when a
/// record may be written comes from `ParticipantRecordPolicy`; every change is audited in the same
/// transaction.
struct ParticipantService: Sendable {
    let database: any Database
    let clock: AppClock
    let scope: ParticipantScope
    let actor: AuditLog.Actor

    /// The person number belongs to someone already registered. `visibleID` is set only when the
    /// user may open that record, so the message can link to it. When they may not, the answer is
    /// the same whoever holds it and in whatever state (no name, unit or status), and offers a
    /// transfer request (`TransferService`) instead.
    struct DuplicatePersonNumber: Error {
        let visibleID: UUID?
    }

    struct Refused: Error {
        let refusal: ParticipantRecordPolicy.Refusal
    }

    func create(_ input: ParticipantInput) async throws -> Participant {
        let today = try clock.today()
        let valid = try input.validated(today: today, registeredOn: today).get()
        let unitID = try await unitForNewParticipant(requested: input.unitID)
        try await checkResponsible(valid.responsibleUserID, unitID: unitID)
        try await refuseDuplicate(valid.identifier, except: nil)

        let participant = Participant()
        participant.$unit.id = unitID
        participant.status = ParticipantStatus.active.rawValue
        apply(valid, to: participant)
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await participant.create(on: db)
                let id = try participant.requireID()
                try await replaceLanguagesAndGroups(of: id, with: valid, on: db)
                try await AuditLog(database: db, clock: clock).record(.create, by: actor, recordType: .participant, recordID: id)
            }
        } whenTaken: {
            try await refuseDuplicate(valid.identifier, except: nil)
        }
        return participant
    }

    func update(_ participant: Participant, with input: ParticipantInput) async throws {
        try await refuseUnless(.editDetails, participant)
        let today = try clock.today()
        let registeredOn = participant.createdAt.flatMap { CivilDate($0) } ?? today
        let valid = try input.validated(today: today, registeredOn: registeredOn).get()
        let id = try participant.requireID()
        var unitID = participant.$unit.id
        if scope.reach == .all, let requested = input.unitID {
            guard try await OrganisationUnit.find(requested, on: database) != nil else {
                throw FormErrors(fields: ["unitID": "form.unit.unknown"])
            }
            unitID = requested
        }
        try await checkResponsible(valid.responsibleUserID, unitID: unitID)
        try await refuseDuplicate(valid.identifier, except: id)

        let before = Snapshot(participant)
        let movedTo = unitID != before.unitID ? unitID : nil
        participant.$unit.id = unitID
        apply(valid, to: participant)
        let changed = before.changedFields(comparedTo: Snapshot(participant))
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await participant.save(on: db)
                try await replaceLanguagesAndGroups(of: id, with: valid, on: db)
                if let movedTo {
                    // Moved by an admin: a request from that unit for this person is answered by the move.
                    try await TransferService.closeRequests(
                        for: id, because: .accepted, toUnit: movedTo, by: actor, clock: clock, on: db)
                }
                try await AuditLog(database: db, clock: clock).record(
                    .update, by: actor, recordType: .participant, recordID: id, detail: "changed=" + changed.joined(separator: ","))
            }
        } whenTaken: {
            try await refuseDuplicate(valid.identifier, except: id)
        }
    }

    /// Ends the participation. The outcome at exit is recorded in the same step, while the record
    /// may still be written to.
    func exit(_ participant: Participant, on date: CivilDate, reason: ExitReason, outcome: OutcomeStatus?, employerIsHost: Bool?)
        async throws
    {
        try await refuseUnless(.exit, participant)
        guard date <= (try clock.today()) else { throw FormErrors(fields: ["exitDate": "participant.exit-date.future"]) }
        let id = try participant.requireID()
        participant.status = ParticipantStatus.exited.rawValue
        participant.exitDate = date.description
        participant.exitReason = reason.rawValue
        try await database.writingTransaction { db in
            try await participant.save(on: db)
            if let outcome {
                try await insertOutcome(
                    participantID: id, horizon: .atExit, status: outcome, employerIsHost: employerIsHost, source: .caseWorker, on: db)
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .participant, recordID: id, detail: "exit reason=\(reason.rawValue)")
        }
    }

    /// An outcome follow-up after exit: allowed only while the person's post-exit consent is active.
    func recordFollowUp(
        _ participant: Participant, horizon: OutcomeHorizon, status: OutcomeStatus, employerIsHost: Bool?, source: OutcomeSource
    ) async throws {
        guard horizon != .atExit else { throw Refused(refusal: .exitedRecordIsReadOnly) }
        try await refuseUnless(.recordOutcomeFollowUp, participant)
        if let refusal = ParticipantRecordPolicy.horizonRefusal(
            horizon, exitDate: participant.exitDate.flatMap(CivilDate.init(iso8601:)), on: try clock.today())
        {
            throw Refused(refusal: refusal)
        }
        let id = try participant.requireID()
        try await database.writingTransaction { db in
            try await insertOutcome(
                participantID: id, horizon: horizon, status: status, employerIsHost: employerIsHost, source: source, on: db)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .participant, recordID: id, detail: "outcome \(horizon.rawValue)=\(status.rawValue)")
        }
    }

    /// The person's decision about a purpose, recorded by staff. Consent is recorded whatever the
    /// record's state, except on an erased record, which takes nothing.
    func recordConsent(
        _ action: ConsentAction, purpose: String, channel: ConsentChannel, for participant: Participant, on day: CivilDate? = nil
    ) async throws {
        try await refuseUnless(.recordConsent, participant)
        try await ConsentService(database: database, clock: clock)
            .record(action, purpose: purpose, channel: channel, participantID: try participant.requireID(), by: actor, on: day)
    }

    /// Throws `Refused` with the policy's reason when `write` is not allowed now.
    func refuseUnless(_ write: ParticipantRecordPolicy.Write, _ participant: Participant) async throws {
        let id = try participant.requireID()
        let consent = try await ConsentService(database: database, clock: clock).isActive(.postExitFollowUp, for: id)
        if let refusal = ParticipantRecordPolicy.refusal(
            of: write, status: ParticipantStatus(rawValue: participant.status) ?? .active,
            isErased: participant.erasedAt != nil, postExitConsentActive: consent)
        {
            throw Refused(refusal: refusal)
        }
    }

    private func insertOutcome(
        participantID: UUID, horizon: OutcomeHorizon, status: OutcomeStatus, employerIsHost: Bool?, source: OutcomeSource,
        on db: any Database
    ) async throws {
        let record = OutcomeRecord()
        record.$participant.id = participantID
        record.horizon = horizon.rawValue
        record.status = status.rawValue
        record.employerIsHost = employerIsHost
        record.source = source.rawValue
        record.recordedAt = clock.now()
        record.recordedBy = actor.userID
        try await record.create(on: db)
    }

    private func unitForNewParticipant(requested: UUID?) async throws -> UUID {
        switch scope.reach {
        case .unit(let unitID):
            return unitID
        case .all:
            guard let requested, try await OrganisationUnit.find(requested, on: database) != nil else {
                throw FormErrors(fields: ["unitID": "form.unit.required"])
            }
            return requested
        case .onlyParticipant, .nothing:
            throw AppError.forbidden
        }
    }

    private func checkResponsible(_ userID: UUID?, unitID: UUID) async throws {
        guard let userID else { return }
        guard let user = try await User.find(userID, on: database), user.role == Role.caseWorker.rawValue, user.$unit.id == unitID else {
            throw FormErrors(fields: ["responsibleUserID": "participant.responsible.invalid"])
        }
    }

    private func refuseDuplicate(_ identifier: PersonIdentifier, except id: UUID?) async throws {
        guard let storage = identifier.storageValue else { return }
        var query = Participant.query(on: database).filter(\.$personIdentifier == storage)
        if let id { query = query.filter(\.$id != id) }
        guard let existing = try await query.first() else { return }
        guard scope.includes(existing) else {
            // The person registering learns only that the number is taken; the person's own access
            // log shows who learned it.
            try await AuditLog(database: database, clock: clock).record(
                .view, by: actor, recordType: .participant, recordID: existing.id, detail: AuditDetail.registrationRefused)
            throw DuplicatePersonNumber(visibleID: nil)
        }
        throw DuplicatePersonNumber(visibleID: existing.id)
    }

    private func apply(_ valid: ValidParticipant, to participant: Participant) {
        participant.firstName = valid.firstName
        participant.lastName = valid.lastName
        participant.email = valid.email
        participant.phone = valid.phone
        participant.postalAddress = valid.postalAddress
        participant.identifierKind = valid.identifierKind.rawValue
        participant.personIdentifier = valid.identifier.storageValue
        participant.birthYear = valid.birthYear
        participant.gender = valid.gender.rawValue
        participant.birthRegion = valid.birthRegion.rawValue
        participant.educationLevel = valid.educationLevel.rawValue
        participant.educationField = valid.educationField
        participant.benefitType = valid.benefitType.rawValue
        participant.messageLanguage = valid.messageLanguage?.rawValue
        participant.$responsibleCaseWorker.id = valid.responsibleUserID
        participant.searchText = Participant.searchText(firstName: valid.firstName, lastName: valid.lastName, email: valid.email)
    }

    private func replaceLanguagesAndGroups(of id: UUID, with valid: ValidParticipant, on db: any Database) async throws {
        try await ParticipantLanguage.query(on: db).filter(\.$participant.$id == id).delete()
        for (language, level) in valid.languages.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try await ParticipantLanguage(participantID: id, language: language.rawValue, level: level.rawValue).create(on: db)
        }
        try await ParticipantTargetGroup.query(on: db).filter(\.$participant.$id == id).delete()
        for group in valid.targetGroups.sorted(by: { $0.rawValue < $1.rawValue }) {
            try await ParticipantTargetGroup(participantID: id, tag: group.rawValue).create(on: db)
        }
    }

    /// The audited fields of a participant, to name what changed (names of fields, never values).
    private struct Snapshot {
        let values: [String: String]
        let unitID: UUID

        init(_ p: Participant) {
            unitID = p.$unit.id
            values = [
                "first_name": p.firstName ?? "", "last_name": p.lastName ?? "", "email": p.email ?? "", "phone": p.phone ?? "",
                "postal_address": p.postalAddress ?? "", "person_identifier": p.personIdentifier ?? "",
                "identifier_kind": p.identifierKind, "birth_year": p.birthYear.map(String.init) ?? "", "gender": p.gender,
                "birth_region": p.birthRegion, "education_level": p.educationLevel, "education_field": p.educationField ?? "",
                "benefit_type": p.benefitType, "language": p.messageLanguage ?? "", "unit": p.$unit.id.uuidString,
                "responsible": p.$responsibleCaseWorker.id?.uuidString ?? "",
            ]
        }

        func changedFields(comparedTo other: Snapshot) -> [String] {
            values.keys.filter { values[$0] != other.values[$0] }.sorted()
        }
    }
}

extension ParticipantService {
    /// For pages that only show a form: the same refusal as the write would give.
    func refuseUnlessAllowed(_ write: ParticipantRecordPolicy.Write, _ participant: Participant) async throws {
        do { try await refuseUnless(write, participant) } catch let refused as Refused {
            throw AppError.conflict(messageKey: refused.refusal.messageKey)
        }
    }
}
