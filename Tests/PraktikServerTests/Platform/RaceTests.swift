import Fluent
import Foundation
import NIOConcurrencyHelpers
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Simultaneous requests end in clear answers: a duplicate found by the unique index in a race is
/// answered like a duplicate found by the service's check (the same 409 page), never with a 500;
/// queued mail is sent once by any number of deliverers; a consent ledger numbers every entry once;
/// an offer answered twice at once keeps the first answer and one seat.
@Suite("Races")
struct RaceTests {
    /// Runs `write` `times` times at once and returns how many succeeded and every error thrown.
    static func race<T: Sendable>(_ times: Int = 20, _ write: @escaping @Sendable () async throws -> T) async -> (
        successes: Int, errors: [any Error]
    ) {
        await withTaskGroup(of: Result<T, any Error>.self) { group in
            for _ in 0..<times {
                group.addTask {
                    do { return .success(try await write()) } catch { return .failure(error) }
                }
            }
            var successes = 0
            var errors: [any Error] = []
            for await result in group {
                switch result {
                case .success: successes += 1
                case .failure(let error): errors.append(error)
                }
            }
            return (successes, errors)
        }
    }

    /// Every error is the service's own duplicate answer, which the web shows as a 409 page.
    static func expectDuplicates(_ errors: [any Error], field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for error in errors {
            let form = error as? FormErrors
            #expect(form?.fields[field] != nil && form?.status == .conflict, "\(String(reflecting: error))", sourceLocation: sourceLocation)
        }
    }

