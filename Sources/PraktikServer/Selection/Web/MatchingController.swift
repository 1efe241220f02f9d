import Fluent
import Foundation
import PraktikCore
import Vapor

/// `/intakes/{id}/matching`: start a matching run, watch its progress (the page refreshes itself
/// while the run is queued or running), and read what each run found. Case workers of the intake's
/// programme unit and admins (`IntakeScope`); any other intake is "not found".
enum MatchingController {
    struct Page: Encodable {
        struct Figure: Encodable {
            let labelKey: String
            let value: String
        }

        struct RunRow: Encodable {
            let requestedAt: Date
            let roundKey: String
            let modeKey: String
            let statusKey: String
            let status: String
            let viaKey: String
            let candidates: String
            let places: String
            let proposals: String
            let isPublished: Bool
            let reviewHref: String?
        }

        let intakeName: String
        let intakeHref: String
        let action: String
        let modes: [Choice]
        let k: Int
        let b: Int
        let kError: String?
        let bError: String?
        let isRunning: Bool
        let phaseKey: String
        let progressDone: Int
        let progressTotal: Int
        let latest: Latest?
        let secondRound: SecondRoundBox?
        let runs: [RunRow]
        let hasRuns: Bool
        let commandLine: String
    }

    /// The second round, once a first round is published: open, or the day it opens.
    struct SecondRoundBox: Encodable {
        let isOpen: Bool
        let opensOn: String
        let round: Int
    }

    struct Latest: Encodable {
        let requestedAt: Date
        let roundKey: String
        let modeKey: String
        let outcomeKey: String?
        let failed: Bool
        let figures: [Page.Figure]
        let timings: [Page.Figure]
        let versions: String
        let hasPublished: Bool
        let reviewHref: String?
    }

    struct Form: Content {
        var mode: String?
        var k: String?
        var b: String?
        /// `2` asks for a second round, with the settings of the first round it completes.
        var round: String?
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let intake = try await IntakesController.find(request)
        return try await render(request, intake, settings: .init(), errors: [:], status: .ok)
    }

    @Sendable static func start(_ request: Request) async throws -> Response {
        let intake = try await IntakesController.find(request)
        let form = try request.content.decode(Form.self)
        var settings = MatchingRunService.Settings(
            mode: MatchingMode(rawValue: form.mode ?? "") ?? .shortlist, candidatesPerSeat: Int(form.k ?? "") ?? 0,
            listsPerApplicant: Int(form.b ?? "") ?? 0)
        let round = form.round.flatMap(Int.init).flatMap(MatchingRound.init(rawValue:)) ?? .first
        if round == .second, let first = try await ListsInForce.firstRound(of: try intake.requireID(), on: request.db) {
            settings = .init(mode: first.runMode, candidatesPerSeat: first.candidatesPerSeat, listsPerApplicant: first.listsPerApplicant)
        }
        do {
            _ = try await service(request).request(
                intake: intake, settings: try settings.validated(), by: try request.requireUser().id, via: .web, round: round,
                answerDays: request.application.settings.misuseThresholds.answerDays)
        } catch let errors as FormErrors {
            return try await render(request, intake, settings: settings, errors: errors.fields, status: .badRequest)
        }
        return request.redirect(to: SiteURL.intakeMatching(try intake.requireID()).path)
    }

