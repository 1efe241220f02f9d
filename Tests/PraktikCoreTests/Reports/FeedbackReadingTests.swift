import Testing

@testable import PraktikCore

@Suite("Feedback reading")
struct FeedbackReadingTests {
    @Test("positive: completed yes, any job offered, a rating of 4 or 5")
    func positive() {
        #expect(FeedbackReading.isPositive(.completed, value: "yes", number: 1))
        #expect(!FeedbackReading.isPositive(.completed, value: "no", number: 0))
        #expect(FeedbackReading.isPositive(.employmentOffered, value: "fixed_term", number: nil))
        #expect(!FeedbackReading.isPositive(.employmentOffered, value: "none", number: nil))
        #expect(!FeedbackReading.isPositive(.overallRating, value: "3", number: 3))
        #expect(FeedbackReading.isPositive(.overallRating, value: "4", number: 4))
        #expect(FeedbackReading.isPositive(.learnedAgainstPurpose, value: "5", number: 5))
        #expect(FeedbackReading.hasMean(.overallRating) && !FeedbackReading.hasMean(.completed))
    }

    @Test("a mean has one decimal, rounded half up, and is hidden with its count")
    func mean() {
        #expect(ReportMean.mean(sum: 23, of: .shown(6)) == "3.8")  // 3.833…
        #expect(ReportMean.mean(sum: 25, of: .shown(6)) == "4.2")  // 4.166…
        #expect(ReportMean.mean(sum: 9, of: .shown(2)) == "4.5")
        #expect(ReportMean.mean(sum: 7, of: .shown(4)) == "1.8")  // 1.75 rounds up
        #expect(ReportMean.mean(sum: 12, of: .small) == nil)
        #expect(ReportMean.mean(sum: 12, of: .withheld) == nil)
        #expect(ReportMean.mean(sum: 0, of: .shown(0)) == nil)
    }
}
