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
    /// that waits for a case worker.
    func create(at workplace: Workplace, _ input: PlaceInput, as actor: PlaceStatus.Actor, by auditActor: AuditLog.Actor) async throws
        -> Place
    {
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
            try await database.transaction { db in
                try await place.create(on: db)
                try await AuditLog(database: db, clock: clock).record(
                    .create, by: auditActor, recordType: "place", recordID: place.id, detail: "status=\(place.status)")
            }
        } whenTaken: {
            try await refuseDuplicate(workplaceID: workplaceID, key: checked.place.naturalKey, except: nil)
        }
        return place
    }

    func update(_ place: Place, with input: PlaceInput, as actor: PlaceStatus.Actor, by auditActor: AuditLog.Actor) async throws {
        if actor == .employer, !(PlaceStatus(rawValue: place.status)?.employerMayEdit ?? false) {
            throw AppError.conflict(messageKey: "place.employer-cannot-edit")
        }
        let checked = try await check(input)
        try await refuseDuplicate(workplaceID: place.$workplace.id, key: checked.place.naturalKey, except: place.id)
        apply(checked, to: place)
        try await UniqueIndex.guarding {
            try await database.transaction { db in
                try await place.save(on: db)
                try await AuditLog(database: db, clock: clock).record(.update, by: auditActor, recordType: "place", recordID: place.id)
            }
        } whenTaken: {
            try await refuseDuplicate(workplaceID: place.$workplace.id, key: checked.place.naturalKey, except: place.id)
        }
    }

    /// Moves a place to another status if the state machine allows it for this actor.
    func changeStatus(of place: Place, to target: PlaceStatus, as actor: PlaceStatus.Actor, by auditActor: AuditLog.Actor) async throws {
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
        place.status = target.rawValue
        if current == .proposed, target == .open {
            place.$approvedBy.id = auditActor.userID
            place.approvedAt = clock.now()
        }
        try await database.transaction { db in
            try await place.save(on: db)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: auditActor, recordType: "place", recordID: place.id, detail: "status=\(current.rawValue)->\(target.rawValue)")
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
    static func searchText(title: String, field: String) -> String {
        (title + " " + field).lowercased()
    }
}
