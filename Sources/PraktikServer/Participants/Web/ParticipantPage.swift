import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The participant's record page: details, consents, timeline, and the actions the record's state
/// allows (edit and exit while active; outcome follow-ups after exit, with consent; erasure).
struct ParticipantPage: Encodable {
    struct Fact: Encodable {
        let labelKey: String
        let value: String
        let valueKey: String?
    }

    struct ConsentRow: Encodable {
        let code: String
        /// A translation key for the built-in purposes; an admin's own purposes show their code.
        let labelKey: String
        let label: String?
        let text: String
        let legalBasisKey: String
        let isActive: Bool
        /// When, how and by whom the latest decision was recorded, in words; nil if never.
        var latest: String? = nil
    }

    let id: String
    let name: String
    let statusKey: String
    let isActive: Bool
    let isExited: Bool
    let isErased: Bool
    let facts: [Fact]
    let languages: [Fact]
    let targetGroupKeys: [String]
    let consents: [ConsentRow]
    let channels: [Choice]
    let timeline: [TimelineEntry]
    let hasTimeline: Bool
    let exitReasons: [Choice]
    let outcomeStatuses: [Choice]
    let followUpHorizons: [Choice]
    let outcomeSources: [Choice]
    let postExitConsent: Bool
    let today: String
    let refusalKey: String?
    let formError: String?
    let listHref: String
    let editHref: String
    let consentsAction: String
    let exitAction: String
    let outcomesAction: String
    let exportHref: String
    let eraseAction: String

    static func render(
        _ request: Request, _ participant: Participant, refusal: ParticipantRecordPolicy.Refusal?,
        status: HTTPResponseStatus, formError: String? = nil
    ) async throws -> Response {
        let page = try await build(request, participant, refusal: refusal, formError: formError)
        return try await request.render(
            "Participants/show", page, layout: .init(request: request, titleKey: "participants.show.title", titleArgument: page.name),
            status: status)
    }

