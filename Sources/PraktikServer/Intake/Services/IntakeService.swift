import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Programmes and their intakes: creating and changing them, moving an intake through its
/// statuses, ending it (everyone not offered a place is told, the eligible may stay on a waiting
/// list) and carrying the waiting list into the next intake.
struct IntakeService: Sendable {
    let database: any Database
    let clock: AppClock
    let actor: AuditLog.Actor

    /// What the intake form holds, as typed.
    struct Input: Sendable {
        var programmeID: UUID?
        var name = ""
        var opensOn = ""
        var closesOn = ""
        var placementStart = ""
        var placementEnd = ""
        var targetPlaces = ""
        var targetApplicants = ""
        var ruleSet = ""
        var isPilot = false
        var previousIntakeID: UUID?
    }

    struct Valid: Sendable {
        var name: String
        var opensOn: CivilDate
        var closesOn: CivilDate
        var placementStart: CivilDate
        var placementEnd: CivilDate
        var targetPlaces: Int
        var targetApplicants: Int?
        var ruleSet: EligibilityRuleSet
    }

    static func validate(_ input: Input) -> Result<Valid, FormErrors> {
        var errors = FormErrors()
        let name = errors.text("name", input.name, .name, required: true)
        func date(_ field: String, _ text: String) -> CivilDate? {
            guard let date = CivilDate(iso8601: text.trimmingCharacters(in: .whitespaces)) else {
                errors.add(field, "apply.error.date")
                return nil
            }
            return date
        }
        let opens = date("opensOn", input.opensOn), closes = date("closesOn", input.closesOn)
        let start = date("placementStart", input.placementStart), end = date("placementEnd", input.placementEnd)
        if let opens, let closes, closes < opens { errors.add("closesOn", "intake.error.window-order") }
        if let start, let end, end < start { errors.add("placementEnd", "intake.error.period-order") }
        if let closes, let start, start < closes { errors.add("placementStart", "intake.error.placement-before-close") }
        let places = Int(input.targetPlaces.trimmingCharacters(in: .whitespaces))
        if places == nil || !(1...100_000).contains(places ?? 0) { errors.add("targetPlaces", "intake.error.number") }
        var applicants: Int?
        let applicantsText = input.targetApplicants.trimmingCharacters(in: .whitespaces)
        if !applicantsText.isEmpty {
            applicants = Int(applicantsText)
            if applicants == nil || !(1...1_000_000).contains(applicants ?? 0) { errors.add("targetApplicants", "intake.error.number") }
        }
        let parts = input.ruleSet.split(separator: "@")
        let ruleSet = parts.count == 2 ? Int(parts[1]).flatMap { EligibilityRuleSets.find(code: String(parts[0]), version: $0) } : nil
        if ruleSet == nil { errors.add("ruleSet", "apply.error.choose") }
        guard errors.isEmpty, let opens, let closes, let start, let end, let places, let ruleSet else { return .failure(errors) }
        return .success(
            Valid(
                name: name, opensOn: opens, closesOn: closes, placementStart: start, placementEnd: end, targetPlaces: places,
                targetApplicants: applicants, ruleSet: ruleSet))
    }

    /// A new intake of `programme`, planned, bound to the chosen version of the rules.
    func create(_ input: Input, programme: Programme) async throws -> Intake {
        let valid = try Self.validate(input).get()
        if let previous = input.previousIntakeID {
            guard
                try await Intake.query(on: database).filter(\.$id == previous).filter(\.$programme.$id == programme.requireID()).first()
                    != nil
            else {
                throw FormErrors(fields: ["previousIntakeID": "apply.error.choose"])
            }
        }
        let stored = try await RuleSetStore(database: database, clock: clock).store(valid.ruleSet)
        let intake = Intake()
        intake.$programme.id = try programme.requireID()
        intake.$ruleSet.id = try stored.requireID()
        intake.status = IntakeStatus.planned.rawValue
        intake.isPilot = input.isPilot
        intake.previousIntakeID = input.previousIntakeID
        apply(valid, to: intake)
        try await database.writingTransaction { db in
            try await intake.create(on: db)
            try await AuditLog(database: db, clock: clock).record(.create, by: actor, recordType: .intake, recordID: intake.id)
        }
        return intake
    }

