import Foundation
import PraktikCore
import Vapor

/// A follow-up form as a page: its questions in the respondent's language, the answers given so far
/// and a problem next to each field that needs one. One template serves the link (no account), the
/// employer portal and the case worker answering on someone's behalf; readable on a phone and
/// usable without JavaScript (radio buttons and plain inputs only).
struct FollowUpFormPage: Encodable {
    struct Option: Encodable {
        let value: String
        let text: String
        let isSelected: Bool
        let id: String
    }

    struct Question: Encodable {
        let key: String
        let text: String
        let required: Bool
        let isScale: Bool
        let isChoice: Bool
        let isDate: Bool
        let isText: Bool
        let options: [Option]
        let value: String
        let errorKey: String
        let hasError: Bool
    }

    let stageKey: String
    /// What the form is, for those who answer it: "Follow-up at the start of the placement", not "Start".
    let headingKey: String
    let respondentKey: String
    let subject: String
    let introKey: String
    let questions: [Question]
    let action: String
    let isAnswered: Bool
    let isClosed: Bool
    let isOpen: Bool
    let problemCount: Int
    let hasProblems: Bool
    let showsOnBehalf: Bool
    let templateVersion: Int
    let languageTag: String

    static func build(
        form: FollowUp, content: FollowUpTemplateContent, version: Int, language: String, subject: String, action: String,
        values: [String: String] = [:], problems: [String: FollowUpAnswers.Problem] = [:], isAnswered: Bool = false,
        isClosed: Bool = false, showsOnBehalf: Bool = false, translations: Translations
    ) -> FollowUpFormPage {
        let yesNo: [(String, String)] = [
            ("yes", translations.text(for: "form.yes", in: PlacementMail.language(language))),
            ("no", translations.text(for: "form.no", in: PlacementMail.language(language))),
        ]
        let questions = content.questions.map { question -> Question in
            let value = values[question.key] ?? ""
            let options: [Option]
            switch question.kind {
            case .scale:
                options = FollowUpAnswers.scaleRange.map {
                    Option(value: String($0), text: String($0), isSelected: value == String($0), id: "\(question.key)-\($0)")
                }
            case .singleChoice:
                options = question.options.map {
                    Option(
                        value: $0.value, text: $0.text[language] ?? $0.text["sv"] ?? $0.value, isSelected: value == $0.value,
                        id: "\(question.key)-\($0.value)")
                }
            case .yesNo:
                options = yesNo.map { Option(value: $0.0, text: $0.1, isSelected: value == $0.0, id: "\(question.key)-\($0.0)") }
            case .date, .shortText:
                options = []
            }
            let problem = problems[question.key]
            return Question(
                key: question.key, text: question.text(in: language), required: question.required, isScale: question.kind == .scale,
                isChoice: question.kind == .singleChoice || question.kind == .yesNo, isDate: question.kind == .date,
                isText: question.kind == .shortText, options: options, value: value, errorKey: problem?.code ?? "", hasError: problem != nil
            )
        }
        return FollowUpFormPage(
            stageKey: "follow-up-stage.\(form.stage)", headingKey: "follow-up.heading.\(form.stage)",
            respondentKey: "follow-up-respondent.\(form.respondent)", subject: subject,
            introKey: "follow-up.intro.\(form.respondent)", questions: questions, action: action, isAnswered: isAnswered,
            isClosed: isClosed,
            isOpen: !isAnswered && !isClosed, problemCount: problems.count, hasProblems: !problems.isEmpty, showsOnBehalf: showsOnBehalf,
            templateVersion: version, languageTag: language)
    }

    /// The posted answers, by question key (the form names each field after its question).
    static func values(from request: Request, for content: FollowUpTemplateContent) -> [String: String] {
        var values: [String: String] = [:]
        for question in content.questions {
            if let value = try? request.content.get(String.self, at: question.key) { values[question.key] = value }
        }
        return values
    }
}
