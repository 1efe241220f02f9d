import Fluent
import Foundation
import PraktikCore
import SQLKit

extension PlacementReports {
    // MARK: feedback (seed 000)

    /// `respondent,question,gender,answers,positive,share_percent,average`: the end forms of
    /// placements ended in the period, answered by the intern or the supervisor, per question
    /// (by its meaning) and the intern's gender. `positive` and `average` as `FeedbackReading`
    /// reads them; answers and positive answers are each a protected block, and a share or mean
    /// is shown only where its counts are.
    func feedback(_ period: Period, exact: Bool) async throws -> Table {
        struct Count: Decodable {
            let respondent: String
            let meaning: String
            let value: String
            let number: Int?
            let gender: String
            let n: Int
        }
        // On SQLite `report_placements.placement_id` is TEXT and `follow_ups.placement_id` a UUID
        // column (numeric affinity): compared as they are, SQLite cannot use the key and read every
        // placement for every answer (the demo's feedback page took minutes once M0605 removed the
        // index it happened to read through). As text, each answer finds its placement by the key.
        let placementKey = try sql.dialect.name == "sqlite" ? "CAST(f.placement_id AS TEXT)" : "f.placement_id"
        let counts = try await sql.raw(
            """
            SELECT f.respondent AS respondent, a.meaning AS meaning, a.value AS value, a.number AS number, pl.gender AS gender,
              COUNT(*) AS n
            FROM follow_up_answers a
            JOIN follow_ups f ON f.id = a.follow_up_id
            JOIN report_placements pl ON pl.placement_id = \(unsafeRaw: placementKey)
            WHERE f.stage = \(bind: FollowUpStage.end.rawValue) AND f.answered_at IS NOT NULL
              AND f.respondent IN (\(binds: FeedbackReading.respondents.map(\.rawValue)))
              AND a.meaning IN (\(binds: FeedbackReading.questions.map(\.rawValue)))
              AND \(ended(period))
            GROUP BY f.respondent, a.meaning, a.value, a.number, pl.gender
            """
        ).all(decoding: Count.self)
        struct Key: Hashable {
            let respondent: FollowUpRespondent
            let question: FollowUpMeaning
        }
        var answers: [Key: GenderCount] = [:]
        var positive: [Key: GenderCount] = [:]
        var sums: [Key: [ReportGender: Int]] = [:]
        for count in counts {
            guard let respondent = FollowUpRespondent(rawValue: count.respondent), let question = FollowUpMeaning(rawValue: count.meaning)
            else { continue }
            let key = Key(respondent: respondent, question: question)
            let gender = Gender(rawValue: count.gender) ?? .notStated
            answers[key, default: GenderCount()].add(gender, count.n)
            positive[key, default: GenderCount()]
                .add(gender, FeedbackReading.isPositive(question, value: count.value, number: count.number) ? count.n : 0)
            if FeedbackReading.hasMean(question), let number = count.number {
                var sum = sums[key] ?? [:]
                sum[.all, default: 0] += number * count.n
                if gender == .woman { sum[.women, default: 0] += number * count.n }
                if gender == .man { sum[.men, default: 0] += number * count.n }
                sums[key] = sum
            }
        }
        var rows: [[String]] = []
        var bars: [Bar] = []
        for respondent in FeedbackReading.respondents {
            for question in FeedbackReading.questions {
                let key = Key(respondent: respondent, question: question)
                guard let answered = answers[key] else { continue }
                let base = GenderSplitBlock(rows: [answered]).disclose(policy, exact: exact).totals
                let good = GenderSplitBlock(rows: [positive[key] ?? GenderCount()]).disclose(policy, exact: exact).totals
                for gender in ReportGender.allCases {
                    let mean = FeedbackReading.hasMean(question) ? ReportMean.mean(sum: sums[key]?[gender] ?? 0, of: base[gender]) : nil
                    rows.append([
                        respondent.rawValue, question.rawValue, gender.rawValue, hiddenText(base[gender]), hiddenText(good[gender]),
                        ReportShare.percent(good[gender], of: base[gender]) ?? "", mean ?? "",
                    ])
                }
                bars.append(
                    Bar(
                        labels: [respondent.rawValue, question.rawValue], women: ReportShare.percent(good.women, of: base.women) ?? "",
                        men: ReportShare.percent(good.men, of: base.men) ?? ""))
            }
        }
        return Table(
            name: .feedback, header: ["respondent", "question", "gender", "answers", "positive", "share_percent", "average"], rows: rows,
            bars: bars, barColumn: "share_percent")
    }
}
