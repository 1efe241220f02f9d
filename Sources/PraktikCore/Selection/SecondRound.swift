/// Which round of an intake's selection a matching run belongs to (issue 12). The first round
/// matches the whole intake; a second round only fills what the first left empty.
public enum MatchingRound: Int, CaseIterable, Codable, Sendable, Hashable {
    case first = 1
    case second = 2

    public var key: String { "selection.round.\(rawValue)" }
}

/// The second round (issue 12, seed 004: over half of the places went unfilled while eligible
/// applicants waited). Once the employers have had their time to answer the first round's lists,
/// the seats still empty are matched again, by the same engine, with the eligible applicants who
/// are still without a place or an offer. It never takes back what the first round gave: a seat
/// promised to a waiting offer is not empty, a person with a waiting or accepted offer is not a
/// candidate, and a person the employer already had on a list for the place, or was offered it,
/// is not proposed for it again.
public enum SecondRound {
    public enum Refusal: String, Error, Sendable, Hashable {
        /// No first-round lists are published, so nothing has been left empty yet.
        case noPublishedFirstRound = "no-first-round"
        /// The employers still have time to answer the first round's lists.
        case tooEarly = "too-early"

        public var key: String { "selection.second-round.refused.\(rawValue)" }
    }

    /// The first day a second round may run: the day after the employers' `answerDays` from the
    /// first round's publication have passed (the same days the misuse signal gives them).
    public static func opensOn(firstRoundPublishedOn published: CivilDate, answerDays: Int) -> CivilDate? {
        published.adding(days: max(0, answerDays))
    }

    /// Why a second round cannot run today, or nil when it can.
    public static func refusal(firstRoundPublishedOn published: CivilDate?, answerDays: Int, today: CivilDate) -> Refusal? {
        guard let published else { return .noPublishedFirstRound }
        guard let opens = opensOn(firstRoundPublishedOn: published, answerDays: answerDays), today >= opens else { return .tooEarly }
        return nil
    }

    /// The seats of a place a second round may fill: neither taken nor promised to a waiting offer.
    public static func emptySeats(capacity: Int, taken: Int, waitingOffers: Int) -> Int {
        max(0, capacity - taken - waitingOffers)
    }
}
