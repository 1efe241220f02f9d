import Fluent
import Foundation
import Matching
import PraktikCore
import SQLKit

/// The case worker's review of a finished run (issue 12): each place's proposed candidates with the
/// score's explanation, a candidate taken off a list or added by hand (each with a reason, audited),
/// and publication, which tells the places' employer contacts through the outbox. A published run
/// is no longer edited; a later run is published only when the case worker says it replaces it.
struct ShortlistReview: Sendable {
    let database: any Database
    let clock: AppClock

    struct Entry: Sendable {
        let proposalID: UUID
        let applicationID: UUID
        let name: String
        let score: Int
        let components: [FitComponent]
        let addedReason: String?
        let removedReason: String?
    }

    struct PlaceList: Sendable {
        let placeID: UUID
        let title: String
        let employerName: String
        let district: String?
        let freeSeats: Int
        var entries: [Entry] = []
        var removed: [Entry] = []
    }

    /// Places with at least one proposal (or a removed one) in the run.
    func placeCount(of runID: UUID) async throws -> Int {
        struct Count: Decodable { let n: Int }
        return try await database.sql.raw(
            "SELECT COUNT(DISTINCT place_id) AS n FROM matching_proposals WHERE run_id = \(bind: runID)"
        ).first(decoding: Count.self)?.n ?? 0
    }

    /// A page of the run's places, by employer and title, each with its list, best score first.
    func lists(of runID: UUID, limit: Int, offset: Int) async throws -> [PlaceList] {
        let sql = try database.sql
        struct PlaceRow: Decodable {
            let id: UUID
            let title: String
            let capacity: Int
            let seats_taken: Int
            let employer_name: String
            let district: String?
        }
        let places = try await sql.raw(
            """
            SELECT p.id, p.title, p.capacity, p.seats_taken, e.name AS employer_name, w.district
            FROM places p JOIN workplaces w ON w.id = p.workplace_id JOIN employers e ON e.id = p.employer_id
            WHERE p.id IN (SELECT place_id FROM matching_proposals WHERE run_id = \(bind: runID))
            ORDER BY e.name, p.title, p.id LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """
        ).all(decoding: PlaceRow.self)
        guard !places.isEmpty else { return [] }
        var lists = places.map {
            PlaceList(
                placeID: $0.id, title: $0.title, employerName: $0.employer_name, district: $0.district,
                freeSeats: max(0, $0.capacity - $0.seats_taken))
        }
        let index = Dictionary(uniqueKeysWithValues: lists.enumerated().map { ($1.placeID, $0) })
        for row in try await entries(of: runID, places: places.map(\.id)) {
            guard let position = index[row.placeID] else { continue }
            if row.entry.removedReason == nil {
                lists[position].entries.append(row.entry)
            } else {
                lists[position].removed.append(row.entry)
            }
        }
        return lists
    }

    private func entries(of runID: UUID, places: [UUID]) async throws -> [(placeID: UUID, entry: Entry)] {
        struct Row: Decodable {
            let id: UUID
            let place_id: UUID
            let application_id: UUID
            let score: Int
            let explanation: String
            let added_reason: String?
            let removed_reason: String?
            let first_name: String?
            let last_name: String?
        }
        let rows = try await database.sql.raw(
            """
            SELECT mp.id, mp.place_id, mp.application_id, mp.score, mp.explanation, mp.added_reason, mp.removed_reason,
              a.first_name, a.last_name
            FROM matching_proposals mp JOIN applications a ON a.id = mp.application_id
            WHERE mp.run_id = \(bind: runID) AND mp.place_id IN (\(binds: places))
            ORDER BY mp.score DESC, a.last_name, a.first_name, mp.id
            """
        ).all(decoding: Row.self)
        let decoder = JSONDecoder()
        return rows.map { row in
            (
                row.place_id,
                Entry(
                    proposalID: row.id, applicationID: row.application_id,
                    name: [row.first_name, row.last_name].compactMap { $0 }.joined(separator: " "), score: row.score,
                    components: (try? decoder.decode([FitComponent].self, from: Data(row.explanation.utf8))) ?? [],
                    addedReason: row.added_reason, removedReason: row.removed_reason)
            )
        }
    }

