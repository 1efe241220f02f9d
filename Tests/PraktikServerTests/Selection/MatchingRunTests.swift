import Fluent
import Foundation
import Matching
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Matching runs of an intake (issue 12): the mapping of stored records onto the library's
/// profiles, the stored run against the library, the page and the command line. The test clock's
/// today is 2026-11-18; the fixture intake places people from 10 January 2027.
@Suite("Matching runs")
struct MatchingRunTests {
    struct Setup {
        let unit: OrganisationUnit
        let intake: Intake
        var applications: [IntakeApplication] = []
        var places: [Place] = []
    }

    /// An intake with eligible applicants of several fields, districts and languages, and usable
    /// places of several occupational fields and language requirements.
    static func setup(_ app: Application, applicants: Int = 4, places: Int = 3, employers: Int = 300) async throws -> Setup {
        let (unit, intake) = try await Fixtures.openIntake(app)
        var setup = Setup(unit: unit, intake: intake)
        let fields = ["computer_science", "economics", "technology", "marketing"]
        let districts = ["Rinkeby-Kista", "Södermalm", "Bromma"]
        for index in 0..<applicants {
            // Person numbers by index: random ones collide now and then among fifty applicants.
            var form = Fixtures.applicationForm(
                personNumber: Fixtures.personNumber(year: 1992, month: 4, day: 1 + index % 28, serial: index), firstName: "Sökande\(index)")
            form["educationField"] = fields[index % fields.count]
            form["homeDistrict"] = districts[index % districts.count]
            form["level1"] = ["B2", "C1", "C2", "native"][index % 4]
            let application = try await Fixtures.application(app, intake: intake, form: form)
            application.availableFrom = index == 3 ? "2027-03-01" : "2027-01-01"
            try await application.save(on: app.db)
            let id = try application.requireID()
            let preferred = [["computer_science", "administration"], ["administration"], [], ["retail", "technology"]][index % 4]
            for field in preferred {
                let row = ApplicationPreferredField()
                row.$application.id = id
                row.$participant.id = application.$participant.id
                row.field = field
                try await row.create(on: app.db)
            }
            if index % 2 == 1 {
                let row = ApplicationPreferredDistrict()
                row.$application.id = id
                row.$participant.id = application.$participant.id
                row.district = "Norrmalm"
                try await row.create(on: app.db)
            }
            setup.applications.append(application)
        }
        let occupations = [("IT", "Engelska B2"), ("Kontor och administration", "Svenska B1, engelska"), ("Teknik", "")]
        let placeDistricts = ["Rinkeby-Kista", "Norrmalm", "Farsta"]
        for index in 0..<places {
            let employer = try await Fixtures.employer(
                app, name: "Matchning \(index) AB", number: Fixtures.organisationNumber(employers + index))
            try await Fixtures.passAllChecks(app, of: employer, on: "2026-11-18")
            let workplace = try await Fixtures.workplace(
                app, of: employer, address: "Gatan \(index)", district: placeDistricts[index % placeDistricts.count])
            let place = try await Fixtures.place(
                app, at: workplace, unit: unit, capacity: 1 + index % 2, start: "2027-02-01", end: "2027-05-31")
            place.occupationField = occupations[index % occupations.count].0
            place.languageRequirement = occupations[index % occupations.count].1
            place.remotePossible = index == 2
            try await place.save(on: app.db)
            setup.places.append(place)
        }
        return setup
    }

    static func run(_ app: Application, _ setup: Setup, mode: MatchingMode = .shortlist, k: Int = 3, b: Int = 3) async throws -> MatchingRun
    {
        let service = MatchingRunService(database: app.db, clock: app.clock)
        let run = try await service.request(
            intake: setup.intake, settings: .init(mode: mode, candidatesPerSeat: k, listsPerApplicant: b), by: nil, via: .commandLine)
        try await service.execute(runID: try run.requireID())
        guard let done = try await MatchingRun.find(run.id, on: app.db) else { throw Fixtures.FixtureError(message: "run not stored") }
        return done
    }

    struct StoredProposal: Decodable, Hashable {
        let place_id: UUID
        let application_id: UUID
        let score: Int
    }

    static func proposals(_ app: Application, of run: MatchingRun) async throws -> Set<StoredProposal> {
        Set(
            try await app.db.sql.raw(
                "SELECT place_id, application_id, score FROM matching_proposals WHERE run_id = \(bind: try run.requireID())"
            ).all(decoding: StoredProposal.self))
    }

