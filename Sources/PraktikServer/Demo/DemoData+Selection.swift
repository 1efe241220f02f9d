import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The selection of the demo's intake in matching ("Arbetsträning City, vintern"): a matching run
/// published as shortlists, interviews and offers in every state made through the services a
/// contact and a candidate use, and a published second round for the seats still empty, so the
/// employer portal, the interview and offer links, the worklist's "Decisions waiting" and the
/// unfilled places show real shapes. Listed workplaces without a contact are given the demo's
/// employer contact, so signing in as them shows candidates.
enum DemoSelection {
    static let intakeName = "Arbetsträning City, vintern"

    static func load(on db: any Database, app: Application, demoContactID: UUID?) async throws {
        guard let intake = try await Intake.query(on: db).filter(\.$name == intakeName).first() else { return }
        let clock = app.clock
        let runs = MatchingRunService(database: db, clock: clock)
        let requested = try await runs.request(intake: intake, settings: .init(), by: nil, via: .commandLine)
        try await runs.execute(runID: try requested.requireID())
        guard let run = try await MatchingRun.find(requested.id, on: db), (run.proposalCount ?? 0) > 0 else { return }
        try await ShortlistReview(database: db, clock: clock).publish(
            run, replacing: false, by: .system("demo"), translations: app.translations, publicURL: app.settings.publicURL)

        struct Listed: Decodable {
            let place_id: UUID
            let application_id: UUID
            let workplace_id: UUID
        }
        let listed = try await db.sql.raw(
            """
            SELECT mp.place_id, mp.application_id, p.workplace_id FROM matching_proposals mp JOIN places p ON p.id = mp.place_id
            WHERE mp.run_id = \(bind: try run.requireID()) ORDER BY p.title, p.id, mp.score DESC, mp.application_id
            """
        ).all(decoding: Listed.self)
        var byPlace: [(place: UUID, workplace: UUID, candidates: [UUID])] = []
        for row in listed {
            if byPlace.last?.place != row.place_id { byPlace.append((row.place_id, row.workplace_id, [])) }
            byPlace[byPlace.count - 1].candidates.append(row.application_id)
        }
        let offers = OfferService(database: db, clock: clock, translations: app.translations, publicURL: app.settings.publicURL)
        let candidate = AuditLog.Actor(userID: nil, role: "link:offer", clientAddress: nil)
        // Every sixth place keeps its list untouched, so the unfilled places show that reason too.
        var used: Set<UUID> = []
        // An interview state a place could not hold (no one left to invite) goes to the next place
        // that has none of its own, so every state is in the demo whatever order the lists come in.
        var owed: [InterviewKind] = []
        for (index, entry) in byPlace.enumerated() where index % 6 != 5 {
            guard let applicationID = entry.candidates.first(where: { !used.contains($0) }),
                let contact = try await contact(of: entry.workplace, demoContactID: demoContactID, on: db, now: clock.now())
            else { continue }
            let own = InterviewKind(placeIndex: index)
            if let kind = own ?? owed.first {
                let made = try await interviews(
                    kind, chosen: applicationID, others: entry.candidates.filter { !used.contains($0) && $0 != applicationID },
                    place: entry.place, contact: contact, on: db, app: app)
                if own == nil, made { owed.removeFirst() } else if own != nil, !made { owed.append(kind) }
            }
            let offer: Offer
            do {
                offer = try await offers.select(
                    applicationID: applicationID, placeID: entry.place, byContact: contact,
                    actor: .init(userID: contact, role: Role.employerContact.rawValue, clientAddress: nil))
            } catch is OfferService.Refusal {
                continue
            } catch AppError.notFound {
                continue
            }
            used.insert(applicationID)
            switch index % 6 {
            case 0, 1:
                // Accepted: planned placements waiting for the case worker's decision.
                do { _ = try await offers.accept(offer, actor: candidate) } catch is OfferService.Refusal {}
            case 2:
                try await offers.decline(offer, actor: candidate)
            case 3:
                // Not answered in time.
                try await db.sql.raw(
                    "UPDATE offers SET expires_on = \(bind: (try clock.today()).adding(days: -1)?.description ?? offer.expiresOn) WHERE id = \(bind: try offer.requireID())"
                ).run()
            default:
                // Waiting for the candidate's answer.
                break
            }
        }
        try await secondRound(after: run, intake: intake, on: db, app: app)
    }

    /// The interview a place of the demo shows, by its position: the chosen candidate of every
    /// sixth place was interviewed before the offer (held, suitable); the next candidate of other
    /// places has times proposed and not yet answered, or a confirmed time ahead.
    enum InterviewKind {
        case held, proposed, confirmed