    /// Takes a candidate off a place's list of an unpublished run; the reason is required.
    func remove(proposalID: UUID?, from run: MatchingRun, reason raw: String, by actor: AuditLog.Actor) async throws {
        try checkEditable(run)
        var errors = FormErrors()
        let reason = errors.text("reason", raw, .text, required: true)
        try errors.throwIfAny()
        guard let proposalID else { throw AppError.notFound }
        let runID = try run.requireID()
        let now = clock.now()
        try await database.writingTransaction { db in
            struct Row: Decodable { let application_id: UUID }
            guard
                let row = try await db.sql.raw(
                    """
                    UPDATE matching_proposals SET removed_at = \(bind: now), removed_by = \(bind: actor.userID), removed_reason = \(bind: reason)
                    WHERE id = \(bind: proposalID) AND run_id = \(bind: runID) AND removed_at IS NULL
                    RETURNING application_id
                    """
                ).first(decoding: Row.self)
            else { throw AppError.notFound }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .application, recordID: row.application_id,
                detail: "shortlist: removed, run \(runID.uuidString.lowercased())")
        }
    }

    /// The intake's candidates who pass every hard filter for the place and are not on its list,
    /// best fit first: the ones a case worker may add by hand.
    func addable(to placeID: UUID?, in run: MatchingRun, intake: Intake) async throws -> (place: PlaceList, candidates: [Entry]) {
        let (place, profile) = try await placeProfile(placeID, intake: intake)
        struct Listed: Decodable { let application_id: UUID }
        let listed = Set(
            try await database.sql.raw(
                """
                SELECT application_id FROM matching_proposals
                WHERE run_id = \(bind: try run.requireID()) AND place_id = \(bind: place.placeID) AND removed_at IS NULL
                """
            ).all(decoding: Listed.self).map(\.application_id))
        let names = try await applicantNames(intakeID: try intake.requireID())
        let candidates = try await addableCandidates(to: place.placeID, in: run, intake: intake)
        let scorer = MatchingProfiles.scorer
        let entries = candidates.filter { !listed.contains($0.applicationID) }.compactMap { record -> Entry? in
            let assessment = scorer.assess(MatchingProfiles.candidate(record), for: profile)
            guard assessment.isFeasible else { return nil }
            return Entry(
                proposalID: record.applicationID, applicationID: record.applicationID, name: names[record.applicationID] ?? "",
                score: assessment.score, components: assessment.components, addedReason: nil, removedReason: nil)
        }
        return (place, entries.sorted { ($0.score, $1.name) > ($1.score, $0.name) })
    }

    /// Adds a candidate to a place's list by hand, with the reason; the score and its explanation
    /// are the library's, as for the run's own proposals. A candidate taken off earlier comes back.
    func add(applicationID: UUID?, to placeID: UUID?, in run: MatchingRun, intake: Intake, reason raw: String, by actor: AuditLog.Actor)
        async throws
    {
        try checkEditable(run)
        var errors = FormErrors()
        let reason = errors.text("reason", raw, .text, required: true)
        if applicationID == nil { errors.add("candidate", "form.required") }
        try errors.throwIfAny()
        guard let applicationID else { throw AppError.notFound }
        let (place, profile) = try await placeProfile(placeID, intake: intake)
        let candidates = try await addableCandidates(to: place.placeID, in: run, intake: intake)
        guard let record = candidates.first(where: { $0.applicationID == applicationID }) else {
            throw AppError.conflict(messageKey: "selection.review.not-a-candidate")
        }
        let assessment = MatchingProfiles.scorer.assess(MatchingProfiles.candidate(record), for: profile)
        guard assessment.isFeasible else { throw AppError.conflict(messageKey: "selection.review.not-feasible") }
        let explanation = String(decoding: try JSONEncoder().encode(assessment.components), as: UTF8.self)
        let runID = try run.requireID()
        try await database.writingTransaction { db in
            let sql = try db.sql
            struct Row: Decodable { let id: UUID }
            let revived = try await sql.raw(
                """
                UPDATE matching_proposals SET removed_at = NULL, removed_by = NULL, removed_reason = NULL,
                  added_by = \(bind: actor.userID), added_reason = \(bind: reason)
                WHERE run_id = \(bind: runID) AND place_id = \(bind: place.placeID) AND application_id = \(bind: applicationID)
                RETURNING id
                """
            ).all(decoding: Row.self)
            if revived.isEmpty {
                try await sql.insert(into: MatchingProposal.schema)
                    .columns(
                        "id", "run_id", "place_id", "application_id", "participant_id", "score", "explanation", "added_by", "added_reason"
                    )
                    .values(
                        SQLBind(UUID()), SQLBind(runID), SQLBind(place.placeID), SQLBind(applicationID), SQLBind(record.participantID),
                        SQLBind(assessment.score), SQLBind(explanation), SQLBind(actor.userID), SQLBind(reason)
                    ).run()
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .application, recordID: applicationID,
                detail: "shortlist: added, run \(runID.uuidString.lowercased())")
        }
    }

    /// The first-round run of the intake that is in force (the latest published), if any.
    func publishedRun(of intakeID: UUID) async throws -> MatchingRun? {
        try await ListsInForce.firstRound(of: intakeID, on: database)
    }

    /// Publishes the run: one conditional UPDATE (of two clicks, one publishes), then one e-mail to
    /// each employer contact of the listed places, in the contact's language, in the same transaction.
    /// When another first-round run of the intake is published, `replacing` must say so; a second
    /// round adds its lists to those of the first round it completes, which must still be in force.
    func publish(
        _ run: MatchingRun, replacing: Bool, by actor: AuditLog.Actor, translations: Translations, publicURL: String
    ) async throws {
        guard run.runStatus == .done, (run.proposalCount ?? 0) > 0 else {
            throw AppError.conflict(messageKey: "selection.publish.nothing")
        }
        let runID = try run.requireID()
        let intakeID = run.$intake.id
        let current = try await publishedRun(of: intakeID)
        switch run.matchingRound {
        case .first:
            if let current, current.id != runID, !replacing { throw AppError.conflict(messageKey: "selection.publish.confirm-replace") }
        case .second:
            guard let current, current.id == run.basedOnRunID else {
                throw AppError.conflict(messageKey: "selection.second-round.first-replaced")
            }
        }
        let now = clock.now()
        try await database.writingTransaction { db in
            let sql = try db.sql
            struct Row: Decodable { let id: UUID }
            let published = try await sql.raw(
                """
                UPDATE matching_runs SET published_at = \(bind: now), published_by = \(bind: actor.userID)
                WHERE id = \(bind: runID) AND status = \(bind: MatchingRunStatus.done.rawValue) AND published_at IS NULL
                RETURNING id
                """
            ).all(decoding: Row.self)
            guard !published.isEmpty else { throw AppError.conflict(messageKey: "selection.publish.already") }
            // The misuse signal's "unanswered requests": each listed employer is asked to review its lists.
            try await ShortlistRequests.record(runID: runID, at: now, on: db)
            struct Recipient: Decodable {
                let email: String
                let language: String
                let title: String
            }
            let recipients = try await sql.raw(
                """
                SELECT DISTINCT u.email, u.language, p.title
                FROM matching_proposals mp JOIN places p ON p.id = mp.place_id
                JOIN workplace_contacts wc ON wc.workplace_id = p.workplace_id JOIN users u ON u.id = wc.user_id
                WHERE mp.run_id = \(bind: runID) AND mp.removed_at IS NULL AND u.is_active = \(bind: true)
                ORDER BY u.email, p.title
                """
            ).all(decoding: Recipient.self)
            let link = publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + SiteURL.employerPortal.path
            let outbox = Outbox(database: db, clock: clock)
            for (email, places) in Dictionary(grouping: recipients, by: \.email).sorted(by: { $0.key < $1.key }) {
                let language = AppLanguage(rawValue: places.first?.language ?? "") ?? .default
                let titles = Array(Set(places.map(\.title))).sorted().joined(separator: ", ")
                try await outbox.enqueue(
                    to: email, subject: translations.text(for: "selection.mail.published.subject", in: language),
                    body: translations.text(for: "selection.mail.published.body", in: language, arguments: [titles, link]),
                    participantID: nil)
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .intake, recordID: intakeID,
                detail: "matching run published: \(runID.uuidString.lowercased())\(replacing ? ", replacing the earlier one" : "")")
        }
    }

    /// The candidates of the run's round; a second round's are narrowed as its engine's are: no one
    /// holding a waiting offer, no one the place's employer already had.
    private func addableCandidates(to placeID: UUID, in run: MatchingRun, intake: Intake) async throws -> [MatchingProfiles.CandidateRecord]
    {
        let inputs = MatchingInputs(database: database)
        let intakeID = try intake.requireID()
        let candidates = try await inputs.candidates(intakeID: intakeID, round: run.matchingRound, on: try clock.today())
        guard run.matchingRound == .second else { return candidates }
        let had = try await inputs.pairsTheEmployerHad(intakeID: intakeID)
        return candidates.filter { !had.contains(.init(applicationID: $0.applicationID, placeID: placeID)) }
    }

    private func checkEditable(_ run: MatchingRun) throws {
        guard run.runStatus == .done else { throw AppError.conflict(messageKey: "selection.review.not-finished") }
        guard run.publishedAt == nil else { throw AppError.conflict(messageKey: "selection.review.published") }
    }

    private func placeProfile(_ placeID: UUID?, intake: Intake) async throws -> (PlaceList, PlaceProfile) {
        guard let placeID else { throw AppError.notFound }
        let programme = try await Programme.find(intake.$programme.id, on: database)
        let country = (programme.flatMap { ProgrammeKind(rawValue: $0.kind) } ?? .internshipProgramme).placesCountry
        let places = try await MatchingInputs(database: database).places(
            country: country, on: try clock.today(), within: .init(start: intake.placementStart, end: intake.placementEnd))
        guard let record = places.first(where: { $0.placeID == placeID }), let profile = MatchingProfiles.place(record) else {
            throw AppError.conflict(messageKey: "selection.review.place-not-usable")
        }
        struct Row: Decodable {
            let title: String
            let employer_name: String
        }
        let row = try await database.sql.raw(
            "SELECT p.title, e.name AS employer_name FROM places p JOIN employers e ON e.id = p.employer_id WHERE p.id = \(bind: placeID)"
        ).first(decoding: Row.self)
        return (
            PlaceList(
                placeID: placeID, title: row?.title ?? "", employerName: row?.employer_name ?? "", district: record.district,
                freeSeats: record.freeSeats), profile
        )
    }

    private func applicantNames(intakeID: UUID) async throws -> [UUID: String] {
        struct Row: Decodable {
            let id: UUID
            let first_name: String?
            let last_name: String?
        }
        let rows = try await database.sql.raw(
            "SELECT id, first_name, last_name FROM applications WHERE intake_id = \(bind: intakeID)"
        ).all(decoding: Row.self)
        return Dictionary(
            uniqueKeysWithValues: rows.map { ($0.id, [$0.first_name, $0.last_name].compactMap { $0 }.joined(separator: " ")) })
    }
}
