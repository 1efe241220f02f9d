import Testing

@testable import PraktikCore

@Suite("Second round")
struct SecondRoundTests {
    static func day(_ text: String) throws -> CivilDate { try #require(CivilDate(iso8601: text)) }

    @Test("opens the day the employers' answer days have passed, not before; never without a published first round")
    func opening() throws {
        let published = try Self.day("2026-12-28")
        #expect(SecondRound.opensOn(firstRoundPublishedOn: published, answerDays: 14) == (try Self.day("2027-01-11")))
        #expect(
            SecondRound.refusal(firstRoundPublishedOn: published, answerDays: 14, today: try Self.day("2027-01-10")) == .tooEarly)
        #expect(SecondRound.refusal(firstRoundPublishedOn: published, answerDays: 14, today: try Self.day("2027-01-11")) == nil)
        #expect(SecondRound.refusal(firstRoundPublishedOn: published, answerDays: 14, today: try Self.day("2027-03-01")) == nil)
        #expect(SecondRound.refusal(firstRoundPublishedOn: published, answerDays: 0, today: published) == nil)
        #expect(
            SecondRound.refusal(firstRoundPublishedOn: nil, answerDays: 14, today: try Self.day("2027-03-01")) == .noPublishedFirstRound)
    }

    @Test("empty seats are those neither taken nor promised to a waiting offer, never fewer than none")
    func emptySeats() {
        #expect(SecondRound.emptySeats(capacity: 3, taken: 1, waitingOffers: 1) == 1)
        #expect(SecondRound.emptySeats(capacity: 2, taken: 1, waitingOffers: 1) == 0)
        #expect(SecondRound.emptySeats(capacity: 1, taken: 1, waitingOffers: 1) == 0)
        #expect(SecondRound.emptySeats(capacity: 4, taken: 0, waitingOffers: 0) == 4)
    }

    @Test("the round's text keys")
    func keys() {
        #expect(MatchingRound.first.key == "selection.round.1")
        #expect(MatchingRound.second.key == "selection.round.2")
        #expect(SecondRound.Refusal.tooEarly.key == "selection.second-round.refused.too-early")
    }
}
