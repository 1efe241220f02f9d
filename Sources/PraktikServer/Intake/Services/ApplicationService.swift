import Fluent
import Foundation
import PraktikCore
import SQLKit

/// What applicants do: apply, withdraw, answer whether to stay on the waiting list. An application
/// finds its participant by person number (or, without one, by name and birth date within the
/// intake) and creates one only when there is none, so a person is never registered twice.
struct ApplicationService: Sendable {
    let database: any Database
    let clock: AppClock
    let messages: ApplicantMessages

    enum Outcome: Sendable {
        case created(UUID)
        /// The same form submitted again, or a second application by the same person: nothing new is
        /// created. The visitor sees the same receipt as for a new application, so the page cannot
        /// be used to find out who has applied; the owner of the existing application is told.
        case alreadyReceived
        case refused(IntakeStatus.ApplicationRefusal)
    }

    /// The consent purposes the form asks for, in order: sharing within the programme is needed to
    /// assess the application (seed 004 2.2); sharing with employers is a separate, free choice.
    static let consentPurposes: [BuiltInConsentPurpose] = [.programmePartners, .employerProfile]
    static let requiredConsents: Set<String> = [BuiltInConsentPurpose.programmePartners.rawValue]

    func submit(
        _ valid: ValidApplication, to intake: Intake, submissionKey: String, language: AppLanguage, actor: AuditLog.Actor
    ) async throws -> Outcome {
        if let refusal = try Self.refusal(of: intake, today: try clock.today()) { return .refused(refusal) }
        do {
            return try await insert(valid, to: intake, submissionKey: submissionKey, language: language, actor: actor)
        } catch  where error.isUniqueViolation {
            // Two submits at once: the unique indexes let one through; the other is the same application.
            return .alreadyReceived
        }
    }

    static func refusal(of intake: Intake, today: CivilDate) throws -> IntakeStatus.ApplicationRefusal? {
        guard let status = IntakeStatus(rawValue: intake.status), let opens = CivilDate(iso8601: intake.opensOn),
            let closes = CivilDate(iso8601: intake.closesOn)
        else { throw AppError.unavailable }
        return status.applicationRefusal(today: today, opensOn: opens, closesOn: closes)
    }

    private func insert(
        _ valid: ValidApplication, to intake: Intake, submissionKey: String, language: AppLanguage, actor: AuditLog.Actor
    ) async throws -> Outcome {
        let intakeID = try intake.requireID()
        return try await database.writingTransaction { db in
            if try await IntakeApplication.query(on: db).filter(\.$submissionKey == submissionKey).first() != nil {
                return .alreadyReceived
            }
            var participant = try await existingParticipant(valid, intakeID: intakeID, on: db)
            if let participant,
                let existing = try await IntakeApplication.query(on: db).filter(\.$intake.$id == intakeID)
                    .filter(\.$participant.$id == participant.requireID()).first()
            {
                try await messages.on(db).send(.alreadyApplied, about: existing, intakeName: intake.name)
                try await AuditLog(database: db, clock: clock).record(
                    .view, by: actor, recordType: .application, recordID: existing.id, detail: "applied again; owner told")
                return .alreadyReceived
            }
            if participant == nil {
                participant = try await createParticipant(valid, unitID: intake.programme.$unit.id, actor: actor, on: db)
            }
            guard let participant else { throw AppError.unavailable }
            // The language a person applies in is their language until they or a case worker
            // choose another; a language already recorded is not overwritten by one application.
            if participant.messageLanguage == nil {
                participant.messageLanguage = language.rawValue
                try await participant.save(on: db)
            }
            let participantID = try participant.requireID()

            let application = IntakeApplication()
            application.$intake.id = intakeID
            application.$participant.id = participantID
            application.status = ApplicationStatus.submitted.rawValue
            application.colour = EligibilityColour.orange.rawValue
            application.rulesColour = EligibilityColour.orange.rawValue
            application.language = language.rawValue
            application.channel = "web"
            application.submissionKey = submissionKey
            application.submittedAt = clock.now()
            application.statusChangedAt = clock.now()
            application.waitingListOffered = false
            ApplicationAnswers(database: db).fill(application, from: valid)
            try await application.create(on: db)
            try await ApplicationAnswers(database: db).insertChildren(of: application, from: valid)

            let consents = ConsentService(database: db, clock: clock)
            for (code, version) in valid.consents.sorted(by: { $0.key < $1.key }) {
                guard let purpose = try await ConsentPurposeRecord.query(on: db).filter(\.$code == code).first(),
                    purpose.textVersion == version
                else { throw FormErrors(fields: ["consent-\(code)": "apply.error.consent-text-changed"]) }
                try await consents.record(.given, purpose: code, channel: .webForm, participantID: participantID, by: actor)
            }

            try await EligibilityService(database: db, clock: clock).evaluate(application, in: intake)
            try await messages.on(db).send(.confirmation, about: application, intakeName: intake.name)
            try await AuditLog(database: db, clock: clock).record(
                .create, by: actor, recordType: .application, recordID: application.id, detail: "intake=\(intakeID.uuidString)")
            return .created(try application.requireID())
        }
    }

