import Fluent
import Foundation
import PraktikCore
import Vapor

/// The applicant's status page: where the application stands in plain words, why, and the next step.
struct StatusPage: Encodable {
    struct Reason: Encodable {
        let text: String
    }

    struct Completion: Encodable {
        let message: String
        let deadline: String
        let itemKeys: [String]
        let asksPermit: Bool
        let asksRegistration: Bool
        let asksEducation: Bool
        let asksLanguages: Bool
        let asksWorkExperience: Bool
        let action: String
        let values: [String: String]
        let answer: String
        let errors: [String: String]
        let hasErrors: Bool
        let educationLevels: [Choice]
        let educationFields: [Choice]
        let answers: [Choice]
        let gradeAnswers: [Choice]
        let permitKinds: [Choice]
        let languageRows: [ApplyPage.LanguageRow]
        let workMonthsLabelKey: String
    }

    let intakeName: String
    let submittedAt: Date
    let statusKey: String
    let headlineKey: String
    let nextKey: String
    let reasons: [Reason]
    let hasReasons: Bool
    let reasonsIntroKey: String
    let completion: Completion?
    let sharesWithEmployers: Bool
    let consentAction: String
    let offersWaitingList: Bool
    let isOnWaitingList: Bool
    let waitingListAction: String
    let mayWithdraw: Bool
    let withdrawAction: String
    let facts: [ApplyPage.SummaryRow]
    let notice: String?
    let errorKey: String?

    static func render(
        _ request: Request, application: IntakeApplication, intake: Intake, token: String, notice: String?,
        status: HTTPResponseStatus = .ok,
        errorKey: String? = nil, completionInput: ApplicationInput? = nil, completionAnswer: String = "",
        completionErrors: [String: String] = [:]
    ) async throws -> Response {
        let database = request.db
        let clock = request.application.clock
        let applicationStatus = ApplicationStatus(rawValue: application.status) ?? .submitted
        let ruleSet = try await RuleSetStore(database: database, clock: clock).load(intake.$ruleSet.id)
        let fired = try await EligibilityService(database: database, clock: clock).firedRules(of: application)

        var reasons: [Reason] = []
        var reasonsIntro = ""
        switch applicationStatus {
        case .notEligible:
            reasons = fired.filter { $0.colour == .red }.compactMap { ruleSet.rule($0.code) }.map {
                Reason(text: $0.text(in: request.language.tag))
            }
            reasonsIntro = reasons.isEmpty ? "status.reasons.decided" : "status.reasons.not-met"
        case .submitted, .awaitingCompletion:
            reasons = fired.filter { $0.outcome == .unknown }.compactMap { ruleSet.rule($0.code) }.map {
                Reason(text: $0.text(in: request.language.tag))
            }
            reasonsIntro = "status.reasons.to-check"
        default:
            break
        }

        var completion: Completion?
        if applicationStatus == .awaitingCompletion,
            let open = try await CompletionRequests(database: database, clock: clock).open(of: application)
        {
            let items = CompletionRequests.items(of: open)
            let input: ApplicationInput
            if let completionInput {
                input = completionInput
            } else {
                input = try await ApplicationAnswers(database: database).input(of: application)
            }
            let pairs = (0..<ApplicationInput.languageRows).map {
                $0 < input.languages.count ? input.languages[$0] : .init(language: "", level: "")
            }
            completion = Completion(
                message: open.message,
                deadline: CivilDate(iso8601: open.deadline).map { ApplicantMessages.dateText($0, in: request.language) } ?? open.deadline,
                itemKeys: items.map { "completion.item.\($0.rawValue)" },
                asksPermit: items.contains(.permit), asksRegistration: items.contains(.registration),
                asksEducation: items.contains(.education),
                asksLanguages: items.contains(.languages), asksWorkExperience: items.contains(.workExperience),
                action: SiteURL.applicationStatusCompletion(token).path,
                values: [
                    "permitEnd": input.permitEnd, "swedishWorkMonths": input.swedishWorkMonths,
                ],
                answer: completionAnswer, errors: completionErrors, hasErrors: !completionErrors.isEmpty,
                educationLevels: Choice.all(EducationLevel.self, prefix: "apply.education-level", selected: input.educationLevel),
                educationFields: Choice.all(EducationField.self, prefix: "education-field", selected: input.educationField),
                answers: Choice.all(ApplicantAnswer.self, prefix: "apply.answer", selected: input.registeredAsJobSeeker),
                gradeAnswers: Choice.all(ApplicantAnswer.self, prefix: "apply.answer", selected: input.upperSecondaryFullGrades),
                permitKinds: Choice.all(PermitKind.self, prefix: "apply.permit", selected: input.permitKind),
                languageRows: pairs.enumerated().map { index, pair in
                    ApplyPage.LanguageRow(
                        index: index, languages: Choice.all(SpokenLanguage.self, prefix: "language-name", selected: pair.language),
                        levels: Choice.all(LanguageLevel.self, prefix: "language-level", selected: pair.level))
                },
                workMonthsLabelKey: ProgrammeKind(rawValue: intake.programme.kind) == .companyInternship
                    ? "apply.field.work-months.denmark" : "apply.field.work-months.sweden")
        }

        let shares = try await ConsentService(database: database, clock: clock).isActive(.employerProfile, for: application.$participant.id)
        let input = try await ApplicationAnswers(database: database).input(of: application)
        let page = StatusPage(
            intakeName: intake.name, submittedAt: application.submittedAt,
            statusKey: "application-status.\(applicationStatus.rawValue)",
            headlineKey: "status.headline.\(applicationStatus.rawValue)", nextKey: "status.next.\(applicationStatus.rawValue)",
            reasons: reasons, hasReasons: !reasons.isEmpty || applicationStatus == .notEligible, reasonsIntroKey: reasonsIntro,
            completion: completion, sharesWithEmployers: shares, consentAction: SiteURL.applicationStatusConsent(token).path,
            offersWaitingList: applicationStatus == .notOffered && application.waitingListOffered,
            isOnWaitingList: applicationStatus == .waitingList, waitingListAction: SiteURL.applicationStatusWaitingList(token).path,
            mayWithdraw: applicationStatus.possibleTargets(for: .applicant).contains(.withdrawn),
            withdrawAction: SiteURL.applicationStatusWithdraw(token).path,
            facts: ApplyPage.summary(of: input).filter { $0.labelKey != "apply.field.person-number" },
            notice: notice, errorKey: errorKey)
        let response = try await request.render("Intake/status", page, layout: .init(request: request, titleKey: "status.title"))
        response.status = status
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