    private static func build(
        _ request: Request, _ p: Participant, refusal: ParticipantRecordPolicy.Refusal?, formError: String?
    ) async throws -> ParticipantPage {
        let id = try p.requireID()
        let db = request.db
        let language = request.language
        let ledger = try await ConsentService(database: db, clock: request.application.clock).ledger(for: id)
        let now = request.now.timeIntervalSince1970
        let purposes = try await ConsentService(database: db, clock: request.application.clock).purposes()
        let details = ParticipantDetails(database: db)
        let unitName = try await UnitService(database: db).name(of: p.$unit.id)
        let responsible = try await details.responsibleName(of: p)
        let identifier = try? PersonIdentifier(storageValue: p.personIdentifier)
        let isErased = p.erasedAt != nil

        var facts: [Fact] = [
            Fact(
                labelKey: "participant.person-number", value: identifier?.formatted ?? "",
                valueKey: identifier?.formatted == nil ? "identifier-kind.\(p.identifierKind)" : nil),
            Fact(labelKey: "participant.email", value: p.email ?? "–", valueKey: nil),
            Fact(labelKey: "participant.phone", value: p.phone ?? "–", valueKey: nil),
            Fact(labelKey: "participant.postal-address", value: p.postalAddress ?? "–", valueKey: nil),
            Fact(labelKey: "participant.birth-year", value: p.birthYear.map(String.init) ?? "–", valueKey: nil),
            Fact(labelKey: "participant.gender", value: "", valueKey: "gender.\(p.gender)"),
            Fact(labelKey: "participant.birth-region", value: "", valueKey: "birth-region.\(p.birthRegion)"),
            Fact(labelKey: "participant.education-level", value: "", valueKey: "education-level.\(p.educationLevel)"),
            Fact(
                labelKey: "participant.education-field", value: p.educationField ?? "–",
                valueKey: EducationField.translationKey(forStored: p.educationField)),
            Fact(labelKey: "participant.benefit-type", value: "", valueKey: "benefit-type.\(p.benefitType)"),
            Fact(
                labelKey: "participant.message-language", value: "",
                valueKey: "language.\(p.messageLanguage(or: request.application.settings.defaultLanguage).tag)"),
            Fact(labelKey: "participant.unit", value: unitName ?? "", valueKey: nil),
            Fact(labelKey: "participant.responsible", value: responsible ?? "–", valueKey: nil),
        ]
        if let exitDate = p.exitDate {
            facts.append(Fact(labelKey: "participant.exit-date", value: exitDate, valueKey: nil))
            facts.append(Fact(labelKey: "participant.exit-reason", value: "", valueKey: "exit-reason.\(p.exitReason ?? "other")"))
        }

        let languages = try await details.languages(of: id).map {
            Fact(labelKey: "language-name.\($0.language)", value: "", valueKey: "language-level.\($0.level)")
        }
        let groups = try await details.targetGroups(of: id).map { "target-group.\($0.tag)" }

        let history = try await ParticipantHistory(sql: try request.sql).events(of: id)
        let formatting = LocalFormatting(language: language)
        let translate = { (key: String, arguments: [String]) in
            request.application.translations.text(for: key, in: language, arguments: arguments)
        }
        let consents = purposes.map { purpose in
            ConsentRow(
                code: purpose.code, labelKey: "consent-purpose.\(purpose.code)", label: purpose.is_built_in ? nil : purpose.code,
                text: purpose.text(in: language),
                legalBasisKey: "legal-basis.\(purpose.legal_basis)", isActive: ledger.isActive(purpose.code, at: now),
                latest: Self.latestDecision(on: purpose.code, in: history, formatting: formatting, translate: translate))
        }

        return ParticipantPage(
            id: id.uuidString, name: isErased ? request.translate("participant.erased-name") : p.displayName,
            statusKey: "participant-status.\(p.status)", isActive: p.status == ParticipantStatus.active.rawValue,
            isExited: p.status == ParticipantStatus.exited.rawValue, isErased: isErased, facts: facts, languages: languages,
            targetGroupKeys: groups, consents: consents,
            channels: Choice.all(ConsentChannel.self, prefix: "consent-channel", selected: ConsentChannel.webForm.rawValue),
            timeline: history.map { TimelineEntry($0, formatting: formatting, translate: translate) }, hasTimeline: !history.isEmpty,
            exitReasons: Choice.all(ExitReason.self, prefix: "exit-reason", selected: nil),
            outcomeStatuses: Choice.all(OutcomeStatus.self, prefix: "outcome-status", selected: nil),
            followUpHorizons: OutcomeHorizon.allCases.filter { $0 != .atExit }.map {
                Choice(value: $0.rawValue, labelKey: "outcome-horizon.\($0.rawValue)", isSelected: $0 == .threeMonths)
            },
            outcomeSources: Choice.all(OutcomeSource.self, prefix: "outcome-source", selected: OutcomeSource.caseWorker.rawValue),
            postExitConsent: ledger.isActive(BuiltInConsentPurpose.postExitFollowUp.rawValue, at: now),
            today: try request.application.clock.today().description,
            refusalKey: refusal?.messageKey, formError: formError, listHref: SiteURL.participants.path,
            editHref: SiteURL.participantEdit(id).path, consentsAction: SiteURL.participantConsents(id).path,
            exitAction: SiteURL.participantExit(id).path, outcomesAction: SiteURL.participantOutcomes(id).path,
            exportHref: SiteURL.participantExport(id).path, eraseAction: SiteURL.participantErase(id).path)
    }

    /// "Given 2026-11-20 on paper, recorded by Samir Haddad, case worker at Jobbtorg City".
    static func latestDecision(
        on purpose: String, in history: [ParticipantHistory.Event], formatting: LocalFormatting,
        translate: @escaping (String, [String]) -> String
    ) -> String? {
        for event in history {  // newest first
            guard case .consent(let at, let code, _, let action, let channel, let by) = event, code == purpose else { continue }
            let how = channel.map { translate("consent-channel.\($0.rawValue)", []) } ?? ""
            let when = formatting.date(at)
            let who = by.map { AuditActorName.describe(name: $0.name, storedRole: $0.role, unitName: $0.unitName, translate: translate) }
            let key = action == .given ? "consent.latest.given" : "consent.latest.withdrawn"
            return who.map { translate(key + "-by", [when, how, $0]) } ?? translate(key, [when, how])
        }
        return nil
    }
}
