import Fluent
import Foundation
import PraktikCore

/// Creating, changing and approving internship places, for staff and for employer contacts. An
/// employer contact's calls go through `EmployerContactScope` first, so they only ever reach places
/// at their own workplaces.
struct PlaceService: Sendable {
    let database: any Database
    let clock: AppClock

    struct Checked: Sendable {
        var place: RegisterRow.Place
        var unitID: UUID
    }

    /// Validates the form with the register's shared rules (`RegisterFields`), and the unit.
    func check(_ input: PlaceInput) async throws -> Checked {
        var errors = FormErrors()
        var fields = input.registerFields
        let place = fields.place(unitCodeRequired: false, defaultStatus: .draft)
        errors.add(fields.problems, as: PlaceInput.formFields)
        let unitID = UUID(uuidString: input.unitID)
        if let unitID {
            if try await OrganisationUnit.find(unitID, on: database) == nil { errors.add("unitID", "form.unit.unknown") }
        } else {
            errors.add("unitID", "form.unit.required")
        }
        try errors.throwIfAny()
        guard let place, let unitID else { throw FormErrors(fields: ["title": FieldText.requiredKey]) }
        return Checked(place: place, unitID: unitID)
    }

    /// A new place at `workplace`. Staff create drafts; an employer contact's place is a proposal
    /// that waits for a case worker, who is told by `notice`.
    ///
    /// An employer does not choose the unit or the regime (the job centre's own words and
    /// decisions): the proposal goes to the unit that already follows the workplace, and the case
    /// worker sets both when approving.
    func create(
        at workplace: Workplace, _ input: PlaceInput, as actor: PlaceStatus.Actor, by auditActor: AuditLog.Actor,
        notice: ProposalNotice? = nil
    ) async throws -> Place {
        var input = input
        if actor == .employer {
            input.regime = PlaceRegime.external.rawValue
            guard let unitID = try await proposalUnit(for: workplace) else {
                throw FormErrors(fields: ["unitID": "place.proposal.no-unit"])
            }
            input.unitID = unitID.uuidString
        }
        let checked = try await check(input)
        guard let workplaceID = workplace.id else { throw AppError.notFound }
        try await refuseDuplicate(workplaceID: workplaceID, key: checked.place.naturalKey, except: nil)
        let place = Place()
        place.$workplace.id = workplaceID
        place.$employer.id = workplace.$employer.id
        apply(checked, to: place)
        place.status = PlaceStatus.initial(for: actor).rawValue
        if actor == .employer { place.$proposedBy.id = auditActor.userID }
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await place.create(on: db)
                try await AuditLog(database: db, clock: clock).record(
                    .create, by: auditActor, recordType: .place, recordID: place.id, detail: "status=\(place.status)")
                if actor == .employer, let notice {
                    let employerName = try await Employer.find(workplace.$employer.id, on: db)?.name ?? ""
                    try await notice.send(for: place, employerName: employerName, on: db, clock: clock)
                }
            }
        } whenTaken: {
            try await refuseDuplicate(workplaceID: workplaceID, key: checked.place.naturalKey, except: nil)
        }
        return place
    }

    /// The unit an employer's proposal goes to: the unit of the workplace's latest place, else of
    /// the employer's latest place, else the unit of the case worker who registered the workplace.
    func proposalUnit(for workplace: Workplace) async throws -> UUID? {
        struct Unit: Decodable { let unit_id: UUID }
        let sql = try database.sql
        guard let workplaceID = workplace.id else { return nil }
        if let unit = try await sql.raw(
            "SELECT unit_id FROM places WHERE workplace_id = \(bind: workplaceID) ORDER BY created_at DESC LIMIT 1"
        ).first(decoding: Unit.self) {
            return unit.unit_id
        }
        if let unit = try await sql.raw(
            "SELECT unit_id FROM places WHERE employer_id = \(bind: workplace.$employer.id) ORDER BY created_at DESC LIMIT 1"
        ).first(decoding: Unit.self) {
            return unit.unit_id
        }
        return try await sql.raw(
            """
            SELECT u.unit_id FROM audit_events a JOIN users u ON u.id = a.actor_user_id
            WHERE a.record_type = \(bind: AuditRecordKind.workplace.rawValue) AND a.record_id = \(bind: workplaceID.uuidString)
              AND a.action = \(bind: AuditLog.Action.create.rawValue) AND u.unit_id IS NOT NULL
            ORDER BY a.occurred_at LIMIT 1
            """
        ).first(decoding: Unit.self)?.unit_id
    }

    func update(_ place: Place, with input: PlaceInput, as actor: PlaceStatus.Actor, by auditActor: AuditLog.Actor) async throws {
        if actor == .employer, !(PlaceStatus(rawValue: place.status)?.employerMayEdit ?? false) {
            throw AppError.conflict(messageKey: "place.employer-cannot-edit")
        }
        var input = input
        if actor == .employer {
            // The unit and regime are the job centre's; an employer's edit keeps them.
            input.regime = place.regime
            input.unitID = place.$unit.id.uuidString
        }
        let checked = try await check(input)
        try await refuseDuplicate(workplaceID: place.$workplace.id, key: checked.place.naturalKey, except: place.id)
        apply(checked, to: place)
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await place.save(on: db)
                try await AuditLog(database: db, clock: clock).record(.update, by: auditActor, recordType: .place, recordID: place.id)
            }
        } whenTaken: {
            try await refuseDuplicate(workplaceID: place.$workplace.id, key: checked.place.naturalKey, except: place.id)
        }
    }

    /// What a case worker decides when approving an employer's proposal.
    struct Approval: Sendable {
        var unitID: UUID?
        var regime: PlaceRegime?
    }

    /// Moves a place to another status if the state machine allows it for this actor. Approving a
    /// proposal (proposed → open) needs the unit and regime the case worker chose (`approval`).
    func changeStatus(
        of place: Place, to target: PlaceStatus, as actor: PlaceStatus.Actor, by auditActor: AuditLog.Actor, approval: Approval? = nil
    ) async throws {
        guard let current = PlaceStatus(rawValue: place.status) else {
            throw AppError.conflict(messageKey: "place-status.refusal.not-allowed")
        }
        do throws(PlaceStatus.TransitionRefusal) {
            try current.checkTransition(to: target, by: actor)
        } catch {
            throw AppError.conflict(messageKey: error.code)
        }
        if target == .open {
            let answer = try await PlaceUsabilityService(database: database).answerForOpening(place, on: try clock.today())
            if case .refused(let reasons) = answer { throw PlaceCannotOpen(reasons: reasons) }
        }
        if current == .proposed, target == .open {
            guard let regime = approval?.regime else { throw AppError.conflict(messageKey: "place.approve.choose-regime") }
            guard let unitID = approval?.unitID, try await OrganisationUnit.find(unitID, on: database) != nil else {
                throw AppError.conflict(messageKey: "place.approve.choose-unit")
            }
            place.regime = regime.rawValue
            place.$unit.id = unitID
            place.$approvedBy.id = auditActor.userID
            place.approvedAt = clock.now()
        }
        place.status = target.rawValue
        try await database.writingTransaction { db in
            try await place.save(on: db)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: auditActor, recordType: .place, recordID: place.id, detail: "status=\(current.rawValue)->\(target.rawValue)")
        }
    }

    func find(_ id: UUID?) async throws -> Place {
        guard let id, let place = try await Place.find(id, on: database) else { throw AppError.notFound }
        return place
    }

    private func refuseDuplicate(workplaceID: UUID, key: String, except id: UUID?) async throws {
        var query = Place.query(on: database).filter(\.$workplace.$id == workplaceID).filter(\.$naturalKey == key)
        if let id { query = query.filter(\.$id != id) }
        if try await query.count() > 0 { throw FormErrors.duplicate("title", "place.duplicate") }
    }

    private func apply(_ checked: Checked, to place: Place) {
        let value = checked.place
        place.$unit.id = checked.unitID
        place.title = value.title
        place.occupationField = value.occupationField
        place.tasks = value.tasks
        place.capacity = value.capacity
        place.periodStart = value.periodStart.description
        place.periodEnd = value.periodEnd.description
        place.hoursPerWeek = value.hoursPerWeek
        place.languageRequirement = value.languageRequirement
        place.remotePossible = value.remotePossible
        place.regime = value.regime.rawValue
        place.naturalKey = value.naturalKey
        place.searchText = Place.searchText(title: value.title, field: value.occupationField)
    }
}

/// A place may not be opened: its employer fails a required check, its period is over, it has no
/// free seat… every reason, for the page to list.
struct PlaceCannotOpen: Error, Sendable {
    let reasons: [PlaceUsability.Reason]
}

extension Place {
    /// What the place search looks in, folded (`SearchText`).
    static func searchText(title: String, field: String) -> String {
        SearchText.folded(title + " " + field)
    }
}
