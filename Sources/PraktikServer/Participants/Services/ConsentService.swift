import Fluent
import Foundation
import PraktikCore
import SQLKit

/// The one place that answers "is purpose P active for person X now?" and records consent.
/// Every feature that needs consent asks here.
struct ConsentService: Sendable {
    let database: any Database
    let clock: AppClock

    func ledger(for participantID: UUID) async throws -> ConsentLedger {
        let events = try await ConsentEvent.query(on: database).filter(\.$participant.$id == participantID).all()
        return ConsentLedger(
            entries: events.compactMap { event in
                ConsentAction(rawValue: event.action).map {
                    ConsentEntry(
                        purpose: event.purposeCode, action: $0, at: event.occurredAt.timeIntervalSince1970, sequence: event.sequence)
                }
            })
    }

    func isActive(_ purpose: BuiltInConsentPurpose, for participantID: UUID) async throws -> Bool {
        try await isActive(purpose.rawValue, for: participantID)
    }

    func isActive(_ purposeCode: String, for participantID: UUID) async throws -> Bool {
        try await ledger(for: participantID).isActive(purposeCode, at: clock.now().timeIntervalSince1970)
    }

    /// Appends to the ledger. The purpose's current text version is recorded with the entry, so it
    /// is always known which wording the person agreed to.
    ///
    /// `day` is the day the person decided, when it is recorded later (a paper form); today or nil
    /// means now. It may not lie in the future, nor before the purpose's latest entry: a decision
    /// dated earlier would silently not count.
    func record(
        _ action: ConsentAction, purpose code: String, channel: ConsentChannel, participantID: UUID, by actor: AuditLog.Actor,
        on day: CivilDate? = nil
    ) async throws {
        guard let purpose = try await ConsentPurposeRecord.query(on: database).filter(\.$code == code).first() else {
            throw AppError.badRequest(messageKey: "consent.unknown-purpose")
        }
        let now = clock.now()
        let today = try clock.today()
        if let day, day > today { throw FormErrors(fields: ["date": "consent.date.future"]) }
        try await database.writingTransaction { db in
            var occurredAt = now
            if let day, day != today {
                // A decision recorded afterwards counts from its day, after whatever was recorded before it.
                occurredAt = day.noonInStockholm
                let latest = try await ConsentEvent.query(on: db).filter(\.$participant.$id == participantID)
                    .filter(\.$purposeCode == purpose.code).sort(\.$occurredAt, .descending).first()
                if let latest, occurredAt <= latest.occurredAt {
                    guard CivilDate(latest.occurredAt) == day else { throw FormErrors(fields: ["date": "consent.date.before-latest"]) }
                    occurredAt = latest.occurredAt.addingTimeInterval(1)
                }
            }
            let sequence = try await Self.takeSequenceNumber(for: participantID, on: db)
            let event = ConsentEvent()
            event.$participant.id = participantID
            event.purposeCode = purpose.code
            event.action = action.rawValue
            event.channel = channel.rawValue
            event.textVersion = purpose.textVersion
            event.occurredAt = occurredAt
            event.recordedBy = actor.userID
            event.sequence = sequence
            try await event.create(on: db)
            // Withdrawing the post-exit consent stops the person's outcome checkpoints at once.
            try await CheckpointScheduler(database: db, clock: clock).consentRecorded(
                action, purpose: purpose.code, participantID: participantID)
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .participant, recordID: participantID, detail: "consent \(purpose.code)=\(action.rawValue)")
        }
    }

    /// The next number of the person's ledger, taken with one atomic UPDATE of their counter. The
    /// row stays locked until the caller's transaction ends, so simultaneous entries for one person
    /// get consecutive numbers (`count + 1` gave two the same on PostgreSQL). Every consent entry
    /// goes through `record`; nothing else writes `consent_events` but the demo data.
    private static func takeSequenceNumber(for participantID: UUID, on db: any Database) async throws -> Int {
        struct Taken: Decodable { let consent_sequence: Int }
        guard
            let taken = try await db.sql.raw(
                """
                UPDATE participants SET consent_sequence = consent_sequence + 1 WHERE id = \(bind: participantID)
                RETURNING consent_sequence
                """
            ).first(decoding: Taken.self)
        else { throw AppError.notFound }
        return taken.consent_sequence
    }

    /// A purpose an admin adds: its code, legal basis and wording in each language.
    struct NewPurpose: Sendable {
        var code = ""
        var legalBasis = ""
        var textSwedish = ""
        var textEnglish = ""
        /// Optional: without it, Danish readers see the English text.
        var textDanish = ""
    }

    /// Adds a purpose, at text version 1. Built-in purposes cannot be replaced this way: a code
    /// that exists is refused, since the wording people agreed to must never change under them.
    @discardableResult
    func addPurpose(_ new: NewPurpose, by actor: AuditLog.Actor) async throws -> ConsentPurposeRecord {
        var errors = FormErrors()
        let code = new.code.trimmingCharacters(in: .whitespaces).lowercased()
        if code.isEmpty || !FieldLimit.code.admits(code)
            || !code.allSatisfy({ ("a"..."z").contains($0) || $0 == "_" || ("0"..."9").contains($0) })
        {
            errors.add("code", "consent-purposes.code.invalid")
        } else if try await codeIsTaken(code) {
            errors.addDuplicate("code", "consent-purposes.code.taken")
        }
        let basis = LegalBasis(rawValue: new.legalBasis)
        if basis == nil { errors.add("legalBasis", "form.required") }
        let textSwedish = errors.text("textSwedish", new.textSwedish, .text, required: true)
        let textEnglish = errors.text("textEnglish", new.textEnglish, .text, required: true)
        let textDanish = errors.text("textDanish", new.textDanish, .text)
        try errors.throwIfAny()
        guard let basis else { throw FormErrors(fields: ["legalBasis": "form.required"]) }

        let record = ConsentPurposeRecord()
        record.code = code
        record.legalBasis = basis.rawValue
        record.textSwedish = textSwedish
        record.textEnglish = textEnglish
        record.textVersion = 1
        record.isBuiltIn = false
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await record.create(on: db)
                if !textDanish.isEmpty {
                    try await db.sql.update(ConsentPurposeRecord.schema).set("text_da", to: SQLBind(textDanish))
                        .where("id", .equal, SQLBind(try record.requireID())).run()
                }
                try await AuditLog(database: db, clock: clock).record(
                    .create, by: actor, recordType: .consentPurpose, recordID: record.id, detail: "code=\(code)")
            }
        } whenTaken: {
            if try await codeIsTaken(code) { throw FormErrors.duplicate("code", "consent-purposes.code.taken") }
        }
        return record
    }

    private func codeIsTaken(_ code: String) async throws -> Bool {
        try await ConsentPurposeRecord.query(on: database).filter(\.$code == code).count() > 0
    }

    struct PurposeRow: Codable, Sendable {
        let code: String
        let legal_basis: String
        let text_sv: String
        let text_en: String
        let text_da: String?
        let text_version: Int
        let is_built_in: Bool

        /// The wording in the reader's language. A purpose without Danish shows its English: many
        /// of Copenhagen's citizens read English more easily than Swedish.
        func text(in language: AppLanguage) -> String {
            switch language {
            case .swedish: text_sv
            case .english: text_en
            case .danish: text_da ?? text_en
            }
        }
    }

    func purposes() async throws -> [PurposeRow] {
        let sql = try database.sql
        return try await sql.select().columns("code", "legal_basis", "text_sv", "text_en", "text_da", "text_version", "is_built_in")
            .from(ConsentPurposeRecord.schema).orderBy("is_built_in", .descending).orderBy("code")
            .all(decoding: PurposeRow.self)
    }
}
