import ArgumentParser
import Foundation
import Matching
import PraktikServer

/// `praktik match`: runs the matching solvers on a portable instance so they can be compared with
/// the reference solvers in `shared/bench` (same files, same checker), or, with `--intake`, runs
/// an intake's matching on the database exactly as its matching page does.
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Run an intake's matching, or assign applicants to postings (or build shortlists) from portable CSV files.",
        discussion: """
            With --intake ID: matches the intake's eligible, unplaced applicants with the usable open \
            places in the database, stores the run (shown on the intake's matching page) and prints one \
            JSON line with its figures and the time of each phase (--mode assign or shortlist).

            Otherwise reads postings.csv (posting,capacity) and edges.csv (applicant,posting,score), \
            writes applicant,posting lines with a header to --out, and prints one JSON line with the \
            result and the solve time (parsing excluded).
            """)

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case assign, shortlist, stable
    }

    @Option(help: "The intake's id: run its matching on the database instead of on files.")
    var intake: String?

    @Option(help: "Postings file: posting,capacity.")
    var postings: String = ""

    @Option(help: "Edges file: applicant,posting,score (feasible pairs only).")
    var edges: String = ""

    @Option(
        help: """
            assign: most seats, then best total score; shortlist: k per seat, b per applicant; \
            stable: deferred acceptance.
            """)
    var mode: Mode = .assign

    @Option(name: .customLong("k"), help: "Shortlist candidates per seat.")
    var candidatesPerSeat = 3

    @Option(name: .customLong("b"), help: "Shortlists per applicant at most.")
    var listsPerApplicant = 3

    @Option(
        help: """
            With --intake: 1, or 2 for a second round, which fills the seats the published first round             left empty once the employers' time to answer has passed (PRAKTIK_MISUSE_ANSWER_DAYS).
            """)
    var round = 1

    @Option(help: "Keep only each applicant's N best pairs and each posting's N best per seat (assign mode).")
    var prune: Int?

    @Option(
        help: """
            With --prune, in rounds with as many seats as applicants: re-solve up to N times with the \
            dropped pairs that could still improve the result (none left proves the unpruned optimum).
            """)
    var refine = 0

    @Option(help: "Write the result here as applicant,posting lines.")
    var out: String?

    func validate() throws {
        if let intake {
            guard UUID(uuidString: intake) != nil else {
                throw ValidationError("--intake must be an intake id such as 3f2c…-…, not \(intake).")
            }
            guard postings.isEmpty, edges.isEmpty, prune == nil, out == nil, mode != .stable else {
                throw ValidationError("--intake runs on the database: --mode assign or shortlist, --k, --b and --round only.")
            }
            guard round == 1 || round == 2 else { throw ValidationError("--round must be 1 or 2.") }
            return
        }
        guard !postings.isEmpty, !edges.isEmpty else {
            throw ValidationError("Give --intake ID, or both --postings and --edges.")
        }
        guard round == 1 else { throw ValidationError("--round applies to --intake only.") }
        guard candidatesPerSeat >= 0, listsPerApplicant >= 0 else {
            throw ValidationError("--k and --b must not be negative.")
        }
        if let prune, prune < 1 { throw ValidationError("--prune must be at least 1.") }
        if prune != nil && mode != .assign { throw ValidationError("--prune applies to --mode assign only.") }
        if refine < 0 { throw ValidationError("--refine must not be negative.") }
        if refine > 0 && prune == nil { throw ValidationError("--refine applies with --prune only.") }
    }

    func run() async throws {
        if let intake, let id = UUID(uuidString: intake) { return try await runIntake(id) }
        let clock = ContinuousClock()
        let parseStart = clock.now
        let portable = try readInstance()
        let parseTime = clock.now - parseStart

        let solveStart = clock.now
        let instance: MatchingInstance
        do {
            instance = try portable.makeMatchingInstance()
        } catch {
            throw fail(error)
        }
        var report = MatchReport(mode: mode.rawValue, instance: instance, portable: portable)
        let result: Assignment
        switch mode {
        case .assign:
            let pruning = prune.map { CandidatePruning(keeping: $0, refinementRounds: refine) }
            let outcome = AssignmentSolver(pruning: pruning).solve(instance)
            result = outcome.assignment
            report.seconds = clock.now - solveStart
            if let pruning = outcome.pruning {
                report.fields["pairs_kept"] = String(pruning.pairsKept)
                report.fields["pairs_added_for_fill"] = String(pruning.pairsAddedForFill)
                report.fields["score_upper_bound"] = portable.scoreText(pruning.scoreUpperBound)
                report.fields["guaranteed_score_ratio"] = String(format: "%.5f", pruning.guaranteedScoreRatio)
                report.fields["refinement_rounds"] = String(pruning.refinementRounds)
                report.fields["proven_optimal"] = pruning.provenOptimal ? "true" : "false"
            }
            report.problems = AssignmentCheck.problems(in: result, for: instance)
        case .shortlist:
            let solver = ShortlistSolver(candidatesPerSeat: candidatesPerSeat, listsPerApplicant: listsPerApplicant)
            result = solver.solve(instance)
            report.seconds = clock.now - solveStart
            report.fields["k"] = String(candidatesPerSeat)
            report.fields["b"] = String(listsPerApplicant)
            report.fields["slots"] = String(solver.slots(in: instance).reduce(0, +))
            report.fields["reachable_slots"] = String(solver.reachableSlots(in: instance))
            report.fields["max_lists_per_applicant"] = String(result.maximumPlacementsPerApplicant)
            report.problems = AssignmentCheck.problems(
                in: result, for: instance, capacities: solver.slots(in: instance),
                listsPerApplicant: listsPerApplicant)
        case .stable:
            result = DeferredAcceptance.stableAssignment(for: instance)
            report.seconds = clock.now - solveStart
            report.fields["blocking_pairs"] = String(
                DeferredAcceptance.blockingPairs(in: result, for: instance).count)
            report.problems = AssignmentCheck.problems(in: result, for: instance)
        }
        report.fields["parse_seconds"] = String(format: "%.4f", parseTime.seconds)
        report.result = result

        if let out {
            do {
                try Data(PortableInstanceFormat.csv(for: result, in: portable).utf8).write(
                    to: URL(fileURLWithPath: out))
            } catch {
                throw fail("cannot write \(out): \(error.localizedDescription)")
            }
        }
        print(report.jsonLine)
        if let problem = report.problems.first {
            throw fail("the result failed its own feasibility check: \(problem)")
        }
    }

    private func runIntake(_ id: UUID) async throws {
        let settings = try Settings.fromEnvironment()
        PraktikApplication.bootstrapLogging(format: settings.logFormat, level: .warning)
        try await PraktikApplication.with(settings: settings) { app in
            try await app.migrateDatabase()
            do {
                print(
                    try await CommandLineMatching.run(
                        intakeID: id, mode: mode.rawValue, candidatesPerSeat: candidatesPerSeat, listsPerApplicant: listsPerApplicant,
                        round: round, on: app))
            } catch let refusal as CommandLineMatching.Refusal {
                throw fail(refusal.description)
            }
        }
    }

    private func readInstance() throws -> PortableInstance {
        let table: PortablePostings
        do {
            table = try PortablePostings([UInt8](try contents(of: postings)))
        } catch let error as MatchingInstanceError {
            throw fail(error)
        }
        guard let handle = FileHandle(forReadingAtPath: edges) else { throw fail("cannot read \(edges)") }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: edges)[.size] as? Int) ?? 0
        // Every pair line takes at least 6 bytes ("a,p,1\n"): reserving for that many costs only
        // address space, and spares the copies of repeated growth on a 37-million-pair file.
        var reader = PortableEdgesReader(postings: table, expectedPairs: size / 6)
        do {
            while true {
                let chunk = try handle.read(upToCount: 8 << 20) ?? Data()
                if chunk.isEmpty { break }
                try chunk.withUnsafeBytes { raw in try reader.read(raw.bindMemory(to: UInt8.self)) }
            }
            return try reader.finish()
        } catch let error as MatchingInstanceError {
            throw fail(error)
        } catch {
            throw fail("cannot read \(edges): \(error.localizedDescription)")
        }
    }

    private func contents(of path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot read \(path)") }
        return data
    }

    /// Reports a bad input on stderr, naming the file by its path, and exits with status 2.
    private func fail(_ error: any Error) -> ExitCode {
        guard let error = error as? MatchingInstanceError else { return fail("\(error)") }
        let path = error.file == .postings ? postings : edges
        let line = error.line.map { ", line \($0)" } ?? ""
        return fail("\(path)\(line): \(error.explanation)")
    }

    private func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("praktik match: \(message)\n".utf8))
        return ExitCode(2)
    }
}

/// The JSON line `praktik match` prints.
private struct MatchReport {
    let mode: String
    let instance: MatchingInstance
    let portable: PortableInstance
    var seconds: Duration = .zero
    var fields: [String: String] = [:]
    var problems: [AssignmentCheck.Problem] = []
    var result = Assignment(placements: [])

    init(mode: String, instance: MatchingInstance, portable: PortableInstance) {
        self.mode = mode
        self.instance = instance
        self.portable = portable
    }

    var jsonLine: String {
        var pairs: [(String, String)] = [
            ("mode", "\"\(mode)\""),
            ("applicants", String(instance.applicantCount)),
            ("postings", String(instance.postingCount)),
            ("seats", String(instance.seatCount)),
            ("pairs", String(instance.pairCount)),
            ("filled", String(result.filledSeats)),
            ("total_score", portable.scoreText(result.totalScore)),
            ("seconds", String(format: "%.4f", seconds.seconds)),
            ("feasible", problems.isEmpty ? "true" : "false"),
        ]
        pairs += fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
