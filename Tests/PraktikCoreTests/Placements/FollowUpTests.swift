import PraktikCore
import Testing

@Suite("Follow-up templates, answers, schedule and checkpoints")
struct FollowUpTests {
    let languages = ["sv", "en", "da"]

    @Test("every built-in template is complete in every language, and the end forms ask what the board asks")
    func builtIns() throws {
        for (stage, respondent) in FollowUpSchedule.forms {
            let content = try #require(BuiltInFollowUpTemplates.content(stage: stage, respondent: respondent))
            #expect(content.problems(languages: languages).isEmpty, "\(stage) \(respondent): \(content.problems(languages: languages))")
        }
        for respondent in [FollowUpRespondent.participant, .supervisor] {
            let end = try #require(BuiltInFollowUpTemplates.content(stage: .end, respondent: respondent))
            #expect(end.question(meaning: .completed) != nil)
            #expect(end.question(meaning: .employmentOffered)?.options.map(\.value) == ["none"] + EmploymentKind.allCases.map(\.rawValue))
            #expect(end.question(meaning: .learnedAgainstPurpose) != nil)
        }
    }

    @Test("a template with a missing translation, a bad key, a lone option or a misused meaning is refused")
    func templateProblems() throws {
        var content = try #require(BuiltInFollowUpTemplates.content(stage: .end, respondent: .participant))
        content.questions[0].text["da"] = " "
        content.questions[1].key = "Learned!"
        content.questions[2].options = [content.questions[2].options[0]]
        content.questions[3].meaning = .completed
        let codes = content.problems(languages: languages).map(\.code)
        #expect(codes.contains("follow-up-template.problem.text-missing"))
        #expect(codes.contains("follow-up-template.problem.key-invalid"))
        #expect(codes.contains("follow-up-template.problem.options-missing"))
        #expect(codes.contains("follow-up-template.problem.meaning-twice"))
        #expect(codes.contains("follow-up-template.problem.meaning-wrong-kind"))
        #expect(
            FollowUpTemplateContent(questions: []).problems(languages: languages).map(\.code) == ["follow-up-template.problem.no-questions"]
        )
    }

    @Test("answers: good ones are kept, a missing or out-of-range one is named")
    func answers() throws {
        let content = try #require(BuiltInFollowUpTemplates.content(stage: .end, respondent: .participant))
        let reading = FollowUpAnswers.read(
            ["completed": "yes", "learned": "7", "employment_offered": "hourly", "what_learned": "  Kassan  "], for: content.questions)
        #expect(reading.answers["completed"] == .yesNo(true))
        #expect(reading.answers["employment_offered"] == .choice("hourly"))
        #expect(reading.answers["what_learned"] == .text("Kassan"))
        #expect(reading.problems == ["learned": .outOfRange, "overall": .required])
        #expect(!reading.isComplete)
        let wrongChoice = FollowUpAnswers.read(["employment_offered": "forever"], for: content.questions)
        #expect(wrongChoice.problems["employment_offered"] == .unknownChoice)
        let date = FollowUpQuestion(key: "next", kind: .date, required: false, text: ["sv": "När"])
        #expect(FollowUpAnswers.read(["next": "2026-02-30"], for: [date]).problems["next"] == .invalidDate)
        #expect(FollowUpAnswers.read(["next": ""], for: [date]).isComplete)
        let long = FollowUpQuestion(key: "c", kind: .shortText, required: false, text: ["sv": "C"])
        #expect(FollowUpAnswers.read(["c": String(repeating: "x", count: 1_001)], for: [long]).problems["c"] == .tooLong)
        #expect(FollowUpAnswer.yesNo(false).number == 0)
        #expect(FollowUpAnswer.scale(4).storedText == "4")
    }

    @Test("forms fall due at the start, halfway and at the end; reminders 3 and 10 days after sending")
    func schedule() throws {
        let start = try civilDate("2026-06-01"), end = try civilDate("2026-09-30")
        #expect(FollowUpSchedule.dueDate(of: .start, start: start, end: end) == (try civilDate("2026-06-08")))
        #expect(FollowUpSchedule.dueDate(of: .mid, start: start, end: end) == (try civilDate("2026-07-31")))
        #expect(FollowUpSchedule.dueDate(of: .end, start: start, end: end) == end)
        #expect(FollowUpSchedule.reminderDates(sentOn: start) == [try civilDate("2026-06-04"), try civilDate("2026-06-11")])
        #expect(FollowUpSchedule.linkExpiry(sentOn: start) == (try civilDate("2026-07-01")))
        // A one-week placement's start form is due on its last day at the latest.
        #expect(FollowUpSchedule.dueDate(of: .start, start: start, end: try civilDate("2026-06-05")) == (try civilDate("2026-06-05")))
    }

    @Test("checkpoints 3, 6 and 12 months after the end, only with consent")
    func checkpoints() throws {
        let end = try civilDate("2026-09-30")
        #expect(OutcomeCheckpoints.toSchedule(end: end, consentActive: false, existing: []).isEmpty)
        let scheduled = OutcomeCheckpoints.toSchedule(end: end, consentActive: true, existing: [.threeMonths])
        #expect(scheduled.map(\.horizon) == [.sixMonths, .twelveMonths])
        #expect(scheduled.map(\.due) == [try civilDate("2027-03-30"), try civilDate("2027-09-30")])
        let due = try civilDate("2026-12-30")
        func refusal(today: String, consent: Bool = true, cancelled: Bool = false, answered: Bool = false, ran: Bool = true) throws
            -> OutcomeCheckpoints.Refusal?
        {
            OutcomeCheckpoints.refusal(
                due: due, today: try civilDate(today), consentActive: consent, isCancelled: cancelled, isAnswered: answered,
                placementHasRun: ran)
        }
        #expect(try refusal(today: "2026-12-30") == nil)
        #expect(try refusal(today: "2026-12-29") == .notDue)
        #expect(try refusal(today: "2027-01-05", consent: false) == .noConsent)
        #expect(try refusal(today: "2027-01-05", cancelled: true) == .cancelled)
        #expect(try refusal(today: "2027-01-05", answered: true) == .alreadyAnswered)
        #expect(try refusal(today: "2027-01-05", ran: false) == .placementNotEnded)
    }

    @Test("a register writes for an enrolled person or with consent, never for an erased one")
    func registerRule() throws {
        #expect(RegisterOutcomeRule.refusal(participantStatus: .active, isErased: false, postExitConsentActive: false) == nil)
        #expect(RegisterOutcomeRule.refusal(participantStatus: .exited, isErased: false, postExitConsentActive: true) == nil)
        #expect(
            RegisterOutcomeRule.refusal(participantStatus: .exited, isErased: false, postExitConsentActive: false) == .noConsentOrLegalBasis
        )
        #expect(RegisterOutcomeRule.refusal(participantStatus: .active, isErased: true, postExitConsentActive: true) == .erased)
        let end = try civilDate("2026-03-31")
        #expect(RegisterOutcomeRule.horizon(observedOn: try civilDate("2026-06-30"), placementEnd: end) == .threeMonths)
        #expect(RegisterOutcomeRule.horizon(observedOn: try civilDate("2026-10-15"), placementEnd: end) == .sixMonths)
        #expect(RegisterOutcomeRule.horizon(observedOn: try civilDate("2027-03-31"), placementEnd: end) == .twelveMonths)
        #expect(RegisterOutcomeRule.horizon(observedOn: try civilDate("2026-04-15"), placementEnd: end) == nil)
    }

    @Test("the register file: every bad row reported by line, good rows kept")
    func registerFile() throws {
        let text = """
            person_number;date;status_code;source
            19900512-1232;2026-06-30;work;SCB
            19900512-1238;2026-06-30;work;SCB
            19900512-1232;2026-13-01;work;SCB
            19900512-1232;2026-07-30;dancing;SCB
            19900512-1232;2026-07-31;studies;
            19900512-1232;2026-06-30;studies;SCB
            19900512-1232;2099-01-01;work;SCB
            """
        let parsed = RegisterOutcomeFile.parse(text, today: try civilDate("2026-08-01"))
        #expect(parsed.recordCount == 7)
        #expect(parsed.rows.count == 1)
        #expect(parsed.rows.first?.personCandidates == ["SE:199005121232"])
        #expect(parsed.rows.first?.status == .work)
        #expect(Set(parsed.problems.map(\.line)) == [3, 4, 5, 6, 7, 8])
        #expect(parsed.problems.first { $0.line == 3 }?.code == "outcome-import.row.person-number")
        #expect(parsed.problems.first { $0.line == 5 }?.code == "outcome-import.row.status-code")
        #expect(parsed.problems.first { $0.line == 7 }?.code == "outcome-import.row.duplicate")
        #expect(
            RegisterOutcomeFile.parse("name,date\nx,y", today: try civilDate("2026-08-01")).fileProblem
                == "outcome-import.file.missing-column")
    }
}