    @Test("profiles from stored records are the library's profiles of the same data, and score the same")
    func mappingFromStoredRecords() async throws {
        try await withPraktikApp { app in
            let setup = try await Self.setup(app, applicants: 2, places: 2)
            let loaded = try await MatchingInputs(database: app.db).load(
                intake: setup.intake, country: "SE", on: try app.clock.today())
            let first = try #require(loaded.candidates.first { $0.applicationID == setup.applications[0].id })
            let second = try #require(loaded.candidates.first { $0.applicationID == setup.applications[1].id })
            let itPlace = try #require(loaded.places.first { $0.placeID == setup.places[0].id })
            let officePlace = try #require(loaded.places.first { $0.placeID == setup.places[1].id })

            // The same data written directly as the library's profiles.
            let region = MatchingProfiles.region
            let day = { (y: Int, m: Int, d: Int) in PlacementDay(year: y, month: m, day: d) }
            let expectedFirst = CandidateProfile(
                id: try setup.applications[0].requireID().uuidString, educationField: "computer_science",
                preferredAreas: ["administration", "computer_science"], languages: ["fa": .fluent, "en": .intermediate],
                location: Location(municipality: "Rinkeby-Kista", region: region), travelRange: .ownRegion,
                availableFrom: day(2027, 1, 1), availableUntil: day(2027, 12, 31))
            let expectedSecond = CandidateProfile(
                id: try setup.applications[1].requireID().uuidString, educationField: "economics",
                preferredAreas: ["administration"], languages: ["fa": .fluent, "en": .fluent],
                location: Location(municipality: "Södermalm", region: region), travelRange: .ownMunicipality,
                chosenMunicipalities: ["Norrmalm"], availableFrom: day(2027, 1, 1), availableUntil: day(2027, 12, 31))
            let expectedIT = PlaceProfile(
                id: try setup.places[0].requireID().uuidString, capacity: 1,
                acceptedFields: ["computer_science", "technology", "natural_sciences", "other"], area: "computer_science",
                location: Location(municipality: "Rinkeby-Kista", region: region),
                languageRequirements: [LanguageRequirement(language: "en", minimum: .intermediate, desired: .fluent)],
                start: day(2027, 2, 1), end: day(2027, 5, 31))
            let expectedOffice = PlaceProfile(
                id: try setup.places[1].requireID().uuidString, capacity: 2,
                acceptedFields: ["administration", "economics", "human_resources", "marketing", "law", "social_sciences", "other"],
                area: "administration", location: Location(municipality: "Norrmalm", region: region),
                languageRequirements: [
                    LanguageRequirement(language: "sv", minimum: .intermediate, desired: .fluent),
                    LanguageRequirement(language: "en", minimum: .basic, desired: .intermediate),
                ],
                start: day(2027, 2, 1), end: day(2027, 5, 31))

            #expect(MatchingProfiles.candidate(first) == expectedFirst)
            #expect(MatchingProfiles.candidate(second) == expectedSecond)
            #expect(MatchingProfiles.place(itPlace) == expectedIT)
            #expect(MatchingProfiles.place(officePlace) == expectedOffice)

            let scorer = FitScorer(weights: MatchingProfiles.weights)
            for (candidate, expectedCandidate) in [(first, expectedFirst), (second, expectedSecond)] {
                for (place, expectedPlace) in [(itPlace, expectedIT), (officePlace, expectedOffice)] {
                    let mapped = try #require(MatchingProfiles.place(place))
                    #expect(
                        MatchingProfiles.scorer.assess(MatchingProfiles.candidate(candidate), for: mapped)
                            == scorer.assess(expectedCandidate, for: expectedPlace))
                }
            }
            // Facts the filters act on: the IT place takes the first, not the economist (who also chose
            // other districts); the office place is in the second's chosen district, but nobody speaks
            // Swedish at B1.
            #expect(scorer.assess(expectedFirst, for: expectedIT).isFeasible)
            #expect(
                scorer.assess(expectedSecond, for: expectedIT).exclusions == [
                    .fieldNotAccepted(field: "economics"), .outsideTravelRange(.ownMunicipality),
                ])
            #expect(
                scorer.assess(expectedSecond, for: expectedOffice).exclusions == [
                    .languageBelowMinimum(language: "sv", minimum: .intermediate, actual: .none)
                ])
        }
    }

    @Test("candidates are the green or cleared, unplaced applicants; places the usable ones with free seats")
    func whoIsMatched() async throws {
        try await withPraktikApp { app in
            let setup = try await Self.setup(app, applicants: 4, places: 3)
            // One withdrawn, one red by hand: neither is a candidate.
            setup.applications[0].status = ApplicationStatus.withdrawn.rawValue
            try await setup.applications[0].save(on: app.db)
            setup.applications[1].colour = EligibilityColour.red.rawValue
            try await setup.applications[1].save(on: app.db)
            // A place that is full, one whose employer's checks lapsed: neither is matched.
            try await app.db.sql.raw("UPDATE places SET seats_taken = capacity WHERE id = \(bind: try setup.places[0].requireID())").run()
            try await app.db.sql.raw("DELETE FROM employer_checks WHERE employer_id = \(bind: setup.places[1].$employer.id)").run()

            let loaded = try await MatchingInputs(database: app.db).load(intake: setup.intake, country: "SE", on: try app.clock.today())
            let eligibility = IntakeEligibility(database: app.db)
            for application in setup.applications {
                let answer = try await eligibility.isGreenOrCleared(
                    participantID: application.$participant.id, intakeID: try setup.intake.requireID())
                #expect(loaded.candidates.contains { $0.applicationID == application.id } == answer)
            }
            #expect(loaded.candidates.count == 2)
            #expect(loaded.places.map(\.placeID) == [try setup.places[2].requireID()])
            // A Danish programme's run looks at Danish employers' places only.
            #expect(
                try await MatchingInputs(database: app.db).places(
                    country: "DK", on: try app.clock.today(),
                    within: .init(start: setup.intake.placementStart, end: setup.intake.placementEnd)
                ).isEmpty)
        }
    }

    @Test("a stored run holds exactly the library's proposals, with scores, explanations and figures")
    func storedRunMatchesTheLibrary() async throws {
        try await withPraktikApp { app in
            let setup = try await Self.setup(app, applicants: 8, places: 6)
            for mode in MatchingMode.allCases {
                let run = try await Self.run(app, setup, mode: mode, k: 2, b: 2)
                #expect(run.runStatus == .done)
                #expect(run.phase == MatchingRunPhase.finished.rawValue)

                let loaded = try await MatchingInputs(database: app.db).load(intake: setup.intake, country: "SE", on: try app.clock.today())
                let candidates = loaded.candidates.map(MatchingProfiles.candidate)
                let places = loaded.places.compactMap(MatchingProfiles.place)
                let instance = try FitScorer(weights: MatchingProfiles.weights).matchingInstance(candidates: candidates, places: places)
                let expected =
                    mode == .assign
                    ? AssignmentSolver().solve(instance).assignment
                    : ShortlistSolver(candidatesPerSeat: 2, listsPerApplicant: 2).solve(instance)
                let expectedRows = Set(
                    expected.placements.map {
                        StoredProposal(
                            place_id: loaded.places[$0.posting].placeID, application_id: loaded.candidates[$0.applicant].applicationID,
                            score: $0.score)
                    })
                #expect(!expectedRows.isEmpty)
                #expect(try await Self.proposals(app, of: run) == expectedRows)
                #expect(run.candidateCount == candidates.count)
                #expect(run.placeCount == places.count)
                #expect(run.pairCount == instance.pairCount)
                #expect(run.proposalCount == expected.filledSeats)
                #expect(run.totalScore == expected.totalScore)
                #expect(run.seatCount == instance.seatCount)
                if mode == .shortlist {
                    #expect(run.fillBound == ShortlistSolver(candidatesPerSeat: 2, listsPerApplicant: 2).reachableSlots(in: instance))
                }
                for timing in [run.loadMilliseconds, run.scoreMilliseconds, run.solveMilliseconds, run.storeMilliseconds] {
                    #expect(timing != nil)
                }
                #expect(run.mappingVersion == MatchingProfiles.mappingVersion)
                #expect(run.ruleSetID == setup.intake.$ruleSet.id)
                let weights = try JSONDecoder().decode(FitWeights.self, from: Data(run.weights.utf8))
                #expect(weights == MatchingProfiles.weights)

                // Each explanation is the library's assessment of the pair.
                struct Explained: Decodable {
                    let place_id: UUID
                    let application_id: UUID
                    let explanation: String
                }
                let explained = try await app.db.sql.raw(
                    "SELECT place_id, application_id, explanation FROM matching_proposals WHERE run_id = \(bind: try run.requireID())"
                ).all(decoding: Explained.self)
                for row in explained {
                    let candidate = try #require(candidates.first { $0.id == row.application_id.uuidString })
                    let place = try #require(places.first { $0.id == row.place_id.uuidString })
                    let components = try JSONDecoder().decode([FitComponent].self, from: Data(row.explanation.utf8))
                    #expect(components == MatchingProfiles.scorer.assess(candidate, for: place).components)
                }
            }
        }
    }

    @Test("a run without candidates or without places says so; a new run leaves a published one as it was")
    func emptyIntakesAndPublishedRuns() async throws {
        try await withPraktikApp { app in
            let noPlaces = try await Self.setup(app, applicants: 2, places: 0)
            let run = try await Self.run(app, noPlaces)
            #expect(run.runStatus == .done)
            #expect(run.outcomeKey == "selection.outcome.no-places")
            #expect(run.candidateCount == 2)
            #expect(run.proposalCount == 0)

            let setup = try await Self.setup(app, applicants: 0, places: 2, employers: 400)
            let empty = try await Self.run(app, setup)
            #expect(empty.outcomeKey == "selection.outcome.no-candidates")

            let full = try await Self.setup(app, applicants: 6, places: 3, employers: 500)
            let first = try await Self.run(app, full)
            first.publishedAt = app.clock.now()
            try await first.save(on: app.db)
            let before = try await Self.proposals(app, of: first)
            #expect(!before.isEmpty)
            let second = try await Self.run(app, full, mode: .assign)
            #expect(second.id != first.id)
            #expect(try await Self.proposals(app, of: first) == before)
            #expect(try await MatchingRun.find(first.id, on: app.db)?.publishedAt != nil)
        }
    }

    @Test("the page starts a run as a job, shows its progress while it runs, then its figures")
    func pageRunsAJob() async throws {
        try await withPraktikApp { app in
            let setup = try await Self.setup(app, applicants: 4, places: 3)
            let worker = try await Fixtures.user(app, role: .caseWorker, unit: setup.unit)
            let browser = Browser(app)
            _ = try await browser.signIn(worker.email)
            let path = SiteURL.intakeMatching(try setup.intake.requireID()).path

            let form = try await browser.get(path)
            #expect(form.status == .ok)
            #expect(form.body.string.contains("name=\"mode\""))
            #expect(form.headers.first(name: "Refresh") == nil)

            let refused = try await browser.post(path, form: ["mode": "shortlist", "k": "0", "b": "3"])
            #expect(refused.status == .badRequest)
            #expect(try await MatchingRun.query(on: app.db).count() == 0)

            _ = try await browser.get(path)
            let started = try await browser.post(path, form: ["mode": "shortlist", "k": "2", "b": "2"])
            #expect(started.status == .seeOther)
            // A second click while the first run waits adds nothing.
            _ = try await browser.get(path)
            _ = try await browser.post(path, form: ["mode": "assign", "k": "2", "b": "2"])
            #expect(try await MatchingRun.query(on: app.db).count() == 1)

            let waiting = try await browser.get(path)
            #expect(waiting.headers.first(name: "Refresh") == "2")
            #expect(waiting.body.string.contains("<progress"))

            _ = try await Fixtures.runJobs(app)
            let done = try await browser.get(path)
            #expect(done.headers.first(name: "Refresh") == nil)
            let run = try #require(try await MatchingRun.query(on: app.db).first())
            #expect(run.runStatus == .done)
            #expect(run.requestedBy == worker.id)
            #expect(run.candidatesPerSeat == 2)
            #expect(!(try await Self.proposals(app, of: run)).isEmpty)
            #expect(done.body.string.contains(String(run.proposalCount ?? -1)))
        }
    }

    @Test("another unit's case worker finds no such intake; analysts and employers are refused")
    func scope() async throws {
        try await withPraktikApp { app in
            let setup = try await Self.setup(app, applicants: 1, places: 1)
            let path = SiteURL.intakeMatching(try setup.intake.requireID()).path
            let other = try await Fixtures.unit(app, code: "JT-OTHER")
            let stranger = try await Fixtures.user(app, role: .caseWorker, unit: other)
            let browser = Browser(app)
            _ = try await browser.signIn(stranger.email)
            #expect(try await browser.get(path).status == .notFound)
            _ = try await browser.get("/account")
            #expect(try await browser.post(path, form: ["mode": "assign", "k": "3", "b": "3"]).status == .notFound)
            #expect(try await MatchingRun.query(on: app.db).count() == 0)
            for role in [Role.analyst, .employerContact] {
                let (refused, _) = try await Fixtures.signedIn(app, as: role)
                #expect(try await refused.get(path).status == .forbidden)
            }
            let (admin, _) = try await Fixtures.signedIn(app, as: .admin)
            #expect(try await admin.get(path).status == .ok)
        }
    }

    @Test("the command line runs the same service and reports each phase's time")
    func commandLine() async throws {
        try await withPraktikApp { app in
            let setup = try await Self.setup(app, applicants: 4, places: 3)
            let line = try await CommandLineMatching.run(
                intakeID: try setup.intake.requireID(), mode: "assign", candidatesPerSeat: 3, listsPerApplicant: 3, on: app)
            let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(json?["status"] as? String == "done")
            #expect(json?["mode"] as? String == "assign")
            for key in ["load_ms", "score_ms", "solve_ms", "store_ms", "proposals", "fill_bound"] { #expect(json?[key] is Int, "\(key)") }
            let run = try #require(try await MatchingRun.query(on: app.db).first())
            #expect(run.requestedVia == "command_line")
            await #expect(throws: CommandLineMatching.Refusal.self) {
                try await CommandLineMatching.run(intakeID: UUID(), mode: "assign", candidatesPerSeat: 3, listsPerApplicant: 3, on: app)
            }
        }
    }
}