    /// The person already in the register: by person number, or for someone without one, an
    /// earlier application to this intake with the same name and birth date.
    private func existingParticipant(_ valid: ValidApplication, intakeID: UUID, on db: any Database) async throws -> Participant? {
        if let storage = valid.identifier.storageValue {
            return try await Participant.query(on: db).filter(\.$personIdentifier == storage).first()
        }
        guard let birthDate = valid.birthDate else { return nil }
        let sql = try db.sql
        struct Row: Decodable { let participant_id: UUID }
        let match = try await sql.raw(
            """
            SELECT participant_id FROM applications
            WHERE intake_id = \(bind: intakeID) AND birth_date = \(bind: birthDate.description)
              AND LOWER(first_name) = \(bind: valid.firstName.lowercased()) AND LOWER(last_name) = \(bind: valid.lastName.lowercased())
            """
        ).first(decoding: Row.self)
        guard let match else { return nil }
        return try await Participant.find(match.participant_id, on: db)
    }

    private func createParticipant(_ valid: ValidApplication, unitID: UUID, actor: AuditLog.Actor, on db: any Database) async throws
        -> Participant
    {
        let participant = Participant()
        participant.$unit.id = unitID
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
        participant.educationField = valid.educationField?.rawValue
        // Not asked in the application; the case worker records it when the person joins.
        participant.benefitType = BenefitType.none.rawValue
        participant.status = ParticipantStatus.active.rawValue
        participant.searchText = Participant.searchText(firstName: valid.firstName, lastName: valid.lastName, email: valid.email)
        try await participant.create(on: db)
        let id = try participant.requireID()
        for (language, level) in valid.languages.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try await ParticipantLanguage(participantID: id, language: language.rawValue, level: level.rawValue).create(on: db)
        }
        try await AuditLog(database: db, clock: clock).record(
            .create, by: actor, recordType: .participant, recordID: id, detail: "by application")
        return participant
    }

    /// The applicant withdraws; open completion requests end with it.
    func withdraw(_ application: IntakeApplication, actor: AuditLog.Actor) async throws {
        try await change(application, to: .withdrawn, actor: actor) { application in
            application.withdrawnAt = clock.now()
        }
    }

    /// The applicant's answer to the waiting list offered at the end of the intake.
    func answerWaitingList(_ application: IntakeApplication, stay: Bool, actor: AuditLog.Actor) async throws {
        guard application.waitingListOffered else { throw AppError.conflict(messageKey: "application-status.refusal.not-allowed") }
        try await change(application, to: stay ? .waitingList : .notOffered, actor: actor) { _ in }
    }

    private func change(
        _ application: IntakeApplication, to target: ApplicationStatus, actor: AuditLog.Actor,
        _ adjust: @escaping @Sendable (IntakeApplication) -> Void
    ) async throws {
        guard let status = ApplicationStatus(rawValue: application.status) else { throw AppError.unavailable }
        do { try status.checkTransition(to: target, by: .applicant) } catch { throw AppError.conflict(messageKey: error.code) }
        let id = try application.requireID()
        try await database.writingTransaction { db in
            application.status = target.rawValue
            application.statusChangedAt = clock.now()
            adjust(application)
            try await application.save(on: db)
            try await CompletionRequests(database: db, clock: clock).closeOpen(of: [id])
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .application, recordID: id, detail: "status=\(target.rawValue)")
        }
    }
}