    private static func render(
        _ request: Request, _ intake: Intake, settings: MatchingRunService.Settings, errors: [String: String], status: HTTPResponseStatus
    ) async throws -> Response {
        let id = try intake.requireID()
        let service = service(request)
        let runs = try await service.runs(of: id)
        let unfinished = runs.first { !$0.runStatus.isFinished }
        var snapshot: OneOffJobSnapshot?
        if let jobID = unfinished?.jobID {
            snapshot = try await JobQueue(database: request.db, clock: request.application.clock).snapshot(of: jobID)
        }
        let formatting = LocalFormatting(language: request.language)
        func number(_ value: Int?) -> String { value.map { formatting.number(Double($0)) } ?? "–" }
        let latest = runs.first { $0.runStatus.isFinished }.map { run in
            Latest(
                requestedAt: run.requestedAt, roundKey: run.matchingRound.key, modeKey: "selection.mode.\(run.mode)",
                outcomeKey: run.outcomeKey,
                failed: run.runStatus == .failed,
                figures: [
                    .init(labelKey: "selection.figure.candidates", value: number(run.candidateCount)),
                    .init(labelKey: "selection.figure.places", value: number(run.placeCount)),
                    .init(labelKey: "selection.figure.seats", value: number(run.seatCount)),
                    .init(labelKey: "selection.figure.pairs", value: number(run.pairCount)),
                    .init(labelKey: "selection.figure.places-reachable", value: number(run.placesReachable)),
                    .init(labelKey: "selection.figure.proposals", value: number(run.proposalCount)),
                    .init(labelKey: "selection.figure.fill-bound.\(run.mode)", value: number(run.fillBound)),
                ],
                timings: [
                    .init(labelKey: "selection.phase.loading", value: number(run.loadMilliseconds)),
                    .init(labelKey: "selection.phase.scoring", value: number(run.scoreMilliseconds)),
                    .init(labelKey: "selection.phase.solving", value: number(run.solveMilliseconds)),
                    .init(labelKey: "selection.phase.storing", value: number(run.storeMilliseconds)),
                ],
                versions: "\(run.mappingVersion), \(run.weightsVersion)", hasPublished: runs.contains { $0.publishedAt != nil },
                reviewHref: run.runStatus == .done && (run.proposalCount ?? 0) > 0 ? run.id.map { SiteURL.matchingRun($0).path } : nil)
        }
        var secondRound: SecondRoundBox?
        if let first = try await ListsInForce.firstRound(of: id, on: request.db),
            let published = first.publishedAt.flatMap({ CivilDate($0) }),
            let opens = SecondRound.opensOn(
                firstRoundPublishedOn: published, answerDays: request.application.settings.misuseThresholds.answerDays)
        {
            secondRound = SecondRoundBox(
                isOpen: try request.application.clock.today() >= opens, opensOn: formatting.date(opens),
                round: MatchingRound.second.rawValue)
        }
        let page = Page(
            intakeName: intake.name, intakeHref: SiteURL.intake(id).path, action: SiteURL.intakeMatching(id).path,
            modes: Choice.all(MatchingMode.self, prefix: "selection.mode", selected: settings.mode.rawValue),
            k: settings.candidatesPerSeat, b: settings.listsPerApplicant, kError: errors["k"], bError: errors["b"],
            isRunning: unfinished != nil,
            phaseKey: "selection.phase.\(unfinished?.phase ?? MatchingRunPhase.loading.rawValue)",
            progressDone: snapshot?.progressDone ?? 0, progressTotal: snapshot?.progressTotal ?? MatchingRunPhase.allCases.count - 1,
            latest: latest, secondRound: secondRound,
            runs: runs.map { run in
                Page.RunRow(
                    requestedAt: run.requestedAt, roundKey: run.matchingRound.key, modeKey: "selection.mode.\(run.mode)",
                    statusKey: "selection.status.\(run.status)",
                    status: run.status, viaKey: "selection.via.\(run.requestedVia)", candidates: number(run.candidateCount),
                    places: number(run.placeCount), proposals: number(run.proposalCount), isPublished: run.publishedAt != nil,
                    reviewHref: run.runStatus == .done && (run.proposalCount ?? 0) > 0 ? run.id.map { SiteURL.matchingRun($0).path } : nil)
            }, hasRuns: !runs.isEmpty,
            commandLine: "praktik match --intake \(id.uuidString.lowercased()) --mode \(settings.mode.rawValue)")
        let response = try await request.render(
            "Selection/matching", page, layout: .init(request: request, titleKey: "selection.title"), status: status)
        if unfinished != nil { response.headers.replaceOrAdd(name: "Refresh", value: "2") }
        return response
    }

    private static func service(_ request: Request) -> MatchingRunService {
        MatchingRunService(database: request.db, clock: request.application.clock)
    }
}
