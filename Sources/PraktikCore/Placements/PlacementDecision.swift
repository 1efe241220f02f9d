/// The prerequisites of a placement decision (beslut om praktik), checked together so that the case
/// worker sees every reason for a no at once. A pure function of facts the caller reads; the seat
/// itself is taken by the caller in the same transaction as the decision is written.
public enum PlacementDecision {
    /// On what ground the person may be placed.
    public enum Basis: Sendable, Hashable {
        /// An application to an intake whose eligibility screening is green, or orange and cleared by
        /// a case worker (`eligibleOrCleared`).
        case application(eligibleOrCleared: Bool)
        /// A case worker's own decision without an intake (Stockholm's districts), which must say why.
        case direct(justification: String)
    }

    public struct Facts: Sendable, Hashable {
        public var today: CivilDate
        public var basis: Basis
        public var participantStatus: ParticipantStatus
        public var participantErased: Bool
        public var start: CivilDate
        public var end: CivilDate
        /// The longest period the programme allows for the person's benefit group, in days.
        public var maximumDays: Int?
        /// The place as the register has it; the rule is asked for the first and the last day.
        public var place: PlaceUsability.Facts
        /// The purposes the programme needs consent to, that are not active for the person.
        public var missingConsents: [String]
        /// The person's planned or running placements whose period overlaps this one.
        public var overlappingPlacements: Int

        public init(
            today: CivilDate, basis: Basis, participantStatus: ParticipantStatus, participantErased: Bool, start: CivilDate,
            end: CivilDate, maximumDays: Int? = nil, place: PlaceUsability.Facts, missingConsents: [String], overlappingPlacements: Int
        ) {
            self.today = today
            self.basis = basis
            self.participantStatus = participantStatus
            self.participantErased = participantErased
            self.start = start
            self.end = end
            self.maximumDays = maximumDays
            self.place = place
            self.missingConsents = missingConsents
            self.overlappingPlacements = overlappingPlacements
        }
    }

    /// One reason for a no. `detail` names the usability reason, check or consent concerned.
    public struct Refusal: Sendable, Hashable, Error {
        public enum Code: String, Sendable, Hashable, CaseIterable {
            case participantNotActive = "placement.refusal.participant-not-active"
            case notEligible = "placement.refusal.not-eligible"
            case justificationMissing = "placement.refusal.justification-missing"
            case periodInvalid = "placement.refusal.period-invalid"
            case periodOver = "placement.refusal.period-over"
            case periodTooLong = "placement.refusal.period-too-long"
            case outsidePlacePeriod = "placement.refusal.outside-place-period"
            /// The place may not be used on the first or last day (`detail`: the usability reason).
            case placeNotUsable = "placement.refusal.place-not-usable"
            case consentMissing = "placement.refusal.consent-missing"
            case overlapping = "placement.refusal.overlapping"
            /// Every seat was taken by the time the decision was written (a concurrent decision won).
            case noSeat = "placement.refusal.no-seat"
        }

        public let code: Code
        public let detail: String?
        /// For `placeNotUsable`: the employer check concerned, when there is one.
        public let checkKey: String?

        public init(_ code: Code, detail: String? = nil, checkKey: String? = nil) {
            self.code = code
            self.detail = detail
            self.checkKey = checkKey
        }
    }

    /// The longest justification kept; a decision's grounds fit in a few paragraphs.
    public static let maximumJustificationLength = 2_000

    /// Every reason that applies, in a stable order: the person, the period, the place, consent, overlap.
    public static func refusals(_ facts: Facts) -> [Refusal] {
        var refusals: [Refusal] = []
        if facts.participantErased || facts.participantStatus != .active { refusals.append(Refusal(.participantNotActive)) }
        switch facts.basis {
        case .application(let eligible):
            if !eligible { refusals.append(Refusal(.notEligible)) }
        case .direct(let justification):
            if justification.trimmingSurroundingWhitespace().isEmpty { refusals.append(Refusal(.justificationMissing)) }
        }
        if facts.end < facts.start {
            refusals.append(Refusal(.periodInvalid))
        } else {
            if facts.end < facts.today { refusals.append(Refusal(.periodOver)) }
            if let maximumDays = facts.maximumDays, facts.start.daysThrough(facts.end) > maximumDays {
                refusals.append(Refusal(.periodTooLong))
            }
        }
        if facts.start < facts.place.periodStart || facts.end > facts.place.periodEnd {
            refusals.append(Refusal(.outsidePlacePeriod))
        }
        // The employer's checks must hold on every day of the period: a check that lapses before the
        // end is refused now, not discovered halfway through. Checks run from a date to an expiry, so
        // the first and the last day decide.
        var seen: Set<PlaceUsability.Reason> = []
        let firstDay = max(facts.start, facts.today)
        let renewable = Set(renewals(facts).map(\.checkKey))
        for day in [firstDay, max(facts.end, firstDay)] {
            for reason in PlaceUsability.answer(facts.place, on: day).reasons where !seen.contains(reason) {
                // The place's own period is judged above against the whole placement period.
                if reason.code == .periodOver { continue }
                // A check whose validity is shorter than the placement is renewed during it.
                if day != firstDay, reason.code == .checkExpired, let key = reason.checkKey, renewable.contains(key) { continue }
                seen.insert(reason)
                refusals.append(Refusal(.placeNotUsable, detail: reason.code.rawValue, checkKey: reason.checkKey))
            }
        }
        for purpose in facts.missingConsents { refusals.append(Refusal(.consentMissing, detail: purpose)) }
        if facts.overlappingPlacements > 0 { refusals.append(Refusal(.overlapping)) }
        return refusals
    }

    /// A check that must be renewed during the placement, and by when.
    public struct Renewal: Sendable, Hashable {
        public let checkKey: String
        public let by: CivilDate

        public init(checkKey: String, by: CivilDate) {
            self.checkKey = checkKey
            self.by = by
        }
    }

    /// Checks that hold on the first day but run out before the last, and could not do otherwise:
    /// their validity (recorded to expiry) is shorter than the time from today to the end, so even
    /// a check recorded today would lapse (a 90-day labour-dispute check against a 4-month
    /// placement). They are renewed during the placement. Any other check must hold through the
    /// last day, or the decision is refused until it is renewed.
    public static func renewals(_ facts: Facts) -> [Renewal] {
        let firstDay = max(facts.start, facts.today)
        return facts.place.requiredChecks.compactMap { check in
            guard check.state(on: firstDay) == .passed, let expires = check.expiresOn, let recorded = check.recordedOn,
                expires < facts.end, expires.dayNumber - recorded.dayNumber < facts.end.dayNumber - facts.today.dayNumber
            else { return nil }
            return Renewal(checkKey: check.checkKey, by: expires)
        }
    }

    /// Whether two inclusive periods share a day.
    public static func overlaps(_ a: (start: CivilDate, end: CivilDate), _ b: (start: CivilDate, end: CivilDate)) -> Bool {
        a.start <= b.end && b.start <= a.end
    }
}