    /// Changes the name, dates and targets. The rules stay: applicants were judged by them.
    func update(_ intake: Intake, with input: Input) async throws {
        var input = input
        input.ruleSet = try await ruleSetKey(of: intake)
        let valid = try Self.validate(input).get()
        apply(valid, to: intake)
        try await database.writingTransaction { db in
            try await intake.save(on: db)
            try await AuditLog(database: db, clock: clock).record(.update, by: actor, recordType: .intake, recordID: intake.id)
        }
    }

    func ruleSetKey(of intake: Intake) async throws -> String {
        guard let stored = try await StoredRuleSet.find(intake.$ruleSet.id, on: database) else { throw AppError.unavailable }
        return "\(stored.code)@\(stored.version)"
    }

    private func apply(_ valid: Valid, to intake: Intake) {
        intake.name = valid.name
        intake.opensOn = valid.opensOn.description
        intake.closesOn = valid.closesOn.description
        intake.placementStart = valid.placementStart.description
        intake.placementEnd = valid.placementEnd.description
        intake.targetPlaces = valid.targetPlaces
        intake.targetApplicants = valid.targetApplicants
    }

    /// Moves the intake on. Closing it ends it for every applicant not placed (see `end`).
    /// Returns how many applicants were told the intake ended.
    @discardableResult
    func changeStatus(of intake: Intake, to target: IntakeStatus, messages: ApplicantMessages) async throws -> Int {
        guard let status = IntakeStatus(rawValue: intake.status) else { throw AppError.unavailable }
        do { try status.checkTransition(to: target) } catch { throw AppError.conflict(messageKey: error.code) }
        return try await database.writingTransaction { db in
            var told = 0
            if target == .closed {
                told = try await IntakeService(database: db, clock: clock, actor: actor).end(intake, messages: messages.on(db))
            }
            intake.status = target.rawValue
            if target == .closed { intake.endedAt = clock.now() }
            try await intake.save(on: db)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .intake, recordID: intake.id, detail: "status=\(target.rawValue)")
            return told
        }
    }

    /// The end of an intake (seed 004 2.2 and 3): every applicant still waiting, eligible or
    /// offered without a placement decision is told they were not offered a place; those who were
    /// found eligible may answer on the status page that they want to stay on the waiting list.
    private func end(_ intake: Intake, messages: ApplicantMessages) async throws -> Int {
        let intakeID = try intake.requireID()
        let affected = try await IntakeApplication.query(on: database).filter(\.$intake.$id == intakeID)
            .filter(\.$status ~~ ApplicationStatus.allCases.filter { $0.statusAtEndOfIntake != nil }.map(\.rawValue)).all()
        for application in affected {
            let wasEligible =
                application.colour == EligibilityColour.green.rawValue
                && [ApplicationStatus.eligible.rawValue, ApplicationStatus.offered.rawValue].contains(application.status)
            application.status = ApplicationStatus.notOffered.rawValue
            application.statusChangedAt = clock.now()
            application.waitingListOffered = wasEligible
            try await application.save(on: database)
            try await messages.send(wasEligible ? .waitingListOffer : .notOffered, about: application, intakeName: intake.name)
        }
        try await CompletionRequests(database: database, clock: clock).closeOpen(of: affected.compactMap(\.id))
        try await AuditLog(database: database, clock: clock).record(
            .update, by: actor, recordType: .application, recordIDs: affected.compactMap(\.id), detail: "intake ended: not offered")
        return affected.count
    }

    /// Carries the previous intake's waiting list into `intake`: a new application for each person
    /// who asked to stay, judged by this intake's rules, each told so. Returns how many were carried;
    /// someone who has already applied here is left as they are.
    @discardableResult
    func carryWaitingList(into intake: Intake, messages: ApplicantMessages) async throws -> Int {
        guard let previousID = intake.previousIntakeID, let previous = try await Intake.find(previousID, on: database) else {
            throw AppError.conflict(messageKey: "intake.waiting-list.no-previous")
        }
        guard let status = IntakeStatus(rawValue: intake.status), status != .closed else {
            throw AppError.conflict(messageKey: "intake.waiting-list.closed")
        }
        let intakeID = try intake.requireID()
        return try await database.writingTransaction { db in
            let waiting = try await IntakeApplication.query(on: db).filter(\.$intake.$id == previousID)
                .filter(\.$status == ApplicationStatus.waitingList.rawValue).all()
            let already = Set(try await IntakeApplication.query(on: db).filter(\.$intake.$id == intakeID).all().map(\.$participant.id))
            var carried: [UUID] = []
            for old in waiting where !already.contains(old.$participant.id) {
                let application = try await copy(old, into: intakeID, on: db)
                try await EligibilityService(database: db, clock: clock).evaluate(application, in: intake)
                try await messages.on(db).send(.carriedOver, about: application, intakeName: intake.name, extra: [previous.name])
                carried.append(try application.requireID())
            }
            intake.waitingListCarriedAt = clock.now()
            try await intake.save(on: db)
            try await AuditLog(database: db, clock: clock).record(
                .create, by: actor, recordType: .application, recordIDs: carried, detail: "carried from intake \(previousID.uuidString)")
            return carried.count
        }
    }

    private func copy(_ old: IntakeApplication, into intakeID: UUID, on db: any Database) async throws -> IntakeApplication {
        let application = IntakeApplication()
        application.$intake.id = intakeID
        application.$participant.id = old.$participant.id
        application.status = ApplicationStatus.submitted.rawValue
        application.colour = old.colour
        application.rulesColour = old.rulesColour
        application.language = old.language
        application.channel = "waiting_list"
        for keyPath in Self.copiedAnswers { application[keyPath: keyPath] = old[keyPath: keyPath] }
        application.gender = old.gender
        application.birthRegion = old.birthRegion
        application.educationLevel = old.educationLevel
        application.registeredAsJobSeeker = old.registeredAsJobSeeker
        application.educationYear = old.educationYear
        application.upperSecondaryFullGrades = old.upperSecondaryFullGrades
        application.swedishWorkMonths = old.swedishWorkMonths
        application.submittedAt = clock.now()
        application.statusChangedAt = clock.now()
        application.waitingListOffered = false
        application.carriedFromApplicationID = old.id
        try await application.create(on: db)
        let newID = try application.requireID()
        let oldID = try old.requireID()
        for row in try await ApplicationLanguage.query(on: db).filter(\.$application.$id == oldID).all() {
            let copy = ApplicationLanguage()
            copy.$application.id = newID
            copy.$participant.id = row.$participant.id
            copy.language = row.language
            copy.level = row.level
            try await copy.create(on: db)
        }
        for row in try await ApplicationPreferredField.query(on: db).filter(\.$application.$id == oldID).all() {
            let copy = ApplicationPreferredField()
            copy.$application.id = newID
            copy.$participant.id = row.$participant.id
            copy.field = row.field
            try await copy.create(on: db)
        }
        for row in try await ApplicationPreferredDistrict.query(on: db).filter(\.$application.$id == oldID).all() {
            let copy = ApplicationPreferredDistrict()
            copy.$application.id = newID
            copy.$participant.id = row.$participant.id
            copy.district = row.district
            try await copy.create(on: db)
        }
        return application
    }

    /// The optional text answers carried to the next intake as they were.
    private static let copiedAnswers: [ReferenceWritableKeyPath<IntakeApplication, String?>] = [
        \.firstName, \.lastName, \.email, \.phone, \.postalAddress, \.birthDate, \.homeDistrict, \.educationField,
        \.educationCountry, \.permitKind, \.permitEnd, \.currentOccupation, \.availableFrom,
    ]
}
