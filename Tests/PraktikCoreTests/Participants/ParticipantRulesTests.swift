import Testing

@testable import PraktikCore

@Suite("Participant record policy")
struct ParticipantRecordPolicyTests {
    typealias Policy = ParticipantRecordPolicy

    @Test("an active record may be edited and exited; follow-ups wait for exit")
    func active() {
        #expect(Policy.refusal(of: .editDetails, status: .active, isErased: false, postExitConsentActive: false) == nil)
        #expect(Policy.refusal(of: .exit, status: .active, isErased: false, postExitConsentActive: false) == nil)
        #expect(Policy.refusal(of: .recordOutcomeAtExit, status: .active, isErased: false, postExitConsentActive: false) == nil)
        #expect(
            Policy.refusal(of: .recordOutcomeFollowUp, status: .active, isErased: false, postExitConsentActive: true) == .followUpBeforeExit
        )
    }

    @Test("after exit the record is read-only except follow-ups with consent")
    func exited() {
        #expect(Policy.refusal(of: .editDetails, status: .exited, isErased: false, postExitConsentActive: true) == .exitedRecordIsReadOnly)
        #expect(
            Policy.refusal(of: .recordOutcomeAtExit, status: .exited, isErased: false, postExitConsentActive: true)
                == .exitedRecordIsReadOnly)
        #expect(Policy.refusal(of: .exit, status: .exited, isErased: false, postExitConsentActive: true) == .alreadyExited)
        #expect(
            Policy.refusal(of: .recordOutcomeFollowUp, status: .exited, isErased: false, postExitConsentActive: false) == .noPostExitConsent
        )
        #expect(Policy.refusal(of: .recordOutcomeFollowUp, status: .exited, isErased: false, postExitConsentActive: true) == nil)
    }

    @Test("consent is always the person's to record, unless the record is erased")
    func consent() {
        for status in ParticipantStatus.allCases {
            #expect(Policy.refusal(of: .recordConsent, status: status, isErased: false, postExitConsentActive: false) == nil)
            #expect(Policy.refusal(of: .recordConsent, status: status, isErased: true, postExitConsentActive: true) == .erased)
        }
    }

    @Test("an erased record refuses every write")
    func erased() {
        let writes: [Policy.Write] = [.editDetails, .recordOutcomeFollowUp, .recordOutcomeAtExit, .exit, .recordConsent]
        for write in writes {
            for status in ParticipantStatus.allCases {
                #expect(Policy.refusal(of: write, status: status, isErased: true, postExitConsentActive: true) == .erased)
            }
        }
    }
}

@Suite("Consent ledger")
struct ConsentLedgerTests {
    @Test("given, withdrawn and given again: the latest entry decides, at any point in time")
    func history() {
        let ledger = ConsentLedger(entries: [
            ConsentEntry(purpose: "post_exit_follow_up", action: .given, at: 100, sequence: 1),
            ConsentEntry(purpose: "post_exit_follow_up", action: .withdrawn, at: 200, sequence: 2),
            ConsentEntry(purpose: "post_exit_follow_up", action: .given, at: 300, sequence: 3),
        ])
        #expect(!ledger.isActive("post_exit_follow_up", at: 50))
        #expect(ledger.isActive("post_exit_follow_up", at: 150))
        #expect(!ledger.isActive("post_exit_follow_up", at: 250))
        #expect(ledger.isActive("post_exit_follow_up", at: 300))
        #expect(!ledger.isActive("employer_profile", at: 300), "purposes are independent")
    }

    @Test("entries recorded in the same second are ordered by sequence, whatever order they arrive in")
    func sameSecond() {
        let ledger = ConsentLedger(entries: [
            ConsentEntry(purpose: "p", action: .withdrawn, at: 100, sequence: 2),
            ConsentEntry(purpose: "p", action: .given, at: 100, sequence: 1),
        ])
        #expect(!ledger.isActive("p", at: 100))
        #expect(ledger.activePurposes(at: 100).isEmpty)
    }
}

@Suite("Retention")
struct RetentionPolicyTests {
    func date(_ text: String) throws -> CivilDate {
        try #require(CivilDate(iso8601: text))
    }

    @Test("due on the day the period ends, not before")
    func due() throws {
        let policy = RetentionPolicy(monthsAfterExit: 24)
        #expect(try !policy.isDue(exitDate: date("2024-11-23"), today: date("2026-11-22")))
        #expect(try policy.isDue(exitDate: date("2024-11-22"), today: date("2026-11-22")))
        #expect(try policy.isDue(exitDate: date("2020-01-01"), today: date("2026-11-22")))
    }

    @Test("month arithmetic clamps to the month's last day")
    func months() throws {
        #expect(try date("2024-01-31").addingMonths(1) == date("2024-02-29"))
        #expect(try date("2023-01-31").addingMonths(1) == date("2023-02-28"))
        #expect(try date("2024-11-15").addingMonths(14) == date("2026-01-15"))
        #expect(try date("2024-03-31").addingMonths(-1) == date("2024-02-29"))
    }
}
