import Fluent
import Foundation
import Matching
import PraktikCore
import SQLKit

/// Matching runs of an intake: asking for one (from the page or the command line) and carrying it
/// out (by the `matching_run` job, or directly by `praktik match --intake`). A run is stored with
/// everything that makes it reproducible and every pair it proposes; a new run is a new row, so it
/// never replaces a run that was published.
struct MatchingRunService: Sendable {
    let database: any Database
    let clock: AppClock

    enum Via: String, Sendable {
        case web
        case commandLine = "command_line"
    }

    struct Settings: Sendable, Equatable {
        var mode: MatchingMode = .shortlist
        var candidatesPerSeat = 3
        var listsPerApplicant = 3

        /// Settings outside `MatchingRunLimits` are refused with the field that is wrong.
        func validated() throws -> Settings {
            var errors = FormErrors()
            if !MatchingRunLimits.candidatesPerSeat.contains(candidatesPerSeat) { errors.add("k", "selection.settings.k-range") }
            if !MatchingRunLimits.listsPerApplicant.contains(listsPerApplicant) { errors.add("b", "selection.settings.b-range") }
            try errors.throwIfAny()
            return self
        }
    }

    /// Records a run of `intake` and, from the web, queues the job that carries it out. While a run
    /// of the intake is queued or running, that run is returned and nothing new is added. A second
    /// round completes the first round in force, and only once its employers' `answerDays` have
    /// passed (`SecondRound`); otherwise it is refused with the reason.
    func request(
        intake: Intake, settings: Settings, by userID: UUID?, via: Via, round: MatchingRound = .first, answerDays: Int = 0
    ) async throws -> MatchingRun {
        let intakeID = try intake.requireID()
        if let unfinished = try await unfinishedRun(of: intakeID) { return unfinished }
        var basedOn: UUID?
        if round == .second {
            let first = try await ListsInForce.firstRound(of: intakeID, on: database)
            let publishedOn = first?.publishedAt.flatMap { CivilDate($0) }
            if let refusal = SecondRound.refusal(firstRoundPublishedOn: publishedOn, answerDays: answerDays, today: try clock.today()) {
                throw AppError.conflict(messageKey: refusal.key)
            }
            basedOn = first?.id
        }
        let basedOnRunID = basedOn
        let weights = String(decoding: try JSONEncoder.sorted.encode(MatchingProfiles.weights), as: UTF8.self)
        do {
            return try await database.writingTransaction { db in
                let run = MatchingRun()
                run.$intake.id = intakeID
                run.status = MatchingRunStatus.queued.rawValue
                run.phase = MatchingRunPhase.loading.rawValue
                run.mode = settings.mode.rawValue
                run.candidatesPerSeat = settings.candidatesPerSeat
                run.listsPerApplicant = settings.listsPerApplicant
                run.requestedBy = userID
                run.requestedVia = via.rawValue
                run.round = round.rawValue
                run.basedOnRunID = basedOnRunID
                run.requestedAt = clock.now()
                run.mappingVersion = MatchingProfiles.mappingVersion
                run.ruleSetID = intake.$ruleSet.id
                run.weightsVersion = MatchingProfiles.weightsVersion
                run.weights = weights
                try await run.create(on: db)
                if via == .web {
                    run.jobID = try await JobQueue(database: db, clock: clock).enqueue(
                        MatchingRunJob(runID: try run.requireID()), key: "matching-run:\(try run.requireID())")
                    try await run.save(on: db)
                }
                return run
            }
        } catch  where error.isUniqueViolation {
            // Another request asked at the same moment: its run is the one.
            guard let unfinished = try await unfinishedRun(of: intakeID) else { throw error }
            return unfinished
        }
    }

    func unfinishedRun(of intakeID: UUID) async throws -> MatchingRun? {
        try await MatchingRun.query(on: database).filter(\.$intake.$id == intakeID)
            .filter(\.$status ~~ [MatchingRunStatus.queued.rawValue, MatchingRunStatus.running.rawValue]).first()
    }

    /// The intake's runs, newest first.
    func runs(of intakeID: UUID, limit: Int = 20) async throws -> [MatchingRun] {
        try await MatchingRun.query(on: database).filter(\.$intake.$id == intakeID).sort(\.$requestedAt, .descending).limit(limit).all()
    }

