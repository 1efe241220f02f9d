import Fluent
import Foundation
import PraktikCore
import Vapor

@testable import PraktikServer

/// Placement records for tests, made through the placement services. The test clock's "today" is
/// 2026-11-18; the default place runs from December to June.
extension Fixtures {
    struct PlacementSetup {
        let unit: OrganisationUnit
        let participant: Participant
        let employer: Employer
        let workplace: Workplace
        let place: Place
        var participantID: UUID { participant.id ?? UUID() }
        var placeID: UUID { place.id ?? UUID() }
    }

    static let caseWorkerActor = AuditLog.Actor(userID: nil, role: "case_worker", clientAddress: nil)

    /// A participant who consented to sharing, and an open place at an employer whose checks passed today.
    static func placementSetup(
        _ app: Application, capacity: Int = 1, consents: [BuiltInConsentPurpose] = [.programmePartners], email: String? = nil,
        placeStart: String = "2026-12-01", placeEnd: String = "2027-06-30", employerNumber: Int = 1, checksOn: String? = nil
    ) async throws -> PlacementSetup {
        let unit = try await Fixtures.unit(app, code: "JT-\(UUID().uuidString.prefix(6))")
        let participant = try await Fixtures.participant(app, unit: unit, email: email)
        for purpose in consents {
            try await ConsentService(database: app.db, clock: app.clock).record(
                .given, purpose: purpose.rawValue, channel: .paper, participantID: try participant.requireID(), by: adminActor)
        }
        let employer = try await Fixtures.employer(
            app, name: "Praktikgivare \(employerNumber) AB", number: organisationNumber(employerNumber))
        try await passAllChecks(app, of: employer, on: checksOn ?? CivilDate(app.clock.now())?.description ?? "2026-11-18")
        let workplace = try await Fixtures.workplace(app, of: employer, address: "Gatan \(employerNumber)")
        let place = try await Fixtures.place(app, at: workplace, unit: unit, capacity: capacity, start: placeStart, end: placeEnd)
        return PlacementSetup(unit: unit, participant: participant, employer: employer, workplace: workplace, place: place)
    }

    static func decisionInput(
        _ setup: PlacementSetup, participantID: UUID? = nil, start: String = "2026-12-01", end: String? = nil,
        basis: PlacementDecisionService.Input.Basis = .direct(justification: "Stadsdelens beslut"), programme: String = "arbetspraktik",
        purpose: String? = "toward_employment"
    ) throws -> PlacementDecisionService.Input {
        PlacementDecisionService.Input(
            participantID: participantID ?? setup.participantID, placeID: setup.placeID, programme: programme,
            start: try date(start), end: try end.map(date), basis: basis, purpose: purpose, language: nil, note: nil)
    }

    @discardableResult
    static func decide(_ app: Application, _ input: PlacementDecisionService.Input) async throws -> Placement {
        try await PlacementDecisionService(database: app.db, clock: app.clock).decide(input, by: caseWorkerActor)
    }

    static func placementService(_ app: Application) -> PlacementService {
        PlacementService(database: app.db, clock: app.clock, translations: app.translations, publicURL: app.settings.publicURL)
    }

    static func followUpService(_ app: Application) -> FollowUpService {
        FollowUpService(database: app.db, clock: app.clock, translations: app.translations, publicURL: app.settings.publicURL)
    }

    static func outcomeService(_ app: Application) -> OutcomeService {
        OutcomeService(database: app.db, clock: app.clock, translations: app.translations, publicURL: app.settings.publicURL)
    }

    static func date(_ text: String) throws -> CivilDate {
        guard let date = CivilDate(iso8601: text) else { throw FixtureError(message: "not a date: \(text)") }
        return date
    }
}

extension TestClock {
    /// Moves the clock forward to `hour` o'clock (Stockholm) on `date`; never backwards.
    func move(to date: String, hour: Int = 10) throws {
        guard let day = CivilDate(iso8601: date), let target = day.moment(atHour: hour) else {
            throw Fixtures.FixtureError(message: "not a date: \(date)")
        }
        let seconds = target.timeIntervalSince(now)
        guard seconds >= 0 else { throw Fixtures.FixtureError(message: "the clock cannot go back to \(date)") }
        advance(by: seconds)
    }
}

extension Fixtures {
    /// Mail queued in the outbox to `address`, oldest first.
    static func mail(to address: String, _ app: Application) async throws -> [OutboxMessage] {
        try await OutboxMessage.query(on: app.db).filter(\.$toAddress == address).sort(\.$createdAt).all()
    }

    /// The path of the first link to `/prefix/` in a mail body.
    static func link(in body: String, prefix: String) -> String? {
        guard let range = body.range(of: "/\(prefix)/") else { return nil }
        return "/\(prefix)/" + body[range.upperBound...].prefix { !$0.isWhitespace }
    }

    static func runJobs(_ app: Application) async throws -> [String] {
        try await OneOffJobRunner(app: app, instance: "test").runDueJobs()
    }

    static let agreement = PlacementService.AgreementInput(
        purpose: "toward_employment", goals: "Lära kassan och kundmötet", tasks: "Kassa, påfyllning", supervisorName: "Karin Ek",
        supervisorEmail: "karin.ek@example.se", supervisorPhone: "", supervisorLanguage: "sv")
}