    @Test("twenty registrations of one new person number at once: one participant, nineteen 409 pages, no 500")
    func participantRegistrations() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            try await browser.get("/participants/new")
            let token = try #require(browser.lastCSRFToken)
            let form = [
                "firstName": "Hodan", "lastName": "Warsame", "identifierKind": "swedish_personal_number", "personNumber": "19121212-1212",
                "gender": "woman", "birthRegion": "outside_europe", "educationLevel": "upper_secondary", "benefitType": "forsorjningsstod",
            ]
            let statuses = NIOLockedValueBox<[UInt]>([])
            _ = await Self.race {
                let response = try await browser.post("/participants", form: form, csrf: .value(token))
                statuses.withLockedValue { $0.append(response.status.code) }
            }
            let all = statuses.withLockedValue { $0 }
            #expect(all.filter { $0 == 303 }.count == 1, "\(all)")
            #expect(all.filter { $0 == 409 }.count == 19, "\(all)")
            #expect(try await Participant.query(on: app.db).count() == 1)
        }
    }

    @Test("twenty registrations of one organisation number at once: one employer, the rest pointed at it")
    func employerRegistrations() async throws {
        try await withPraktikApp { app in
            let service = EmployerService(database: app.db, clock: app.clock)
            let input = EmployerInput(name: "Ek Bygg AB", register: "se", number: "556016-0680", sector: "private")
            let (successes, errors) = await Self.race { try await service.create(input, by: Fixtures.actor) }
            #expect(successes == 1)
            #expect(errors.allSatisfy { $0 is DuplicateEmployer }, "\(errors.map { String(reflecting: $0) })")
        }
    }

    @Test("workplaces, places, units, accounts, check types, consent purposes and contact links: duplicates at once are 409s")
    func formDuplicates() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app, code: "JT-A")
            let employer = try await Fixtures.employer(app)
            let workplaces = WorkplaceService(database: app.db, clock: app.clock)
            var result = await Self.race {
                try await workplaces.create(
                    for: employer, WorkplaceInput(address: "Kistagången 1", postalCode: "164 40"), by: Fixtures.actor)
            }
            #expect(result.successes == 1)
            Self.expectDuplicates(result.errors, field: "address")

            let workplace = try #require(try await Workplace.query(on: app.db).first())
            let places = PlaceService(database: app.db, clock: app.clock)
            let placeInput = PlaceInput(
                title: "Snickare", capacity: "1", periodStart: "2026-06-01", periodEnd: "2026-09-30", unitID: unit.id?.uuidString ?? "")
            result = await Self.race { try await places.create(at: workplace, placeInput, as: .staff, by: Fixtures.actor) }
            #expect(result.successes == 1)
            Self.expectDuplicates(result.errors, field: "title")

            let units = UnitService(database: app.db)
            result = await Self.race {
                try await units.save(.init(name: "Norr", code: "NORR", kind: .jobCentre, isActive: true), existing: nil)
            }
            #expect(result.successes == 1)
            Self.expectDuplicates(result.errors, field: "code")

            let accounts = AccountService(
                database: app.db, clock: app.clock, hasher: app.password.async, passwordPolicy: app.settings.passwordPolicy,
                sessionLifetime: app.settings.sessionLifetime)
            let newUser = AccountService.NewUser(
                email: "same@test.example", displayName: "Same", role: .analyst, unitID: nil, language: .swedish,
                password: Fixtures.password)
            result = await Self.race { try await accounts.create(newUser, by: Fixtures.actor) }
            #expect(result.successes == 1)
            Self.expectDuplicates(result.errors, field: "email")

            let checks = EmployerCheckService(database: app.db, clock: app.clock)
            let type = EmployerCheckService.TypeInput(key: "same_check", nameSwedish: "Samma", nameEnglish: "Same")
            result = await Self.race { try await checks.saveType(nil, type, by: Fixtures.actor) }
            #expect(result.successes == 1)
            Self.expectDuplicates(result.errors, field: "key")

            let consent = ConsentService(database: app.db, clock: app.clock)
            let purpose = ConsentService.NewPurpose(code: "same_purpose", legalBasis: "consent", textSwedish: "Samma", textEnglish: "Same")
            result = await Self.race { try await consent.addPurpose(purpose, by: Fixtures.actor) }
            #expect(result.successes == 1)
            Self.expectDuplicates(result.errors, field: "code")

            let contact = try await Fixtures.user(app, role: .employerContact)
            let contacts = WorkplaceContactService(database: app.db, clock: app.clock)
            result = await Self.race {
                try await contacts.link(email: contact.email, phone: "", jobTitle: "", to: workplace, by: Fixtures.actor)
            }
            #expect(result.successes == 1)
            Self.expectDuplicates(result.errors, field: "email")
        }
    }

    @Test("a duplicate found by the unique index is answered like one found by the check")
    func indexAnswersLikeCheck() async throws {
        try await withPraktikApp { app in
            let employer = try await Fixtures.employer(app)
            let workplaces = WorkplaceService(database: app.db, clock: app.clock)
            let first = try await workplaces.create(for: employer, WorkplaceInput(address: "Gatan 1"), by: Fixtures.actor)
            // The check is passed (as in a race) by writing the row directly; the index refuses it.
            let second = Workplace()
            second.$employer.id = try employer.requireID()
            second.name = ""
            second.address = "Gatan 1"
            second.postalCode = ""
            second.city = ""
            second.district = ""
            second.naturalKey = first.naturalKey
            second.isActive = true
            await #expect(throws: FormErrors.duplicate("address", "workplace.duplicate")) {
                try await UniqueIndex.guarding {
                    try await second.create(on: app.db)
                } whenTaken: {
                    if try await Workplace.query(on: app.db).filter(\.$naturalKey == first.naturalKey).count() > 0 {
                        throw FormErrors.duplicate("address", "workplace.duplicate")
                    }
                }
            }
            // A unique clash the check cannot explain is still a 409, never a 500.
            await #expect(throws: AppError.conflict(messageKey: "error.concurrent-change")) {
                try await UniqueIndex.guarding {
                    try await second.create(on: app.db)
                } whenTaken: {
                }
            }
            // Other failures pass through unchanged.
            let orphan = Workplace()
            orphan.$employer.id = UUID()
            orphan.name = ""
            orphan.address = "x"
            orphan.postalCode = ""
            orphan.city = ""
            orphan.district = ""
            orphan.naturalKey = "x"
            orphan.isActive = true
            do {
                try await UniqueIndex.guarding {
                    try await orphan.create(on: app.db)
                } whenTaken: {
                }
                Issue.record("a foreign-key failure should throw")
            } catch {
                #expect(!error.isUniqueViolation)
                #expect(!(error is AppError))
            }
        }
    }

    @Test("several deliverers at once (requests, the job, other instances) send each queued message once")
    func outboxSendsOnce() async throws {
        try await withPraktikApp { app in
            let outbox = Outbox(database: app.db, clock: app.clock)
            for index in 0..<40 {
                try await outbox.enqueue(to: "person\(index)@example.se", subject: "S", body: "B", participantID: nil)
            }
            let transport = SlowCapturingTransport()
            let delivered = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<5 {
                    group.addTask { (try? await outbox.deliverPending(via: transport, logger: app.logger)) ?? 0 }
                }
                return await group.reduce(0, +)
            }
            let sent = transport.sent.map(\.to)
            #expect(sent.count == 40, "\(sent.count) sent")
            #expect(Set(sent).count == 40, "a message was sent twice")
            #expect(delivered == 40)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$sentAt == nil).count() == 0)
            #expect(try await OutboxMessage.query(on: app.db).all().allSatisfy { $0.attempts == 1 && $0.claimedBy == nil })
        }
    }

    @Test("a failed delivery waits before its next attempt and the next deliverer sends it")
    func outboxRetry() async throws {
        let clock = TestClock()
        try await withPraktikApp(clock: clock) { app in
            let outbox = Outbox(database: app.db, clock: app.clock)
            try await outbox.enqueue(to: "x@example.se", subject: "S", body: "B", participantID: nil)
            #expect(try await outbox.deliverPending(via: JobRunnerTests.FailingTransport(), logger: app.logger) == 0)
            let capture = CapturingMailTransport()
            #expect(try await outbox.deliverPending(via: capture, logger: app.logger) == 0, "not again at once")
            clock.advance(by: Outbox.retryStep + 1)
            #expect(try await outbox.deliverPending(via: capture, logger: app.logger) == 1)
            let message = try #require(try await OutboxMessage.query(on: app.db).first())
            #expect(message.attempts == 2)
            #expect(message.lastError == nil)
        }
    }

    @Test("twenty consent entries for one person at once get the numbers 1 to 20")
    func consentSequence() async throws {
        try await withPraktikApp { app in
            let participant = try await Fixtures.participant(app)
            let id = try participant.requireID()
            let service = ConsentService(database: app.db, clock: app.clock)
            let result = await Self.race {
                try await service.record(.given, purpose: "employer_profile", channel: .paper, participantID: id, by: Fixtures.actor)
            }
            #expect(result.errors.isEmpty, "\(result.errors.map { String(reflecting: $0) })")
            let numbers = try await ConsentEvent.query(on: app.db).filter(\.$participant.$id == id).all().map(\.sequence).sorted()
            #expect(numbers == Array(1...20))
        }
    }

    @Test("two case workers record an answer to one offer at once: one answer stored, one seat, the other a 409 'already answered'")
    func offerAnswersByCaseWorkers() async throws {
        try await withPraktikApp { app in
            let published = try await OfferTests.published(app)
            let chosen = published.listed[0]
            #expect(try await OfferTests.select(published, chosen).status == .seeOther)
            let offer = try #require(try await Offer.query(on: app.db).filter(\.$applicationID == chosen).first())
            let offerID = try offer.requireID()
            let path = SiteURL.application(chosen).path
            let action = SiteURL.applicationOfferAnswer(chosen).path
            var workers: [Browser] = []
            for _ in 0..<2 {
                let user = try await Fixtures.user(app, role: .caseWorker, unit: published.setup.unit)
                let worker = Browser(app)
                #expect(try await worker.signIn(user.email).status == .seeOther)
                #expect(try await worker.get(path).status == .ok)
                workers.append(worker)
            }
            let (first, second) = (workers[0], workers[1])

            async let firstAnswer = first.post(action, form: ["offer": offerID.uuidString, "answer": "accept", "how": "I telefon"])
            async let secondAnswer = second.post(action, form: ["offer": offerID.uuidString, "answer": "accept", "how": "Vid mötet"])
            let answers = try await [firstAnswer, secondAnswer]

            #expect(answers.map(\.status.code).sorted() == [303, 409], "\(answers.map { $0.body.string.suffix(2000) })")
            let refused = try #require(answers.first { $0.status == .conflict })
            #expect(refused.body.string.contains(app.translations.text(for: OfferService.Refusal.answered.rawValue, in: .swedish)))
            #expect(try await Offer.find(offerID, on: app.db)?.offerStatus == .accepted)
            let application = try #require(try await IntakeApplication.find(chosen, on: app.db))
            #expect(try await Placement.query(on: app.db).filter(\.$participant.$id == application.$participant.id).count() == 1)
            #expect(try await PlaceSeats.seatsTaken(placeID: try published.place.requireID(), on: app.db) == 1)
            let audit = try await AuditEvent.query(on: app.db).all().compactMap(\.detail)
            #expect(audit.filter { $0.hasPrefix("offer answer taken by case worker:") }.count == 1, "\(audit)")
            #expect(audit.filter { $0.hasPrefix("offer accepted") }.count == 1, "\(audit)")
        }
    }
}

/// Captures mail like `CapturingMailTransport`, slowly enough for deliverers to overlap.
final class SlowCapturingTransport: MailTransport {
    private let box = NIOLockedValueBox<[OutgoingMail]>([])
    var sent: [OutgoingMail] { box.withLockedValue { $0 } }

    func send(_ mail: OutgoingMail) async throws {
        try await Task.sleep(for: .milliseconds(5))
        box.withLockedValue { $0.append(mail) }
    }
}