    func run(_ id: UUID?, of intakeID: UUID) async throws -> MatchingRun {
        guard let id, let run = try await MatchingRun.query(on: database).filter(\.$id == id).filter(\.$intake.$id == intakeID).first()
        else { throw AppError.notFound }
        return run
    }

    /// Carries out a run: load, score, solve, store, each phase timed. Safe to run again after a
    /// crash: what an earlier attempt stored of this run is removed first. `progress` is told the
    /// phase reached (of four).
    func execute(runID: UUID, progress: @Sendable (MatchingRunPhase) async throws -> Void = { _ in }) async throws {
        guard let run = try await MatchingRun.find(runID, on: database) else { throw JobFailure.permanent("run \(runID) not found") }
        guard !run.runStatus.isFinished else { return }
        guard let intake = try await Intake.query(on: database).filter(\.$id == run.$intake.id).with(\.$programme).first() else {
            throw JobFailure.permanent("intake of run \(runID) not found")
        }
        try await database.sql.delete(from: MatchingProposal.schema).where("run_id", .equal, SQLBind(runID)).run()
        run.status = MatchingRunStatus.running.rawValue
        run.startedAt = clock.now()
        try await mark(run, .loading, progress)

        let stopwatch = ContinuousClock()
        var started = stopwatch.now
        let country = (ProgrammeKind(rawValue: intake.programme.kind) ?? .internshipProgramme).placesCountry
        let inputs = try await MatchingInputs(database: database).load(
            intake: intake, country: country, on: try clock.today(), round: run.matchingRound)
        run.loadMilliseconds = milliseconds(since: started, stopwatch)
        run.candidateCount = inputs.candidates.count
        run.placeCount = inputs.places.count
        guard !inputs.candidates.isEmpty, !inputs.places.isEmpty else {
            run.outcomeKey = inputs.candidates.isEmpty ? "selection.outcome.no-candidates" : "selection.outcome.no-places"
            run.seatCount = inputs.places.reduce(0) { $0 + $1.freeSeats }
            for figure in [\MatchingRun.pairCount, \.proposalCount, \.totalScore, \.fillBound, \.placesReachable] {
                run[keyPath: figure] = 0
            }
            try await finish(run, progress)
            return
        }

        try await mark(run, .scoring, progress)
        started = stopwatch.now
        let candidates = inputs.candidates.map(MatchingProfiles.candidate)
        let placeRecords = inputs.places.compactMap { record in MatchingProfiles.place(record).map { (record, $0) } }
        let places = placeRecords.map(\.1)
        var excluded: Set<IndexPair> = []
        if !inputs.excludedPairs.isEmpty {
            let applicantIndex = Dictionary(uniqueKeysWithValues: inputs.candidates.enumerated().map { ($1.applicationID, $0) })
            let postingIndex = Dictionary(uniqueKeysWithValues: placeRecords.enumerated().map { ($1.0.placeID, $0) })
            for pair in inputs.excludedPairs {
                guard let applicant = applicantIndex[pair.applicationID], let posting = postingIndex[pair.placeID] else { continue }
                excluded.insert(IndexPair(applicant: applicant, posting: posting))
            }
        }
        let scoring = try Self.score(candidates: candidates, places: places, excluding: excluded)
        run.scoreMilliseconds = milliseconds(since: started, stopwatch)
        run.seatCount = places.reduce(0) { $0 + $1.capacity }
        run.pairCount = scoring.instance.pairCount
        run.placesReachable = scoring.reachablePlaces

        try await mark(run, .solving, progress)
        started = stopwatch.now
        let solved = Self.solve(scoring.instance, mode: run.runMode, k: run.candidatesPerSeat, b: run.listsPerApplicant)
        run.solveMilliseconds = milliseconds(since: started, stopwatch)
        run.proposalCount = solved.assignment.filledSeats
        run.totalScore = solved.assignment.totalScore
        run.fillBound = solved.fillBound

        try await mark(run, .storing, progress)
        started = stopwatch.now
        let scorer = MatchingProfiles.scorer
        let encoder = JSONEncoder.sorted
        struct Row: Sendable {
            let placeID: UUID
            let applicationID: UUID
            let participantID: UUID
            let score: Int
            let explanation: String
        }
        var rows: [Row] = []
        rows.reserveCapacity(solved.assignment.filledSeats)
        for placement in solved.assignment.placements {
            let record = inputs.candidates[placement.applicant]
            let assessment = scorer.assess(candidates[placement.applicant], for: places[placement.posting])
            rows.append(
                Row(
                    placeID: placeRecords[placement.posting].0.placeID, applicationID: record.applicationID,
                    participantID: record.participantID, score: placement.score,
                    explanation: String(decoding: try encoder.encode(assessment.components), as: UTF8.self)))
        }
        let stored = rows
        try await database.writingTransaction { db in
            let sql = try db.sql
            for chunk in stored.chunked(into: 500) {
                try await sql.insert(into: MatchingProposal.schema)
                    .columns("id", "run_id", "place_id", "application_id", "participant_id", "score", "explanation")
                    .rows(
                        chunk.map { row in
                            [
                                SQLBind(UUID()), SQLBind(runID), SQLBind(row.placeID), SQLBind(row.applicationID),
                                SQLBind(row.participantID), SQLBind(row.score), SQLBind(row.explanation),
                            ]
                        }
                    ).run()
            }
        }
        run.storeMilliseconds = milliseconds(since: started, stopwatch)
        try await finish(run, progress)
    }

