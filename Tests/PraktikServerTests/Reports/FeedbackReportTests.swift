import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor

@testable import PraktikServer

/// The `feedback` report (issue 14, seed 000) against a hand-computed fixture: the placements of
/// `PlacementReportsTests` imported through the history format, with end forms answered.
@Suite("Feedback report")
struct FeedbackReportTests {
    /// An answered end form of person `n`'s placement.
    static func answer(
        _ app: Application, person n: Int, respondent: FollowUpRespondent, _ answers: [(FollowUpMeaning, String, Int?)]
    ) async throws {
        let digits = HistoryFixture.person(n).filter(\.isNumber).suffix(10)
        let participant = try #require(
            try await Participant.query(on: app.db).all().first { ($0.personIdentifier ?? "").filter(\.isNumber).hasSuffix(digits) })
        let placement = try #require(try await Placement.query(on: app.db).filter(\.$participant.$id == participant.requireID()).first())
        let version = try #require(
            try await FollowUpService(database: app.db, clock: app.clock, translations: app.translations, publicURL: "http://praktik.test")
                .currentVersion(stage: FollowUpStage.end.rawValue, respondent: respondent.rawValue, on: app.db))
        let form = FollowUp()
        form.$placement.id = try placement.requireID()
        form.participantID = try participant.requireID()
        form.$templateVersion.id = try version.requireID()
        form.stage = FollowUpStage.end.rawValue
        form.respondent = respondent.rawValue
        form.dueOn = placement.plannedEnd
        form.language = "sv"
        form.remindersSent = 0
        form.answeredAt = app.clock.now()
        form.onBehalf = false
        form.createdAt = app.clock.now()
        try await form.create(on: app.db)
        for (meaning, value, number) in answers {
            let record = FollowUpAnswerRecord()
            record.$followUp.id = try form.requireID()
            record.participantID = try participant.requireID()
            record.questionKey = meaning.rawValue
            record.questionKind = number == nil ? "single_choice" : "scale"
            record.meaning = meaning.rawValue
            record.value = value
            record.number = number
            try await record.create(on: app.db)
        }
    }

    /// P1–P3 and P9 are women, P4–P6 men; P7 ended after the period, so its answers do not count.
    static func fixture(_ app: Application) async throws {
        try await HistoryFixture.importRows(PlacementReportsTests.rows, on: app)
        let interns: [(Int, Int, Bool)] = [
            (1, 5, true), (2, 4, true), (3, 2, false), (4, 3, true), (5, 5, true), (6, 4, false), (9, 5, true), (7, 1, false),
        ]
        for (n, rating, completed) in interns {
            try await answer(
                app, person: n, respondent: .participant,
                [(.overallRating, String(rating), rating), (.completed, completed ? "yes" : "no", completed ? 1 : 0)])
        }
        try await answer(app, person: 1, respondent: .supervisor, [(.employmentOffered, "fixed_term", nil)])
        try await answer(app, person: 4, respondent: .supervisor, [(.employmentOffered, "none", nil)])
    }

    func csv(_ app: Application, exact: Bool) async throws -> [String] {
        let table = try await PlacementReports(database: app.db, policy: app.settings.disclosure).table(
            .feedback, period: try PlacementReportsTests.year2025(), exact: exact)
        return PlacementReportsTests.lines(PlacementReports.csv(table))
    }

    @Test("exact figures equal the hand-computed ones; protected, no small count, share or mean of a hidden count is shown")
    func figures() async throws {
        try await withPraktikApp { app in
            try await Self.fixture(app)
            #expect(
                try await csv(app, exact: true) == [
                    "respondent,question,gender,answers,positive,share_percent,average",
                    "participant,overall_rating,women,4,3,75.0,4.0",
                    "participant,overall_rating,men,3,2,66.7,4.0",
                    "participant,overall_rating,all,7,5,71.4,4.0",
                    "participant,completed,women,4,3,75.0,",
                    "participant,completed,men,3,2,66.7,",
                    "participant,completed,all,7,5,71.4,",
                    "supervisor,employment_offered,women,1,1,100.0,",
                    "supervisor,employment_offered,men,1,0,0.0,",
                    "supervisor,employment_offered,all,2,1,50.0,",
                ])
            let protected = try await csv(app, exact: false)
            #expect(protected.count == 10)
            #expect(protected.contains("participant,overall_rating,women,<5,<5,,"))
            #expect(protected.contains("participant,overall_rating,all,7,5,71.4,4.0"))
            #expect(protected.contains("supervisor,employment_offered,all,<5,<5,,"))
            for line in protected.dropFirst() {
                let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                for count in [cells[3], cells[4]] {
                    if let value = Int(count) { #expect(value == 0 || value >= app.settings.disclosure.threshold, "\(line)") }
                }
                if !cells[5].isEmpty || !cells[6].isEmpty { #expect(Int(cells[3]) != nil, "\(line)") }
                if !cells[5].isEmpty { #expect(Int(cells[4]) != nil, "\(line)") }
            }
        }
    }

    @Test("the page shows the report with its chart and translated questions in every language")
    func pageInEveryLanguage() async throws {
        try await withPraktikApp { app in
            try await Self.fixture(app)
            let (analyst, _) = try await Fixtures.signedIn(app, as: .analyst)
            for language in AppLanguage.allCases {
                _ = try await analyst.get("/account")
                try await analyst.post("/language", form: ["language": language.tag, "returnTo": "/reports"])
                let page = try await analyst.get(SiteURL.report("feedback").path + "?from=2025-01-01&to=2025-12-31")
                #expect(page.status == .ok)
                let body = page.body.string
                #expect(body.contains("<svg role=\"img\""))
                for key in ["report.question.overall_rating", "report.respondent.supervisor", "report.column.average"] {
                    #expect(body.contains(app.translations.text(for: key, in: language)), "\(key) in \(language.tag)")
                }
            }
        }
    }
}