        init?(placeIndex: Int) {
            switch placeIndex % 6 {
            case 0: self = .held
            case 1: self = .proposed
            case 4: self = .confirmed
            default: return nil
            }
        }
    }

    /// Makes `kind` through the services, as a contact and a candidate would; false when no candidate
    /// of the place can be invited (the next one is the first of the others a proposal can go to: one
    /// without consent to be shown to employers cannot be).
    private static func interviews(
        _ kind: InterviewKind, chosen: UUID, others: [UUID], place: UUID, contact: UUID, on db: any Database, app: Application
    ) async throws -> Bool {
        let service = InterviewService(
            database: db, clock: app.clock, translations: app.translations, publicURL: app.settings.publicURL)
        let employer = AuditLog.Actor(userID: contact, role: Role.employerContact.rawValue, clientAddress: nil)
        let candidate = AuditLog.Actor(userID: nil, role: "link:interview", clientAddress: nil)
        let today = try app.clock.today()
        let times = [3, 4].compactMap { today.adding(days: $0) }.enumerated().map { index, day in
            InterviewTime(date: day, hour: 10 + 4 * index, minute: 0)?.description
        }
        func propose(_ applicationID: UUID) async throws -> Interview? {
            do {
                return try await service.propose(
                    .init(times: times, note: "Receptionen, plan 2"), applicationID: applicationID, placeID: place, byContact: contact,
                    actor: employer)
            } catch is InterviewService.Refusal {
                return nil
            } catch AppError.notFound {
                return nil
            }
        }
        func proposeToNext() async throws -> Interview? {
            for other in others { if let interview = try await propose(other) { return interview } }
            return nil
        }
        switch kind {
        case .held:
            guard let interview = try await propose(chosen) else { return false }
            try await service.confirm(interview, index: 0, actor: candidate)
            // Held yesterday: the demo's clock cannot wait for the confirmed time.
            let yesterday = today.adding(days: -1).flatMap { InterviewTime(date: $0, hour: 10, minute: 0) }
            try await db.sql.raw(
                "UPDATE interviews SET chosen_time = \(bind: yesterday?.description) WHERE id = \(bind: try interview.requireID())"
            ).run()
            try await service.recordOutcome(.suitable, interviewID: try interview.requireID(), byContact: contact, actor: employer)
        case .proposed:
            guard try await proposeToNext() != nil else { return false }
        case .confirmed:
            guard let interview = try await proposeToNext() else { return false }
            try await service.confirm(interview, index: 1, actor: candidate)
        }
        return true
    }

    /// A second round on the first: its publication is moved back past the employers' answer days
    /// (the demo cannot wait for them), then the seats still empty get new candidates, published.
    private static func secondRound(after first: MatchingRun, intake: Intake, on db: any Database, app: Application) async throws {
        let answerDays = app.settings.misuseThresholds.answerDays
        let publishedAt = app.clock.now().addingTimeInterval(-Double(answerDays + 1) * 86_400)
        try await db.sql.raw("UPDATE matching_runs SET published_at = \(bind: publishedAt) WHERE id = \(bind: try first.requireID())").run()
        let runs = MatchingRunService(database: db, clock: app.clock)
        let requested = try await runs.request(
            intake: intake, settings: .init(), by: nil, via: .commandLine, round: .second, answerDays: answerDays)
        try await runs.execute(runID: try requested.requireID())
        guard let second = try await MatchingRun.find(requested.id, on: db), (second.proposalCount ?? 0) > 0 else { return }
        try await ShortlistReview(database: db, clock: app.clock).publish(
            second, replacing: false, by: .system("demo"), translations: app.translations, publicURL: app.settings.publicURL)
    }

    /// The workplace's contact; a listed workplace without one gets the demo's contact, so that
    /// signing in as the demo employer shows lists with offers in every state.
    private static func contact(of workplaceID: UUID, demoContactID: UUID?, on db: any Database, now: Date) async throws -> UUID? {
        if let existing = try await WorkplaceContact.query(on: db).filter(\.$workplace.$id == workplaceID).first() {
            return existing.$user.id
        }
        guard let demoContactID else { return nil }
        try await db.sql.raw(
            """
            INSERT INTO workplace_contacts (id, user_id, workplace_id, phone, job_title, created_at)
            VALUES (\(bind: UUID()), \(bind: demoContactID), \(bind: workplaceID), '08-123 456 78', 'Handledare', \(bind: now))
            """
        ).run()
        return demoContactID
    }
}
