import Fluent
import Foundation
import NIOConcurrencyHelpers
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Registering a person number another unit holds discloses neither the person nor the unit: the
/// answer is the same whoever holds the number, and a transfer request goes to the unit that holds
/// it, which alone decides (issue 8: the enrolment oracle).
@Suite("Transfers between units")
struct TransferTests {
    /// Three units: the case worker registering works in A; B and C hold one person each.
    struct World {
        let unitA: OrganisationUnit
        let unitB: OrganisationUnit
        let asker: User
        let holder: User
        let inB: Participant
        let inC: Participant
        static let numberInB = Fixtures.personNumber(year: 1991, month: 2, day: 3, serial: 456)
        static let numberInC = Fixtures.personNumber(year: 1984, month: 7, day: 21, serial: 118)
        var numberInB: String { Self.numberInB }
        var numberInC: String { Self.numberInC }
    }

    static func world(_ app: Application) async throws -> World {
        let unitA = try await Fixtures.unit(app, code: "JT-A", name: "Jobbtorg Alby")
        let unitB = try await Fixtures.unit(app, code: "JT-B", name: "Jobbtorg Bredäng")
        let unitC = try await Fixtures.unit(app, code: "JT-C", name: "Jobbtorg Skärholmen")
        let asker = try await Fixtures.user(app, role: .caseWorker, unit: unitA)
        asker.displayName = "Karin Lind"
        try await asker.save(on: app.db)
        let holder = try await Fixtures.user(app, role: .caseWorker, unit: unitB)
        return World(
            unitA: unitA, unitB: unitB, asker: asker, holder: holder,
            inB: try await Fixtures.participant(app, unit: unitB, firstName: "Hodan", lastName: "Warsame", personNumber: World.numberInB),
            inC: try await Fixtures.participant(app, unit: unitC, firstName: "Erik", lastName: "Berg", personNumber: World.numberInC))
    }

    static func registration(_ number: String) -> [String: String] {
        [
            "firstName": "Anna", "lastName": "Svensson", "identifierKind": "swedish_personal_number", "personNumber": number,
            "gender": "woman", "birthRegion": "outside_europe", "educationLevel": "upper_secondary", "benefitType": "forsorjningsstod",
        ]
    }

