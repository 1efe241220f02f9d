import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// One application for its case worker: the answers beside the rules that fired, the history of
/// its colour, and the decision, completion request and correction forms.
enum ApplicationsController {
    struct Page: Encodable {
        struct Fact: Encodable {
            let labelKey: String
            let value: String
            let valueKey: String?
        }

        struct RuleRow: Encodable {
            let code: String
            let text: String
            let resultKey: String
            let colour: String
            let reads: [String]
        }

        struct HistoryRow: Encodable {
            let at: Date
            let sourceKey: String
            let colour: String
            let colourKey: String
            let justification: String
            let by: String
            let rules: String
            // Leaf's `#if` counts an empty string as true: without these an automatic assessment shows
            // an empty justification paragraph, an empty rule list and a trailing " · ".
            let hasJustification: Bool
            let hasDecider: Bool
            let hasRules: Bool
        }

        struct CompletionRow: Encodable {
            let requestedAt: Date
            let deadline: String
            let statusKey: String
            let itemKeys: [String]
            let message: String
            let answer: String
            /// Leaf's `#if` counts an empty string as true.
            let hasAnswer: Bool
            let reminderSentAt: Date?
        }

        struct OfferRow: Encodable {
            let id: String
            let place: String
            let employer: String
            let statusKey: String
            let expires: String
            let isOpen: Bool
        }

        struct ItemOption: Encodable {
            let value: String
            let labelKey: String
            let isChecked: Bool
        }

        let name: String
        let intakeName: String
        let queueHref: String
        let participantHref: String?
        let statusKey: String
        let colour: String
        let colourKey: String
        let rulesColourKey: String
        let contact: [Fact]
        let answers: [Fact]
        let languages: [Fact]
        let preferredFieldKeys: [String]
        let preferredDistricts: String
        let rules: [RuleRow]
        let ruleSetName: String
        let history: [HistoryRow]
        let completions: [CompletionRow]
        let hasCompletions: Bool
        let sharesWithEmployers: Bool
        let decisionAction: String
        let completionAction: String
        let answersAction: String
        let items: [ItemOption]
        let deadline: String
        let completionMessage: String
        let mayDecide: Bool
        let mayRequestCompletion: Bool
        let correction: [String: String]
        let registrationAnswers: [Choice]
        let permitKinds: [Choice]
        let educationLevels: [Choice]
        let educationFields: [Choice]
        let gradeAnswers: [Choice]
        let errors: [String: String]
        let hasErrors: Bool
        let notice: String?
        let errorKey: String?
        let daysToDecision: String?
        let offers: [OfferRow]
        let hasOffers: Bool
        let hasEmail: Bool
        let offerAnswerAction: String
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let (application, intake) = try await find(request)
        try await request.auditLog().record(.view, by: request.auditActor, recordType: .application, recordID: application.id)
        let saved = request.query("saved")
        return try await render(
            request, application, intake, notice: saved.isEmpty ? nil : "application.saved.\(saved)", errorKey: nil, errors: [:],
            draft: nil, status: .ok)
    }

