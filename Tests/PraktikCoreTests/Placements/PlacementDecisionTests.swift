import PraktikCore
import Testing

@Suite("Placement decision prerequisites")
struct PlacementDecisionTests {
    func check(_ key: String, result: EmployerCheckResult = .passed, on: String = "2026-01-10", expires: String? = "2026-12-31") throws
        -> EmployerCheckStanding
    {
        EmployerCheckStanding(
            checkKey: key, result: result, recordedOn: try civilDate(on), expiresOn: try expires.map { try civilDate($0) })
    }

    /// Facts that pass every rule; each test breaks exactly one.
    func facts() throws -> PlacementDecision.Facts {
        PlacementDecision.Facts(
            today: try civilDate("2026-05-14"), basis: .direct(justification: "Stadsdelens beslut om arbetsträning"),
            participantStatus: .active, participantErased: false, start: try civilDate("2026-06-01"), end: try civilDate("2026-09-30"),
            maximumDays: 183,
            place: PlaceUsability.Facts(
                status: .open, periodStart: try civilDate("2026-05-01"), periodEnd: try civilDate("2026-12-31"), capacity: 2,
                seatsTaken: 1, employerIsActive: true, requiredChecks: [try check("f_tax"), try check("union")]),
            missingConsents: [], overlappingPlacements: 0)
    }

    func codes(_ facts: PlacementDecision.Facts) -> [PlacementDecision.Refusal.Code] {
        PlacementDecision.refusals(facts).map(\.code)
    }

    @Test("all prerequisites met: no refusal")
    func allowed() throws {
        #expect(PlacementDecision.refusals(try facts()).isEmpty)
        var fromApplication = try facts()
        fromApplication.basis = .application(eligibleOrCleared: true)
        #expect(PlacementDecision.refusals(fromApplication).isEmpty)
    }

    @Test("eligibility neither green nor cleared")
    func notEligible() throws {
        var facts = try facts()
        facts.basis = .application(eligibleOrCleared: false)
        #expect(codes(facts) == [.notEligible])
    }

    @Test("a direct placement without a justification")
    func justification() throws {
        var facts = try facts()
        facts.basis = .direct(justification: " \n ")
        #expect(codes(facts) == [.justificationMissing])
    }

    @Test("an exited or erased participant")
    func participant() throws {
        var facts = try facts()
        facts.participantStatus = .exited
        #expect(codes(facts) == [.participantNotActive])
        facts.participantStatus = .active
        facts.participantErased = true
        #expect(codes(facts) == [.participantNotActive])
    }

    @Test("an employer check that expires before the placement ends")
    func checkExpiresDuringPeriod() throws {
        var facts = try facts()
        facts.place.requiredChecks = [try check("f_tax", expires: "2026-08-31"), try check("union")]
        let refusals = PlacementDecision.refusals(facts)
        #expect(refusals == [.init(.placeNotUsable, detail: PlaceUsability.Reason.Code.checkExpired.rawValue, checkKey: "f_tax")])
        // Valid on the last day: allowed.
        facts.place.requiredChecks = [try check("f_tax", expires: "2026-09-30"), try check("union")]
        #expect(PlacementDecision.refusals(facts).isEmpty)
    }

    @Test("a failed or missing check, a place not open, an inactive employer")
    func placeNotUsable() throws {
        var facts = try facts()
        facts.place.requiredChecks = [try check("union", result: .failed)]
        #expect(codes(facts) == [.placeNotUsable])
        facts = try self.facts()
        facts.place.status = .proposed
        #expect(PlacementDecision.refusals(facts).map(\.detail) == [PlaceUsability.Reason.Code.awaitingApproval.rawValue])
        facts = try self.facts()
        facts.place.employerIsActive = false
        #expect(PlacementDecision.refusals(facts).map(\.detail) == [PlaceUsability.Reason.Code.employerInactive.rawValue])
    }

    @Test("no free seat")
    func noSeat() throws {
        var facts = try facts()
        facts.place.seatsTaken = 2
        #expect(PlacementDecision.refusals(facts).map(\.detail) == [PlaceUsability.Reason.Code.noFreeSeat.rawValue])
    }

    @Test("a consent the programme needs is not active")
    func consent() throws {
        var facts = try facts()
        facts.missingConsents = ["programme_partners"]
        #expect(PlacementDecision.refusals(facts) == [.init(.consentMissing, detail: "programme_partners")])
    }

