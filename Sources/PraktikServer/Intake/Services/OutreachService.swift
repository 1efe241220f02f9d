import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Who a case worker wants to invite to apply (seed 004 2.4: job seekers born outside Europe with
/// relevant post-secondary education). Empty lists mean "any".
struct OutreachCriteria: Codable, Sendable, Equatable {
    var birthRegions: [BirthRegion] = []
    var educationLevels: [EducationLevel] = []
    /// Words in the participant's recorded education field.
    var educationField: String = ""
    /// Registered status: still enrolled (active) or left (exited); nil for both.
    var status: ParticipantStatus? = .active
    /// Units to select from; a case worker's own unit is always the limit.
    var unitIDs: [UUID] = []
    var notAlreadyApplied: Bool = true
}

/// Outreach before an intake: counting a selection, recording it with its people, sending the
/// invitations in each person's language through the outbox (in batches, by a background job),
/// printing letters for those without e-mail, and telling how many of the invited applied.
struct OutreachService: Sendable {
    let database: any Database
    let clock: AppClock
    /// For people with no language of their own and no application (`PRAKTIK_DEFAULT_LANGUAGE`).
    var defaultLanguage: AppLanguage = .default

    struct Count: Sendable, Equatable, Codable {
        var total: Int
        var email: Int
        var letter: Int
        /// Neither an e-mail address nor a postal address on record.
        var unreachable: Int
        var women: Int
        var men: Int
    }

    /// The people the criteria find within the participant scope, never anyone already selected
    /// for this intake.
    private func whereClause(_ criteria: OutreachCriteria, intakeID: UUID, scope: ParticipantScope) -> SQLQueryString {
        var conditions = SQLWhere()
        conditions.add("p.erased_at IS NULL")
        switch scope.reach {
        case .all: break
        case .unit(let unitID): conditions.add("p.unit_id = \(bind: unitID)")
        case .onlyParticipant, .nothing: conditions.add("1 = 0")
        }
        if !criteria.unitIDs.isEmpty { conditions.add("p.unit_id IN (\(binds: criteria.unitIDs))") }
        if !criteria.birthRegions.isEmpty { conditions.add("p.birth_region IN (\(binds: criteria.birthRegions.map(\.rawValue)))") }
        if !criteria.educationLevels.isEmpty {
            conditions.add("p.education_level IN (\(binds: criteria.educationLevels.map(\.rawValue)))")
        }
        let field = criteria.educationField.trimmingCharacters(in: .whitespaces).lowercased()
        if !field.isEmpty { conditions.add("\(SQLContains(SQLFunction("LOWER", args: SQLColumn("education_field", table: "p")), field))") }
        if let status = criteria.status { conditions.add("p.status = \(bind: status.rawValue)") }
        if criteria.notAlreadyApplied {
            conditions.add("NOT EXISTS (SELECT 1 FROM applications a WHERE a.participant_id = p.id AND a.intake_id = \(bind: intakeID))")
        }
        conditions.add("NOT EXISTS (SELECT 1 FROM outreach_recipients o WHERE o.participant_id = p.id AND o.intake_id = \(bind: intakeID))")
        return conditions.clause
    }

    func count(_ criteria: OutreachCriteria, intakeID: UUID, scope: ParticipantScope) async throws -> Count {
        let query: SQLQueryString = """
            SELECT COUNT(*) AS total,
              SUM(CASE WHEN p.email IS NOT NULL THEN 1 ELSE 0 END) AS email,
              SUM(CASE WHEN p.email IS NULL AND p.postal_address IS NOT NULL THEN 1 ELSE 0 END) AS letter,
              SUM(CASE WHEN p.email IS NULL AND p.postal_address IS NULL THEN 1 ELSE 0 END) AS unreachable,
              SUM(CASE WHEN p.gender = \(bind: Gender.woman.rawValue) THEN 1 ELSE 0 END) AS women,
              SUM(CASE WHEN p.gender = \(bind: Gender.man.rawValue) THEN 1 ELSE 0 END) AS men
            FROM participants p
            """ + whereClause(criteria, intakeID: intakeID, scope: scope)
        struct Row: Decodable {
            let total: Int
            let email: Int?
            let letter: Int?
            let unreachable: Int?
            let women: Int?
            let men: Int?
        }
        let row = try await database.sql.raw(query).first(decoding: Row.self)
        return Count(
            total: row?.total ?? 0, email: row?.email ?? 0, letter: row?.letter ?? 0, unreachable: row?.unreachable ?? 0,
            women: row?.women ?? 0, men: row?.men ?? 0)
    }

    /// Records the selection and the people in it (those who can be reached). Each person's
    /// language is their own, else the one they last applied in, else the installation's.
    func select(_ criteria: OutreachCriteria, for intake: Intake, scope: ParticipantScope, actor: AuditLog.Actor) async throws
        -> OutreachSelection
    {
        let intakeID = try intake.requireID()
        struct Row: Decodable {
            let id: UUID
            let email: String?
            let language: String?
        }
        let query: SQLQueryString = """
            SELECT p.id, p.email,
              COALESCE(p.language,
                (SELECT a.language FROM applications a WHERE a.participant_id = p.id ORDER BY a.submitted_at DESC LIMIT 1)) AS language
            FROM participants p
            """ + whereClause(criteria, intakeID: intakeID, scope: scope)
            + " AND (p.email IS NOT NULL OR p.postal_address IS NOT NULL) ORDER BY p.id"
        let people = try await database.sql.raw(query).all(decoding: Row.self)
        let selection = OutreachSelection()
        selection.$intake.id = intakeID
        selection.criteria = String(decoding: try RuleSetStore.encoder.encode(criteria), as: UTF8.self)
        selection.recipientCount = people.count
        selection.emailCount = people.filter { $0.email != nil }.count
        selection.letterCount = people.count - selection.emailCount
        selection.status = OutreachSelection.Status.selected.rawValue
        selection.createdBy = actor.userID
        selection.createdAt = clock.now()
        try await database.writingTransaction { db in
            try await selection.create(on: db)
            let selectionID = try selection.requireID()
            let sql = try db.sql
            for start in stride(from: 0, to: people.count, by: 2_000) {
                let insert = sql.insert(into: OutreachRecipient.schema).columns(
                    "id", "selection_id", "intake_id", "participant_id", "channel", "language")
                for person in people[start..<min(start + 2_000, people.count)] {
                    insert.values([
                        SQLBind(UUID()), SQLBind(selectionID), SQLBind(intakeID), SQLBind(person.id),
                        SQLBind(person.email == nil ? OutreachRecipient.Channel.letter.rawValue : OutreachRecipient.Channel.email.rawValue),
                        SQLBind(person.language ?? defaultLanguage.rawValue),
                    ])
                }
                try await insert.run()
            }
            try await AuditLog(database: db, clock: clock).record(
                .create, by: actor, recordType: .outreachSelection, recordID: selectionID, detail: "recipients=\(people.count)")
        }
        return selection
    }

    /// Sends up to `limit` of the selection's unsent e-mail invitations; returns how many remain.
    func sendBatch(of selectionID: UUID, limit: Int, translations: Translations, publicURL: String) async throws -> Int {
        try await database.writingTransaction { db in
            guard let selection = try await OutreachSelection.find(selectionID, on: db),
                let intake = try await Intake.find(selection.$intake.id, on: db)
            else { return 0 }
            let batch = try await OutreachRecipient.query(on: db).filter(\.$selection.$id == selectionID)
                .filter(\.$channel == OutreachRecipient.Channel.email.rawValue).filter(\.$sentAt == nil)
                .sort(\.$id).limit(limit).with(\.$participant).all()
            let outbox = Outbox(database: db, clock: clock)
            for recipient in batch {
                let person = recipient.participant
                if let email = person.email, person.erasedAt == nil {
                    let language = AppLanguage(rawValue: recipient.language) ?? .default
                    let arguments = try Self.invitationArguments(person: person, intake: intake, language: language, publicURL: publicURL)
                    try await outbox.enqueue(
                        to: email, subject: translations.text(for: "outreach.mail.invitation.subject", in: language, arguments: arguments),
                        body: translations.text(for: "outreach.mail.invitation.body", in: language, arguments: arguments),
                        participantID: person.id)
                }
                recipient.sentAt = clock.now()
                try await recipient.save(on: db)
            }
            let remaining = try await OutreachRecipient.query(on: db).filter(\.$selection.$id == selectionID)
                .filter(\.$channel == OutreachRecipient.Channel.email.rawValue).filter(\.$sentAt == nil).count()
            if remaining == 0, selection.status == OutreachSelection.Status.sending.rawValue {
                selection.status = OutreachSelection.Status.sent.rawValue
                try await selection.save(on: db)
            }
            return remaining
        }
    }

    /// {0} first name, {1} intake name, {2} the link to apply, {3} the last day to apply.
    static func invitationArguments(person: Participant, intake: Intake, language: AppLanguage, publicURL: String) throws -> [String] {
        let link = publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + SiteURL.applyIntake(intake.id).path
        let closes = CivilDate(iso8601: intake.closesOn).map { ApplicantMessages.dateText($0, in: language) } ?? intake.closesOn
        return [person.firstName ?? "", intake.name, link, closes]
    }

    /// The letters of a selection: the people without e-mail, with their postal address.
    func letters(of selectionID: UUID) async throws -> [OutreachRecipient] {
        try await OutreachRecipient.query(on: database).filter(\.$selection.$id == selectionID)
            .filter(\.$channel == OutreachRecipient.Channel.letter.rawValue).with(\.$participant).sort(\.$id).all()
    }

    /// Marks the printed letters as posted: they count as invitations from now on.
    func markLettersPosted(of selectionID: UUID, actor: AuditLog.Actor) async throws -> Int {
        try await database.writingTransaction { db in
            let letters = try await OutreachRecipient.query(on: db).filter(\.$selection.$id == selectionID)
                .filter(\.$channel == OutreachRecipient.Channel.letter.rawValue).filter(\.$sentAt == nil).all()
            for letter in letters {
                letter.sentAt = clock.now()
                try await letter.save(on: db)
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .outreachSelection, recordID: selectionID, detail: "letters posted=\(letters.count)")
            return letters.count
        }
    }

    struct Report: Sendable, Codable {
        let selectionID: UUID
        let invited: Int
        let applied: Int
    }

    /// For each selection of the intake: how many were invited (sent) and how many of them applied.
    func report(intakeID: UUID) async throws -> [UUID: Report] {
        struct Row: Decodable {
            let selection_id: UUID
            let invited: Int
            let applied: Int
        }
        let rows = try await database.sql.raw(
            """
            SELECT r.selection_id, COUNT(*) AS invited,
              SUM(CASE WHEN EXISTS (SELECT 1 FROM applications a WHERE a.participant_id = r.participant_id
                AND a.intake_id = r.intake_id) THEN 1 ELSE 0 END) AS applied
            FROM outreach_recipients r WHERE r.intake_id = \(bind: intakeID) AND r.sent_at IS NOT NULL
            GROUP BY r.selection_id
            """
        ).all(decoding: Row.self)
        return Dictionary(
            rows.map { ($0.selection_id, Report(selectionID: $0.selection_id, invited: $0.invited, applied: $0.applied)) },
            uniquingKeysWith: { first, _ in first })
    }
}