    static func render(
        _ request: Request, _ application: IntakeApplication, _ intake: Intake, notice: String?, errorKey: String?,
        errors: [String: String],
        draft: CompletionForm?, status: HTTPResponseStatus
    ) async throws -> Response {
        let db = request.db, clock = request.application.clock
        let id = try application.requireID()
        let tag = request.language.tag
        let ruleSet = try await RuleSetStore(database: db, clock: clock).load(intake.$ruleSet.id)
        let eligibility = EligibilityService(database: db, clock: clock)
        let facts = try await eligibility.facts(of: application, in: intake)
        let context = try EligibilityService.context(of: intake)
        let fired = Dictionary(
            try await eligibility.firedRules(of: application).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let history = try await EligibilityAssessment.query(on: db).filter(\.$application.$id == id).sort(\.$sequence, .descending).all()
        let deciders = Dictionary(
            try await User.query(on: db).filter(\.$id ~~ history.compactMap(\.decidedBy)).all().compactMap { user in
                user.id.map { ($0, user.displayName) }
            },
            uniquingKeysWith: { first, _ in first })
        let completions = try await CompletionRequest.query(on: db).filter(\.$application.$id == id).sort(\.$requestedAt, .descending).all()
        let languages = try await ApplicationLanguage.query(on: db).filter(\.$application.$id == id).sort(\.$language).all()
        let fields = try await ApplicationPreferredField.query(on: db).filter(\.$application.$id == id).all()
        let districts = try await ApplicationPreferredDistrict.query(on: db).filter(\.$application.$id == id).all()
        let participant = try await Participant.find(application.$participant.id, on: db)
        let scope = ParticipantScope(user: try request.requireUser())
        let input = try await ApplicationAnswers(database: db).input(of: application)
        let current = ApplicationStatus(rawValue: application.status) ?? .submitted
        let defaultDeadline = CompletionDeadlinePolicy().defaultDeadline(today: try clock.today()).description
        let suggested = Set(CompletionItem.suggested(for: Array(fired.values), in: ruleSet).map(\.rawValue))
        let checkedItems = draft.map { Set($0.items ?? []) } ?? suggested
        func date(_ text: String?) -> String { text.map { ApplyController.date($0, request) } ?? "–" }
        let offers = try await OfferService(
            database: db, clock: clock, translations: request.application.translations, publicURL: request.application.settings.publicURL
        ).offers(ofApplication: id)
        let today = try clock.today()

        let page = Page(
            name: application.displayName, intakeName: intake.name, queueHref: SiteURL.intakeScreening(intake.id).path,
            participantHref: participant.flatMap { scope.includes($0) ? SiteURL.participant($0.id).path : nil },
            statusKey: "application-status.\(application.status)", colour: application.colour, colourKey: "colour.\(application.colour)",
            rulesColourKey: "colour.\(application.rulesColour)",
            contact: [
                .init(labelKey: "apply.field.email", value: application.email ?? "–", valueKey: nil),
                .init(labelKey: "apply.field.phone", value: application.phone ?? "–", valueKey: nil),
                .init(labelKey: "apply.field.postal-address", value: application.postalAddress ?? "–", valueKey: nil),
                .init(labelKey: "apply.field.birth-date", value: application.birthDate ?? "–", valueKey: nil),
                .init(labelKey: "apply.field.gender", value: "", valueKey: "apply.gender.\(application.gender)"),
                .init(labelKey: "apply.field.home-district", value: application.homeDistrict ?? "–", valueKey: nil),
                .init(labelKey: "application.language", value: "", valueKey: "language.\(application.language)"),
                .init(
                    labelKey: "application.submitted", value: LocalFormatting(language: request.language).dateTime(application.submittedAt),
                    valueKey: nil),
            ],
            answers: [
                .init(labelKey: "apply.field.birth-region", value: "", valueKey: "apply.birth-region.\(application.birthRegion)"),
                .init(
                    labelKey: "apply.field.registered", value: "",
                    valueKey: "apply.answer.\(ApplicantAnswer(application.registeredAsJobSeeker).rawValue)"),
                .init(labelKey: "apply.field.education-level", value: "", valueKey: "apply.education-level.\(application.educationLevel)"),
                .init(
                    labelKey: "apply.field.education-field", value: application.educationField == nil ? "–" : "",
                    valueKey: application.educationField.map { "education-field.\($0)" }),
                .init(labelKey: "apply.field.education-country", value: application.educationCountry ?? "–", valueKey: nil),
                .init(labelKey: "apply.field.education-year", value: application.educationYear.map(String.init) ?? "–", valueKey: nil),
                .init(
                    labelKey: "apply.field.full-grades", value: "",
                    valueKey: "apply.answer.\(ApplicantAnswer(application.upperSecondaryFullGrades).rawValue)"),
                .init(
                    labelKey: "apply.field.permit", value: application.permitKind == nil ? "–" : "",
                    valueKey: application.permitKind.map { "apply.permit.\($0)" }),
                .init(labelKey: "apply.field.permit-end", value: date(application.permitEnd), valueKey: nil),
                .init(
                    labelKey: "apply.field.occupation", value: application.currentOccupation == nil ? "–" : "",
                    valueKey: application.currentOccupation.map { "apply.occupation.\($0)" }),
                .init(labelKey: "apply.field.work-months", value: application.swedishWorkMonths.map(String.init) ?? "–", valueKey: nil),
                .init(labelKey: "apply.field.available-from", value: date(application.availableFrom), valueKey: nil),
                .init(labelKey: "application.placed-before", value: "", valueKey: facts.placedBeforeInProgramme ? "form.yes" : "form.no"),
            ],
            languages: languages.map { .init(labelKey: "language-name.\($0.language)", value: "", valueKey: "language-level.\($0.level)") },
            preferredFieldKeys: fields.map { "education-field.\($0.field)" },
            preferredDistricts: districts.map(\.district).joined(separator: ", "),
            rules: ruleSet.rules.map { rule in
                let result = fired[rule.code]
                let outcome = rule.condition.evaluate(facts, in: context)
                return Page.RuleRow(
                    code: rule.code, text: rule.text(in: tag),
                    resultKey: "rule-outcome.\((result?.outcome ?? outcome).rawValue)",
                    colour: result?.colour.rawValue ?? (outcome == .met ? "green" : rule.whenNotMet.rawValue),
                    reads: rule.reads.map { "applicant-field.\($0.rawValue)" })
            },
            ruleSetName: "\(ruleSet.name(in: tag)) – v\(ruleSet.version)",
            history: history.map { entry in
                let codes = (try? JSONDecoder().decode([FiredRule].self, from: Data(entry.fired.utf8)))?.map(\.code) ?? []
                let justification = entry.justification ?? "", by = entry.decidedBy.flatMap { deciders[$0] } ?? ""
                return Page.HistoryRow(
                    at: entry.createdAt, sourceKey: "assessment-source.\(entry.source)", colour: entry.colour,
                    colourKey: "colour.\(entry.colour)", justification: justification, by: by, rules: codes.joined(separator: ", "),
                    hasJustification: !justification.isEmpty, hasDecider: !by.isEmpty, hasRules: !codes.isEmpty)
            },
            completions: completions.map { request in
                Page.CompletionRow(
                    requestedAt: request.requestedAt, deadline: date(request.deadline), statusKey: "completion-status.\(request.status)",
                    itemKeys: CompletionRequests.items(of: request).map { "completion.item.\($0.rawValue)" }, message: request.message,
                    answer: request.answerText ?? "", hasAnswer: !(request.answerText ?? "").isEmpty,
                    reminderSentAt: request.reminderSentAt)
            },
            hasCompletions: !completions.isEmpty,
            sharesWithEmployers: try await ConsentService(database: db, clock: clock).isActive(
                .employerProfile, for: application.$participant.id),
            decisionAction: SiteURL.applicationDecision(id).path, completionAction: SiteURL.applicationCompletion(id).path,
            answersAction: SiteURL.applicationAnswers(id).path,
            items: CompletionItem.allCases.map {
                Page.ItemOption(
                    value: $0.rawValue, labelKey: "completion.item.\($0.rawValue)", isChecked: checkedItems.contains($0.rawValue))
            },
            deadline: draft?.deadline ?? defaultDeadline,
            completionMessage: draft?.message ?? "",
            mayDecide: ApplicationStatus.decisions.values.contains { (try? current.checkTransition(to: $0, by: .staff)) != nil },
            mayRequestCompletion: (try? current.checkTransition(to: .awaitingCompletion, by: .staff)) != nil,
            correction: [
                "permitEnd": input.permitEnd, "swedishWorkMonths": input.swedishWorkMonths,
            ],
            registrationAnswers: Choice.all(ApplicantAnswer.self, prefix: "apply.answer", selected: input.registeredAsJobSeeker),
            permitKinds: Choice.all(PermitKind.self, prefix: "apply.permit", selected: input.permitKind),
            educationLevels: Choice.all(EducationLevel.self, prefix: "apply.education-level", selected: input.educationLevel),
            educationFields: Choice.all(EducationField.self, prefix: "education-field", selected: input.educationField),
            gradeAnswers: Choice.all(ApplicantAnswer.self, prefix: "apply.answer", selected: input.upperSecondaryFullGrades),
            errors: errors, hasErrors: !errors.isEmpty, notice: notice, errorKey: errorKey,
            daysToDecision: application.firstDecidedAt.map {
                LocalFormatting(language: request.language).number(
                    $0.timeIntervalSince(application.submittedAt) / 86_400, fractionDigits: 1)
            },
            offers: offers.map { offer in
                let waiting = offer.status == OfferStatus.offered.rawValue
                let expired = waiting && (CivilDate(iso8601: offer.expires_on).map { $0 < today } ?? true)
                return Page.OfferRow(
                    id: offer.id.uuidString, place: offer.title, employer: offer.employer_name,
                    statusKey: expired ? "offer-status.expired" : "offer-status.\(offer.status)", expires: date(offer.expires_on),
                    isOpen: waiting && !expired)
            }, hasOffers: !offers.isEmpty, hasEmail: !(application.email ?? "").isEmpty,
            offerAnswerAction: SiteURL.applicationOfferAnswer(id).path)
        let response = try await request.render(
            "Intake/application", page,
            layout: .init(request: request, titleKey: "application.title", titleArgument: application.displayName))
        response.status = status
        return response
    }

    struct DecisionForm: Content {
        var colour: String?
        var justification: String?
    }

    @Sendable static func decide(_ request: Request) async throws -> Response {
        let (application, intake) = try await find(request)
        let form = try request.content.decode(DecisionForm.self)
        guard let colour = form.colour.flatMap(EligibilityColour.init(rawValue:)), ApplicationStatus.decisions[colour] != nil else {
            return try await render(
                request, application, intake, notice: nil, errorKey: nil, errors: ["colour": "screening.decision.choose"], draft: nil,
                status: .badRequest)
        }
        do {
            let summary = try await ScreeningController.decisions(request).decide(
                [try application.requireID()], in: intake, as: colour, justification: form.justification ?? "")
            if summary.decided == 0 {
                return try await render(
                    request, application, intake, notice: nil, errorKey: "application-status.refusal.not-allowed", errors: [:],
                    draft: nil, status: .conflict)
            }
        } catch let errors as FormErrors {
            return try await render(
                request, application, intake, notice: nil, errorKey: nil, errors: errors.fields, draft: nil, status: .badRequest)
        }
        await request.deliverMail()
        return request.redirect(to: SiteURL.application(application.id).path + "?saved=decision")
    }

    struct CompletionForm: Content {
        var items: [String]?
        var message: String?
        var deadline: String?
    }

    @Sendable static func requestCompletion(_ request: Request) async throws -> Response {
        let (application, intake) = try await find(request)
        let form = try request.content.decode(CompletionForm.self)
        let draft = CompletionRequests.Draft(
            items: (form.items ?? []).compactMap(CompletionItem.init(rawValue:)), message: form.message ?? "",
            deadline: form.deadline.flatMap(CivilDate.init(iso8601:)))
        do {
            try await CompletionRequests(database: request.db, clock: request.application.clock).request(
                draft, for: application, in: intake, messages: ApplyController.messages(request), actor: request.auditActor)
        } catch let errors as FormErrors {
            return try await render(
                request, application, intake, notice: nil, errorKey: nil, errors: errors.fields, draft: form, status: .badRequest)
        } catch let error as AppError {
            return try await render(
                request, application, intake, notice: nil, errorKey: error.messageKey, errors: [:], draft: form, status: .conflict)
        }
        await request.deliverMail()
        return request.redirect(to: SiteURL.application(application.id).path + "?saved=completion")
    }

    struct CorrectionForm: Content {
        var registeredAsJobSeeker: String?
        var permitKind: String?
        var permitEnd: String?
        var educationLevel: String?
        var educationField: String?
        var upperSecondaryFullGrades: String?
        var swedishWorkMonths: String?
    }

    /// A case worker's correction of the answers the rules read (after a call, or a document from
    /// the migration agency): recorded, audited, and the rules run again.
    @Sendable static func correct(_ request: Request) async throws -> Response {
        let (application, intake) = try await find(request)
        let form = try request.content.decode(CorrectionForm.self)
        var input = try await ApplicationAnswers(database: request.db).input(of: application)
        input.registeredAsJobSeeker = form.registeredAsJobSeeker ?? input.registeredAsJobSeeker
        input.permitKind = form.permitKind ?? input.permitKind
        input.permitEnd = form.permitEnd ?? input.permitEnd
        input.educationLevel = form.educationLevel ?? input.educationLevel
        input.educationField = form.educationField ?? input.educationField
        input.upperSecondaryFullGrades = form.upperSecondaryFullGrades ?? input.upperSecondaryFullGrades
        input.swedishWorkMonths = form.swedishWorkMonths ?? input.swedishWorkMonths
        var context = try await ApplyController.formContext(request, intake: intake)
        context.consentPurposes = [:]
        context.requiredConsents = []
        let corrected: Set<ApplicantField> = [
            .registeredAsJobSeeker, .permit, .permitEndDate, .educationLevel, .educationField, .upperSecondaryFullGrades,
            .swedishWorkExperience,
        ]
        switch input.validated(context: context, steps: [.education, .situation]) {
        case .failure(let failure):
            let shown = CompletionRequests.formFields(for: corrected)
            return try await render(
                request, application, intake, notice: nil, errorKey: nil,
                errors: failure.errors.fields.filter { shown.contains($0.key) }, draft: nil, status: .badRequest)
        case .success(let valid):
            let actor = request.auditActor
            try await request.db.writingTransaction { db in
                try await ApplicationAnswers(database: db).apply(valid, fields: corrected, to: application)
                try await EligibilityService(database: db, clock: request.application.clock).evaluate(application, in: intake)
                try await AuditLog(database: db, clock: request.application.clock).record(
                    .update, by: actor, recordType: .application, recordID: application.id, detail: "answers corrected")
            }
        }
        return request.redirect(to: SiteURL.application(application.id).path + "?saved=answers")
    }

    struct OfferAnswerForm: Content {
        var offer: UUID?
        var answer: String?
        var how: String?
    }

    /// The candidate's answer to an offer, as the case worker heard it (`OfferService.recordAnswer`).
    @Sendable static func answerOffer(_ request: Request) async throws -> Response {
        let (application, intake) = try await find(request)
        let form = try request.content.decode(OfferAnswerForm.self)
        guard let offerID = form.offer else { throw AppError.notFound }
        let accepted: Bool? =
            switch form.answer {
            case "accept": true
            case "decline": false
            default: nil
            }
        do {
            try await request.offerService.recordAnswer(
                accepted: accepted, offerID: offerID, applicationID: try application.requireID(), how: form.how ?? "",
                actor: request.auditActor)
        } catch let invalid as FormErrors {
            return try await render(
                request, application, intake, notice: nil, errorKey: nil, errors: invalid.fields, draft: nil, status: invalid.status)
        } catch let refusal as OfferService.Refusal {
            return try await render(
                request, application, intake, notice: nil, errorKey: refusal.rawValue, errors: [:], draft: nil, status: .conflict)
        }
        return request.redirect(to: SiteURL.application(application.id).path(query: ["saved": "offer"]) + "#offers-heading")
    }

    static func find(_ request: Request) async throws -> (IntakeApplication, Intake) {
        try await IntakeScope(user: try request.requireUser()).findApplication(request.idParameter, on: request.db)
    }
}