    static func signedIn(_ app: Application, _ user: User) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn(user.email)
        return browser
    }

    @Test("a number another unit holds: the same answer whoever holds it and in whatever state, naming nobody")
    func neutralAnswer() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            // The person in C has left the programme, and a request for them already waits.
            let exited = try #require(try await Participant.find(world.inC.id, on: app.db))
            try await ParticipantService(
                database: app.db, clock: app.clock, scope: ParticipantScope(user: Self.admin), actor: Fixtures.adminActor
            ).exit(exited, on: try #require(CivilDate(year: 2026, month: 9, day: 1)), reason: .work, outcome: nil, employerIsHost: nil)
            let browser = try await Self.signedIn(app, world.asker)
            try await browser.get("/participants/new")
            try await browser.post(
                "/participants/transfers", form: ["identifierKind": "swedish_personal_number", "personNumber": world.numberInC])

            try await browser.get("/participants/new")
            let first = try await browser.post("/participants", form: Self.registration(world.numberInB))
            try await browser.get("/participants/new")
            let second = try await browser.post("/participants", form: Self.registration(world.numberInC))
            #expect(first.status == .conflict)
            #expect(second.status == .conflict)
            let firstPage = Self.withoutToken(first.body.string.replacingOccurrences(of: world.numberInB, with: "N"))
            let secondPage = Self.withoutToken(second.body.string.replacingOccurrences(of: world.numberInC, with: "N"))
            #expect(firstPage == secondPage, "the answer differs with who holds the number")
            for page in [firstPage, secondPage] {
                for hidden in ["Hodan", "Warsame", "Erik", "Berg", "Bredäng", "Skärholmen", "JT-B", "JT-C", "finns redan en deltagare"] {
                    #expect(!page.contains(hidden), "the answer names \(hidden)")
                }
                #expect(page.contains("kan inte registreras i din enhet"))
                #expect(page.contains("action=\"/participants/transfers\""), "a transfer can be requested")
            }
            #expect(try await Participant.query(on: app.db).count() == 2)

            // Each answer is noted on the record it is about, so the person's access log shows who learned of it.
            let notes = try await AuditEvent.query(on: app.db).filter(\.$detail == AuditDetail.registrationRefused).all()
            #expect(Set(notes.compactMap(\.recordID)) == [try world.inB.requireID().uuidString, try world.inC.requireID().uuidString])
            #expect(notes.allSatisfy { $0.actorUserID == world.asker.id })
        }
    }

    @Test("the unit that holds the person sees who asks; the asker sees neither the person nor that unit until it is accepted")
    func requestAndAccept() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            let asker = try await Self.signedIn(app, world.asker)
            try await asker.get("/participants/new")
            let refused = try await asker.post("/participants", form: Self.registration(world.numberInB))
            #expect(refused.status == .conflict)
            let asked = try await asker.post(
                "/participants/transfers", form: ["identifierKind": "swedish_personal_number", "personNumber": world.numberInB])
            #expect(asked.status == .seeOther)
            #expect(asked.headers.first(name: .location) == "/participants/transfers?sent=true")
            // Asking twice (a second click, a colleague) keeps one request.
            try await asker.get("/participants/transfers")
            try await asker.post(
                "/participants/transfers", form: ["identifierKind": "swedish_personal_number", "personNumber": world.numberInB])
            #expect(try await ParticipantTransfer.query(on: app.db).count() == 1)
            let transfer = try #require(try await ParticipantTransfer.query(on: app.db).first())
            let transferID = try transfer.requireID()

            let sent = try await asker.get("/participants/transfers?sent=true")
            #expect(sent.status == .ok)
            #expect(sent.body.string.contains("Din förfrågan är skickad"))
            #expect(sent.body.string.contains("19910203-****"))
            #expect(sent.body.string.contains("Väntar på svar"))
            for hidden in ["Hodan", "Warsame", "Bredäng", "JT-B"] { #expect(!sent.body.string.contains(hidden), "\(hidden)") }

            // The holding unit: on its start page and its transfer page, with the person and who asks.
            let holder = try await Self.signedIn(app, world.holder)
            let start = try await holder.get("/start")
            #expect(start.body.string.contains("Warsame, Hodan"))
            #expect(start.body.string.contains("Frågas efter av Jobbtorg Alby"))
            let waiting = try await holder.get("/participants/transfers")
            #expect(waiting.body.string.contains("Hodan Warsame"))
            #expect(waiting.body.string.contains("Karin Lind"))
            #expect(waiting.body.string.contains("/participants/transfers/\(transferID)/accept"))

            // Nobody else can answer: not the asker, not a third unit.
            let third = try await Self.signedIn(
                app, try await Fixtures.user(app, role: .caseWorker, unit: try await Fixtures.unit(app, code: "JT-D")))
            #expect(!(try await third.get("/participants/transfers")).body.string.contains("Warsame"))
            #expect(try await third.post("/participants/transfers/\(transferID)/accept").status == .notFound)
            try await asker.get("/participants/transfers")
            #expect(try await asker.post("/participants/transfers/\(transferID)/accept").status == .notFound)
            #expect(try await holder.post("/participants/transfers/\(transferID)/withdraw").status == .notFound)

            // Accepted: the record moves to the asking unit, the asker is responsible, all audited.
            try await holder.get("/participants/transfers")
            let accepted = try await holder.post("/participants/transfers/\(transferID)/accept")
            #expect(accepted.status == .seeOther)
            let moved = try #require(try await Participant.find(world.inB.id, on: app.db))
            #expect(moved.$unit.id == world.unitA.id)
            #expect(moved.$responsibleCaseWorker.id == world.asker.id)
            let events = try await AuditEvent.query(on: app.db).filter(\.$actorUserID == world.holder.id).filter(\.$action == "update")
                .all()
            #expect(events.count == 2)
            #expect(
                events.contains {
                    $0.recordType == "participant" && $0.recordID == moved.id?.uuidString && $0.detail == "changed=responsible,unit"
                })
            #expect(events.contains { $0.recordType == "participant_transfer" && $0.detail == "transfer=accepted" })

            #expect(try await asker.get("/participants/\(try moved.requireID())").status == .ok)
            #expect(try await holder.get("/participants/\(try moved.requireID())").status == .notFound)
            let answered = try await asker.get("/participants/transfers")
            #expect(answered.body.string.contains("Hodan Warsame"))
            #expect(answered.body.string.contains("Godkänd, flyttad"))

            // The unit that held the person holds nothing to answer now.
            try await holder.get("/participants/transfers")
            let again = try await holder.post("/participants/transfers/\(transferID)/accept")
            #expect(again.status == .notFound, "the record is no longer the holder's")
        }
    }

    @Test("declined, withdrawn, answered by an admin's move, cancelled by erasure")
    func otherEndings() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            let askerScope = ParticipantScope(user: Self.signedInUser(world.asker, unit: world.unitA))
            let holderScope = ParticipantScope(user: Self.signedInUser(world.holder, unit: world.unitB))
            func service(_ scope: ParticipantScope) -> TransferService {
                TransferService(database: app.db, clock: app.clock, scope: scope, actor: Fixtures.adminActor)
            }
            func status(_ id: UUID) async throws -> String? {
                try await ParticipantTransfer.query(on: app.db).filter(\.$id == id).first()?.status
            }

            let declined = try await service(askerScope).request(personNumber: world.numberInB, identifierKind: "swedish_personal_number")
            try await service(holderScope).decline(declined)
            #expect(try await status(declined) == "declined")
            #expect(try await Participant.find(world.inB.id, on: app.db)?.$unit.id == world.unitB.id)
            let asker = try await Self.signedIn(app, world.asker)
            let list = try await asker.get("/participants/transfers")
            #expect(list.body.string.contains("Avslagen"))
            #expect(!list.body.string.contains("Warsame"))

            let withdrawn = try await service(askerScope).request(personNumber: world.numberInB, identifierKind: "swedish_personal_number")
            #expect(withdrawn != declined, "a declined request does not stop a new one")
            await #expect(throws: AppError.notFound) { try await service(holderScope).withdraw(withdrawn) }
            try await service(askerScope).withdraw(withdrawn)
            #expect(try await status(withdrawn) == "withdrawn")
            await #expect(throws: TransferStatus.Refusal.alreadyDecided) { try await service(holderScope).accept(withdrawn) }

            // An admin moves the record to the asking unit on the edit form: the request is answered.
            let movedByAdmin = try await service(askerScope).request(
                personNumber: world.numberInB, identifierKind: "swedish_personal_number")
            let (admin, _) = try await Fixtures.signedIn(app, as: .admin)
            let id = try world.inB.requireID()
            let edit = try await admin.get("/participants/\(id)/edit")
            #expect(edit.status == .ok)
            var form = Self.registration(world.numberInB)
            form["firstName"] = "Hodan"
            form["lastName"] = "Warsame"
            form["unitID"] = try world.unitA.requireID().uuidString
            let saved = try await admin.post("/participants/\(id)/edit", form: form)
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(300))")
            #expect(try await status(movedByAdmin) == "accepted")

            // Erasure cancels what waits for the person.
            let cancelled = try await service(askerScope).request(personNumber: world.numberInC, identifierKind: "swedish_personal_number")
            try await ErasureService(database: app.db, clock: app.clock).erase(world.inC, by: Fixtures.adminActor)
            #expect(try await status(cancelled) == "cancelled")
            await #expect(throws: FormErrors.self) {
                try await service(askerScope).request(personNumber: world.numberInC, identifierKind: "swedish_personal_number")
            }
        }
    }

    @Test("twenty requests at once leave one; twenty answers at once move the record once")
    func races() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            let asker = TransferService(
                database: app.db, clock: app.clock, scope: ParticipantScope(user: Self.signedInUser(world.asker, unit: world.unitA)),
                actor: Fixtures.adminActor)
            let requests = NIOLockedValueBox<Set<UUID>>([])
            let (asked, askErrors) = await RaceTests.race {
                let id = try await asker.request(personNumber: World.numberInB, identifierKind: "swedish_personal_number")
                requests.withLockedValue { _ = $0.insert(id) }
            }
            #expect(asked == 20, "\(askErrors.map { String(reflecting: $0) })")
            #expect(requests.withLockedValue { $0.count } == 1)
            #expect(try await ParticipantTransfer.query(on: app.db).count() == 1)

            let holder = TransferService(
                database: app.db, clock: app.clock, scope: ParticipantScope(user: Self.signedInUser(world.holder, unit: world.unitB)),
                actor: Fixtures.adminActor)
            let id = try #require(requests.withLockedValue { $0.first })
            let (accepted, errors) = await RaceTests.race { try await holder.accept(id) }
            #expect(accepted == 1)
            // Those that lost either saw the decision in the row, or found the record already gone from their unit.
            #expect(
                errors.allSatisfy { ($0 as? TransferStatus.Refusal) == .alreadyDecided || ($0 as? AppError) == .notFound },
                "\(errors.map { String(reflecting: $0) })")
            let moves = try await AuditEvent.query(on: app.db).filter(\.$recordType == "participant")
                .filter(\.$recordID == world.inB.id?.uuidString).filter(\.$action == "update").count()
            #expect(moves == 1)
        }
    }

    @Test("a number nobody holds, or the asker's own unit holds, is no transfer")
    func nothingToTransfer() async throws {
        try await withPraktikApp { app in
            let world = try await Self.world(app)
            let service = TransferService(
                database: app.db, clock: app.clock, scope: ParticipantScope(user: Self.signedInUser(world.holder, unit: world.unitB)),
                actor: Fixtures.adminActor)
            await #expect(throws: ParticipantService.DuplicatePersonNumber.self) {
                try await service.request(personNumber: world.numberInB, identifierKind: "swedish_personal_number")
            }
            let free = Fixtures.personNumber(year: 1979, month: 3, day: 9, serial: 321)
            await #expect(throws: FormErrors(fields: ["personNumber": "participant.transfer.nobody"])) {
                try await service.request(personNumber: free, identifierKind: "swedish_personal_number")
            }
            await #expect(throws: FormErrors.self) {
                try await service.request(personNumber: "12", identifierKind: "swedish_personal_number")
            }
            #expect(try await ParticipantTransfer.query(on: app.db).count() == 0)
        }
    }

    /// The page without its CSRF token, which differs from session to session.
    static func withoutToken(_ html: String) -> String {
        html.replacing(#/name="_csrf" value="[^"]*"/#, with: "name=\"_csrf\"")
    }

    static let admin = SignedInUser(id: UUID(), email: "a@test.example", displayName: "A", role: .admin, unitID: nil, language: .swedish)

    static func signedInUser(_ user: User, unit: OrganisationUnit) -> SignedInUser {
        SignedInUser(
            id: user.id ?? UUID(), email: user.email, displayName: user.displayName, role: .caseWorker, unitID: unit.id,
            language: .swedish)
    }
}
