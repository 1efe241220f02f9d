import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The selection of the demo's intake in matching ("Arbetsträning City, vintern"): a matching run
/// published as shortlists, and offers in every state made through the services a contact and a
/// candidate use, so the employer portal, the offer links, the worklist's "Decisions waiting" and
/// the unfilled places show real shapes. Listed workplaces without a contact are given the demo's
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
            WHERE mp.run_id = \(bind: try run.requireID()) ORDER BY p.id, mp.score DESC, mp.application_id
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
        for (index, entry) in byPlace.enumerated() where index % 6 != 5 {
            guard let applicationID = entry.candidates.first(where: { !used.contains($0) }),
                let contact = try await contact(of: entry.workplace, demoContactID: demoContactID, on: db, now: clock.now())
            else { continue }
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
