import Fluent
import Foundation
import PraktikCore
import Vapor

/// The admin's pages for follow-up templates: the list, and one template's questions as a form
/// (every text in every language, typed questions, options, what the system reads from them).
/// Saving stores a new version; earlier versions and their answers stay as they were.
enum FollowUpTemplatesController {
    struct ListPage: Encodable {
        struct Row: Encodable {
            let href: String
            let stageKey: String
            let respondentKey: String
            let version: Int
        }

        let rows: [Row]
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let service = FollowUpTemplateService(database: request.db, clock: request.application.clock)
        let page = ListPage(
            rows: try await service.templates().map {
                .init(
                    href: SiteURL.adminFollowUpTemplate($0.id).path, stageKey: "follow-up-stage.\($0.stage)",
                    respondentKey: "follow-up-respondent.\($0.respondent)", version: $0.currentVersion)
            })
        return try await request.render(
            "Placements/templates", page, layout: .init(request: request, titleKey: "follow-up-templates.title"))
    }

    struct QuestionRow: Encodable {
        let index: Int
        /// Counted from 1, for the heading: the key is a stored name, not for reading.
        let number: Int
        let key: String
        let isNew: Bool
        let kinds: [Choice]
        let required: Bool
        let texts: [TextField]
        let options: String
        let meanings: [Choice]
        let problems: [String]
        let hasProblems: Bool
    }

    struct TextField: Encodable {
        let language: String
        let labelKey: String
        let value: String
    }

    struct VersionRow: Encodable {
        let version: Int
        let createdAt: Date
        let author: String
        let isCurrent: Bool
    }

    struct Page: Encodable {
        let stageKey: String
        let respondentKey: String
        let version: Int
        let action: String
        let questions: [QuestionRow]
        let versions: [VersionRow]
        let generalProblems: [String]
        let hasProblems: Bool
    }

    /// Blank rows at the end of the form, for new questions.
    static let blankRows = 2
    static let maximumRows = FollowUpTemplateContent.maximumQuestions + blankRows

    @Sendable static func show(_ request: Request) async throws -> Response {
        let service = FollowUpTemplateService(database: request.db, clock: request.application.clock)
        let template = try await service.find(request.idParameter)
        let content = try await service.current(of: template).content()
        return try await render(
            request, template: template, content: content, existingKeys: Set(content.questions.map(\.key)), problems: [], status: .ok)
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let service = FollowUpTemplateService(database: request.db, clock: request.application.clock)
        let template = try await service.find(request.idParameter)
        let current = try await service.current(of: template).content()
        let content = read(request)
        do {
            try await service.save(content, for: template, by: request.auditActor)
        } catch let problems as FollowUpTemplateService.Problems {
            return try await render(
                request, template: template, content: content, existingKeys: Set(current.questions.map(\.key)), problems: problems.problems,
                status: .badRequest)
        }
        return request.redirectShowingSaved(to: .adminFollowUpTemplate(template.id))
    }

    /// The posted form as template content: rows marked for removal and blank new rows left out.
    static func read(_ request: Request) -> FollowUpTemplateContent {
        func field(_ name: String) -> String {
            ((try? request.content.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var questions: [FollowUpQuestion] = []
        for index in 0..<maximumRows {
            let prefix = "q\(index)_"
            let key = field(prefix + "key")
            var texts: [String: String] = [:]
            for language in FollowUpTemplateService.languages { texts[language] = field(prefix + "text_" + language) }
            if field(prefix + "remove") == "on" { continue }
            if key.isEmpty && texts.values.allSatisfy(\.isEmpty) { continue }
            let options = field(prefix + "options").split(whereSeparator: \.isNewline).compactMap { line -> FollowUpQuestion.Option? in
                let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let value = parts.first, !value.isEmpty else { return nil }
                var text: [String: String] = [:]
                for (offset, language) in FollowUpTemplateService.languages.enumerated() where offset + 1 < parts.count {
                    text[language] = parts[offset + 1]
                }
                return FollowUpQuestion.Option(value: value, text: text)
            }
            questions.append(
                FollowUpQuestion(
                    key: key, kind: FollowUpQuestionKind(rawValue: field(prefix + "kind")) ?? .shortText,
                    required: field(prefix + "required") == "on",
                    text: texts, options: options, meaning: FollowUpMeaning(rawValue: field(prefix + "meaning"))))
        }
        return FollowUpTemplateContent(questions: questions)
    }

    static func render(
        _ request: Request, template: FollowUpTemplate, content: FollowUpTemplateContent, existingKeys: Set<String>,
        problems: [FollowUpTemplateContent.Problem], status: HTTPResponseStatus
    ) async throws -> Response {
        let service = FollowUpTemplateService(database: request.db, clock: request.application.clock)
        var rows: [QuestionRow] = []
        let blank = FollowUpQuestion(key: "", kind: .scale, required: false, text: [:])
        for (index, question) in (content.questions + Array(repeating: blank, count: blankRows)).enumerated() {
            let questionProblems = problems.filter { $0.questionIndex == index }.map(\.code)
            rows.append(
                QuestionRow(
                    index: index, number: index + 1, key: question.key, isNew: !existingKeys.contains(question.key),
                    kinds: Choice.all(FollowUpQuestionKind.self, prefix: "question-kind", selected: question.kind.rawValue),
                    required: question.required,
                    texts: FollowUpTemplateService.languages.map {
                        TextField(language: $0, labelKey: "follow-up-templates.text.\($0)", value: question.text[$0] ?? "")
                    },
                    options: question.options.map { option in
                        ([option.value] + FollowUpTemplateService.languages.map { option.text[$0] ?? "" }).joined(separator: " | ")
                    }.joined(separator: "\n"),
                    meanings: Choice.all(FollowUpMeaning.self, prefix: "question-meaning", selected: question.meaning?.rawValue),
                    problems: questionProblems, hasProblems: !questionProblems.isEmpty))
        }
        var authors: [UUID: String] = [:]
        let versions = try await service.versions(of: template)
        for id in Set(versions.compactMap(\.createdBy)) { authors[id] = try await User.find(id, on: request.db)?.displayName }
        let general = problems.filter { $0.questionIndex == nil }.map(\.code)
        let page = Page(
            stageKey: "follow-up-stage.\(template.stage)", respondentKey: "follow-up-respondent.\(template.respondent)",
            version: template.currentVersion, action: SiteURL.adminFollowUpTemplate(template.id).path, questions: rows,
            versions: versions.map {
                VersionRow(
                    version: $0.version, createdAt: $0.createdAt, author: $0.createdBy.flatMap { authors[$0] } ?? "–",
                    isCurrent: $0.version == template.currentVersion)
            },
            generalProblems: general, hasProblems: !problems.isEmpty)
        return try await request.render(
            "Placements/template", page, layout: .init(request: request, titleKey: "follow-up-templates.edit.title"), status: status)
    }
}
