import PraktikCore
import Testing

@Suite("PlaceUsability")
struct PlaceUsabilityTests {
    func facts(
        status: PlaceStatus = .open, start: String = "2026-05-01", end: String = "2026-08-31", capacity: Int = 2, taken: Int = 0,
        active: Bool = true, checks: [EmployerCheckStanding]? = nil
    ) throws -> PlaceUsability.Facts {
        PlaceUsability.Facts(
            status: status, periodStart: try civilDate(start), periodEnd: try civilDate(end), capacity: capacity, seatsTaken: taken,
            employerIsActive: active,
            requiredChecks: try checks ?? [
                EmployerCheckStanding(
                    checkKey: "f_tax", result: .passed, recordedOn: civilDate("2026-01-10"), expiresOn: civilDate("2026-12-31"))
            ])
    }

    @Test("an open place with a free seat and passed checks may be used")
    func allowed() throws {
        let answer = PlaceUsability.answer(try facts(), on: try referenceDay())
        #expect(answer == .allowed)
        #expect(answer.isAllowed)
        #expect(answer.reasons.isEmpty)
    }

    @Test("a place whose period has not begun may be used (placements are decided ahead)")
    func futurePeriod() throws {
        #expect(PlaceUsability.answer(try facts(start: "2026-09-01", end: "2026-12-31"), on: try referenceDay()).isAllowed)
    }

    @Test("the last day of the period still counts; the day after does not")
    func periodBoundary() throws {
        #expect(PlaceUsability.answer(try facts(end: "2026-05-14"), on: try referenceDay()).isAllowed)
        #expect(PlaceUsability.answer(try facts(end: "2026-05-13"), on: try referenceDay()).reasons == [.init(.periodOver)])
    }

    @Test(
        "each status but open is a reason",
        arguments: [
            (PlaceStatus.draft, PlaceUsability.Reason.Code.notOpen), (.proposed, .awaitingApproval), (.filled, .notOpen),
            (.closed, .notOpen),
        ])
    func status(status: PlaceStatus, code: PlaceUsability.Reason.Code) throws {
        #expect(PlaceUsability.answer(try facts(status: status), on: try referenceDay()).reasons == [.init(code)])
    }

    @Test("a full open place has no free seat")
    func full() throws {
        #expect(PlaceUsability.answer(try facts(capacity: 2, taken: 2), on: try referenceDay()).reasons == [.init(.noFreeSeat)])
        #expect(PlaceUsability.answer(try facts(capacity: 2, taken: 1), on: try referenceDay()).isAllowed)
    }

    @Test("checks: missing, failed and expired are each a reason naming the check")
    func checks() throws {
        let day = try referenceDay()
        let standings = [
            EmployerCheckStanding.missing("union"),
            EmployerCheckStanding(checkKey: "f_tax", result: .failed, recordedOn: try civilDate("2026-05-01"), expiresOn: nil),
            EmployerCheckStanding(
                checkKey: "dispute", result: .passed, recordedOn: try civilDate("2025-01-01"), expiresOn: try civilDate("2026-05-13")),
            EmployerCheckStanding(checkKey: "ok", result: .passed, recordedOn: try civilDate("2026-05-01"), expiresOn: day),
        ]
        let reasons = PlaceUsability.answer(try facts(checks: standings), on: day).reasons
        #expect(
            reasons == [
                .init(.checkMissing, checkKey: "union"), .init(.checkFailed, checkKey: "f_tax"), .init(.checkExpired, checkKey: "dispute"),
            ])
    }

    @Test("an expired failure reads as expired, and a check without expiry never runs out")
    func expiry() throws {
        let failedLongAgo = EmployerCheckStanding(
            checkKey: "x", result: .failed, recordedOn: try civilDate("2020-01-01"), expiresOn: try civilDate("2021-01-01"))
        #expect(failedLongAgo.state(on: try referenceDay()) == .expired)
        let forever = EmployerCheckStanding(checkKey: "x", result: .passed, recordedOn: try civilDate("2000-01-01"), expiresOn: nil)
        #expect(forever.state(on: try civilDate("9999-12-31")) == .passed)
    }

    @Test("every reason is given at once, place first, then employer, then checks")
    func allReasons() throws {
        let answer = PlaceUsability.answer(
            try facts(status: .proposed, end: "2026-01-31", capacity: 1, taken: 1, active: false, checks: [.missing("f_tax")]),
            on: try referenceDay())
        #expect(answer.reasons.map(\.code) == [.awaitingApproval, .periodOver, .noFreeSeat, .employerInactive, .checkMissing])
    }

    @Test("no required checks configured means checks never refuse")
    func noChecks() throws {
        #expect(PlaceUsability.answer(try facts(checks: []), on: try referenceDay()).isAllowed)
    }
}