    /// Every feasible pair scored by the library, and how many places have one: the library's
    /// `FitScorer.matchingInstance`, pair for pair and in the same order. A place that does not take
    /// a candidate's education field excludes the pair whatever else holds (the first hard filter),
    /// so each candidate is assessed only against the places of its field, found by an index built
    /// once; at 3,140 × 2,270 that skips most of the 7.1 million assessments.
    static func score(candidates: [CandidateProfile], places: [PlaceProfile], excluding excluded: Set<IndexPair> = []) throws -> (
        instance: MatchingInstance, reachablePlaces: Int
    ) {
        let scorer = MatchingProfiles.scorer
        var postingsByField: [String: [Int]] = [:]
        for (posting, place) in places.enumerated() {
            for field in place.acceptedFields { postingsByField[field, default: []].append(posting) }
        }
        var pairs: [ScoredPair] = []
        var reachable = [Bool](repeating: false, count: places.count)
        for (applicant, candidate) in candidates.enumerated() {
            for posting in postingsByField[candidate.educationField] ?? [] {
                if !excluded.isEmpty, excluded.contains(IndexPair(applicant: applicant, posting: posting)) { continue }
                let assessment = scorer.assess(candidate, for: places[posting])
                guard assessment.isFeasible else { continue }
                pairs.append(ScoredPair(applicant: applicant, posting: posting, score: assessment.score))
                reachable[posting] = true
            }
        }
        let instance = try MatchingInstance(
            applicantCount: candidates.count, postingCapacities: places.map(\.capacity), pairs: pairs)
        return (instance, reachable.filter { $0 }.count)
    }

    /// A candidate and a place by their positions in a run's inputs.
    struct IndexPair: Hashable, Sendable {
        let applicant: Int
        let posting: Int
    }

    static func solve(_ instance: MatchingInstance, mode: MatchingMode, k: Int, b: Int) -> (assignment: Assignment, fillBound: Int) {
        switch mode {
        case .assign:
            // The solver fills the most seats any assignment can: its count is the bound.
            let assignment = AssignmentSolver().solve(instance).assignment
            return (assignment, assignment.filledSeats)
        case .shortlist:
            let solver = ShortlistSolver(candidatesPerSeat: k, listsPerApplicant: b)
            return (solver.solve(instance), solver.reachableSlots(in: instance))
        }
    }

    /// Records that the run failed for good, with the reason, so its page says so.
    func fail(runID: UUID, reason: String) async throws {
        guard let run = try await MatchingRun.find(runID, on: database), !run.runStatus.isFinished else { return }
        run.status = MatchingRunStatus.failed.rawValue
        run.error = String(reason.prefix(1000))
        run.finishedAt = clock.now()
        try await run.save(on: database)
    }

    private func mark(_ run: MatchingRun, _ phase: MatchingRunPhase, _ progress: @Sendable (MatchingRunPhase) async throws -> Void)
        async throws
    {
        run.phase = phase.rawValue
        try await run.save(on: database)
        try await progress(phase)
    }

    private func finish(_ run: MatchingRun, _ progress: @Sendable (MatchingRunPhase) async throws -> Void) async throws {
        run.status = MatchingRunStatus.done.rawValue
        run.finishedAt = clock.now()
        try await mark(run, .finished, progress)
    }

    private func milliseconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Int {
        let elapsed = (clock.now - start).components
        return Int(elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000)
    }
}

extension JSONEncoder {
    /// Stable output for stored JSON: the same value is always the same text.
    fileprivate static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