    @Test("an overlapping placement")
    func overlap() throws {
        var facts = try facts()
        facts.overlappingPlacements = 1
        #expect(codes(facts) == [.overlapping])
        let a = (start: try civilDate("2026-06-01"), end: try civilDate("2026-06-30"))
        #expect(PlacementDecision.overlaps(a, (try civilDate("2026-06-30"), try civilDate("2026-07-31"))))
        #expect(!PlacementDecision.overlaps(a, (try civilDate("2026-07-01"), try civilDate("2026-07-31"))))
    }

    @Test("the period: reversed, over, too long, outside the place's period")
    func period() throws {
        var facts = try facts()
        facts.end = try civilDate("2026-05-31")
        #expect(codes(facts) == [.periodInvalid])
        facts = try self.facts()
        facts.start = try civilDate("2026-05-01")
        facts.end = try civilDate("2026-05-10")
        #expect(codes(facts) == [.periodOver])
        facts = try self.facts()
        facts.end = try civilDate("2026-12-31")
        #expect(codes(facts) == [.periodTooLong])
        facts = try self.facts()
        facts.maximumDays = nil
        facts.place.requiredChecks = []
        facts.end = try civilDate("2027-01-31")
        #expect(codes(facts) == [.outsidePlacePeriod])
    }

    @Test("every reason at once, in a stable order")
    func everything() throws {
        var facts = try facts()
        facts.basis = .direct(justification: "")
        facts.missingConsents = ["programme_partners"]
        facts.overlappingPlacements = 2
        facts.place.status = .closed
        #expect(codes(facts) == [.justificationMissing, .placeNotUsable, .consentMissing, .overlapping])
    }

    @Test("default lengths: 4 months from 1 June end 30 September; 13 weeks from a Monday end on a Sunday")
    func lengths() throws {
        #expect(PlacementLength(value: 4, unit: .months).end(startingOn: try civilDate("2026-06-01")) == (try civilDate("2026-09-30")))
        #expect(PlacementLength(value: 13, unit: .weeks).end(startingOn: try civilDate("2026-06-01")) == (try civilDate("2026-08-30")))
        #expect(PlacementLength(value: 1, unit: .months).end(startingOn: try civilDate("2026-01-31")) == (try civilDate("2026-02-27")))
        #expect((try civilDate("2024-01-31")).adding(months: 1) == (try civilDate("2024-02-29")))
        #expect((try civilDate("2026-11-15")).adding(months: 3) == (try civilDate("2027-02-15")))
        #expect((try civilDate("2026-02-15")).adding(months: -3) == (try civilDate("2025-11-15")))
        #expect(!PlacementLength(value: 0, unit: .weeks).isReasonable)
    }
}

@Suite("Placement decision: checks shorter than the placement")
struct PlacementDecisionRenewalTests {
    @Test("a 90-day check recorded today cannot cover four months: allowed, with its renewal date")
    func shortCheck() throws {
        let today = try civilDate("2026-05-14")
        let check = EmployerCheckStanding(
            checkKey: "no_labour_dispute", result: .passed, recordedOn: today, expiresOn: today.adding(days: 90))
        let facts = PlacementDecision.Facts(
            today: today, basis: .direct(justification: "x"), participantStatus: .active, participantErased: false,
            start: try civilDate("2026-06-01"), end: try civilDate("2026-09-30"),
            place: PlaceUsability.Facts(
                status: .open, periodStart: try civilDate("2026-05-01"), periodEnd: try civilDate("2026-12-31"), capacity: 1, seatsTaken: 0,
                employerIsActive: true, requiredChecks: [check]),
            missingConsents: [], overlappingPlacements: 0)
        #expect(PlacementDecision.refusals(facts).isEmpty)
        #expect(PlacementDecision.renewals(facts) == [.init(checkKey: "no_labour_dispute", by: try civilDate("2026-08-12"))])
        // Recorded long ago, the same check could be renewed now and last: refused until it is.
        var stale = facts
        stale.place.requiredChecks = [
            EmployerCheckStanding(
                checkKey: "no_labour_dispute", result: .passed, recordedOn: try civilDate("2025-10-01"),
                expiresOn: try civilDate("2026-07-01"))
        ]
        #expect(PlacementDecision.refusals(stale).map(\.code) == [.placeNotUsable])
    }
}
