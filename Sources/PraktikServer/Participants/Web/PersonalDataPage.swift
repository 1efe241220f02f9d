import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// "Everything we hold about you", for the job seeker to read: their details in words, their
/// languages, target groups, consents, placements, follow-ups and messages, and who has seen or
/// changed their record, with dates written out and no codes or ids. The JSON download beside it
/// holds every stored value (`PersonalDataExport`); this page is the same data made readable.
struct PersonalDataPage: Encodable {
    struct Fact: Encodable {
        let label: String
        let value: String
    }

    struct Section: Encodable {
        let titleKey: String
        let introKey: String?
        let rows: [[Fact]]
        let facts: [Fact]
        let hasFacts: Bool

        init(titleKey: String, introKey: String?, rows: [[Fact]], facts: [Fact]) {
            self.titleKey = titleKey
            self.introKey = introKey
            self.rows = rows
            self.facts = facts
            self.hasFacts = !facts.isEmpty
        }
    }

    struct Access: Encodable {
        let when: String
        let what: String
        let who: String
    }

    let details: [Fact]
    let sections: [Section]
    /// Tables about the person that this page has no section for yet: named and counted, and in the download.
    let otherRecords: Int
    let hasOtherRecords: Bool
    let history: [TimelineEntry]
    let access: [Access]
    let hasAccess: Bool
    let jsonHref: String

    static func build(for participant: Participant, on request: Request) async throws -> PersonalDataPage {
        let id = try participant.requireID()
        let sql = try request.sql
        let language = request.language
        let formatting = LocalFormatting(language: language)
        let translate = { (key: String, arguments: [String]) in
            request.application.translations.text(for: key, in: language, arguments: arguments)
        }
        func t(_ key: String, _ arguments: String...) -> String { translate(key, arguments) }
        func fact(_ labelKey: String, _ value: String?) -> Fact {
            Fact(label: t(labelKey), value: value.flatMap { $0.isEmpty ? nil : $0 } ?? "–")
        }

        // Your details
        let identifier = try? PersonIdentifier(storageValue: participant.personIdentifier)
        struct Names: Decodable {
            let unit_name: String?
            let responsible_name: String?
        }
        let names = try await sql.raw(
            """
            SELECT un.name AS unit_name, u.display_name AS responsible_name
            FROM participants p LEFT JOIN units un ON un.id = p.unit_id LEFT JOIN users u ON u.id = p.responsible_user_id
            WHERE p.id = \(bind: id)
            """
        ).first(decoding: Names.self)
        var details: [Fact] = [
            fact("my-data.name", participant.displayName),
            fact("participant.person-number", identifier?.formatted ?? t("identifier-kind.\(participant.identifierKind)")),
            fact("participant.email", participant.email), fact("participant.phone", participant.phone),
            fact("participant.postal-address", participant.postalAddress),
            fact("participant.birth-year", participant.birthYear.map(String.init)),
            fact("participant.gender", t("gender.\(participant.gender)")),
            fact("participant.birth-region", t("birth-region.\(participant.birthRegion)")),
            fact("participant.education-level", t("education-level.\(participant.educationLevel)")),
            fact(
                "participant.education-field",
                EducationField.translationKey(forStored: participant.educationField).map { t($0) } ?? participant.educationField),
            fact("participant.benefit-type", t("benefit-type.\(participant.benefitType)")),
            fact(
                "participant.message-language",
                t("language.\(participant.messageLanguage(or: request.application.settings.defaultLanguage).tag)")),
            fact("participants.status", t("participant-status.\(participant.status)")),
            fact("participant.unit", names?.unit_name), fact("participant.responsible", names?.responsible_name),
            fact("my-data.registered", participant.createdAt.map(formatting.date)),
        ]
        if let exit = participant.exitDate.flatMap(CivilDate.init(iso8601:)) {
            details.append(fact("participant.exit-date", formatting.date(exit)))
            details.append(fact("participant.exit-reason", t("exit-reason.\(participant.exitReason ?? "other")")))
        }

        var sections: [Section] = []
        let records = ParticipantDetails(database: request.db)
        let languages = try await records.languages(of: id)
        if !languages.isEmpty {
            sections.append(
                Section(
                    titleKey: "export.table.participant_languages", introKey: nil, rows: [],
                    facts: languages.map { Fact(label: t("language-name.\($0.language)"), value: t("language-level.\($0.level)")) }))
        }
        let groups = try await records.targetGroups(of: id)
        if !groups.isEmpty {
            sections.append(
                Section(
                    titleKey: "export.table.participant_target_groups", introKey: nil, rows: [],
                    facts: groups.map { Fact(label: t("target-group.\($0.tag)"), value: "") }))
        }

        // Consents, placements and follow-ups come from the same history as the case worker's timeline.
        let history = try await ParticipantHistory(sql: sql).events(of: id)
        var consentRows: [[Fact]] = []
        var placementRows: [[Fact]] = []
        var outcomeRows: [[Fact]] = []
        for event in history {
            switch event {
            case .consent(let at, let code, let isBuiltIn, let action, let channel, let by):
                consentRows.append([
                    fact("my-data.consent.purpose", isBuiltIn ? t("consent-purpose.\(code)") : code),
                    fact("my-data.consent.decision", t("consent.action.\(action.rawValue)")),
                    fact("my-data.when", formatting.dateTime(at)),
                    fact("consent.channel", channel.map { t("consent-channel.\($0.rawValue)") }),
                    fact("my-data.recorded-by", consentRecorder(by, channel: channel, translate)),
                ])
            case .placement(let start, let end, let title, let workplace):
                placementRows.append([
                    fact("my-data.placement.place", title), fact("my-data.placement.workplace", workplace),
                    fact("my-data.placement.period", formatting.date(start) + " – " + formatting.date(end)),
                ])
            case .outcome(let at, let horizon, let status, let source, _):
                outcomeRows.append([
                    fact("participant.follow-up.horizon", t("outcome-horizon.\(horizon)")),
                    fact("participant.follow-up.status", t("outcome-status.\(status)")),
                    fact("participant.follow-up.source", t("outcome-source.\(source)")), fact("my-data.when", formatting.date(at)),
                ])
            case .exited(_, _, let outcome?, _):
                outcomeRows.append([
                    fact("participant.follow-up.horizon", t("outcome-horizon.at_exit")),
                    fact("participant.follow-up.status", t("outcome-status.\(outcome)")),
                ])
            default:
                break
            }
        }
        if !consentRows.isEmpty {
            sections.append(
                Section(titleKey: "export.table.consent_events", introKey: "my-data.consents.intro", rows: consentRows, facts: []))
        }
        if !placementRows.isEmpty {
            sections.append(Section(titleKey: "export.table.placements", introKey: nil, rows: placementRows, facts: []))
        }
        if !outcomeRows.isEmpty {
            sections.append(Section(titleKey: "export.table.participant_outcomes", introKey: nil, rows: outcomeRows, facts: []))
        }

        // Messages, sign-in links and the portal account.
        struct Message: Decodable {
            let subject: String
            let created_at: Date
            let sent_at: Date?
        }
        let messages = try await sql.raw(
            "SELECT subject, created_at, sent_at FROM outbox_messages WHERE participant_id = \(bind: id) ORDER BY created_at DESC"
        ).all(decoding: Message.self)
        if !messages.isEmpty {
            sections.append(
                Section(
                    titleKey: "export.table.outbox_messages", introKey: nil,
                    rows: messages.map {
                        [
                            fact("my-data.message.subject", $0.subject), fact("my-data.when", formatting.dateTime($0.created_at)),
                            fact("my-data.message.sent", $0.sent_at.map { formatting.dateTime($0) } ?? t("my-data.message.not-sent")),
                        ]
                    }, facts: []))
        }
        struct Links: Decodable {
            let n: Int
            let latest: Date?
        }
        if let links = try await sql.raw(
            "SELECT COUNT(*) AS n, MAX(created_at) AS latest FROM portal_sign_in_links WHERE participant_id = \(bind: id)"
        ).first(decoding: Links.self), links.n > 0 {
            sections.append(
                Section(
                    titleKey: "export.table.portal_sign_in_links", introKey: "my-data.links.intro", rows: [],
                    facts: [
                        fact("my-data.links.count", String(links.n)), fact("my-data.links.latest", links.latest.map(formatting.dateTime)),
                    ]))
        }

        // Who has seen or changed the record.
        let export = try await PersonalDataExport.collect(participantID: id, on: request.db, now: request.now)
        let described = Set([
            "participants", "participant_languages", "participant_target_groups", "consent_events", "placements",
            "participant_outcomes", "outbox_messages", "portal_sign_in_links", "users",
        ])
        let other = export.linkedRecords.filter { !described.contains($0.key) }.values.reduce(0) { $0 + $1.count }
        let ownUserID = request.currentUser?.id
        let access = try await accessLog(of: id, sql: sql).map { row in
            Access(
                when: formatting.dateTime(row.occurred_at), what: t("audit.action.\(row.action)"),
                who: row.actor_user_id != nil && row.actor_user_id == ownUserID
                    ? t("my-data.you")
                    : AuditActorName.describe(
                        name: row.display_name, storedRole: row.actor_role, unitName: row.unit_name, translate: translate))
        }
        return PersonalDataPage(
            details: details, sections: sections, otherRecords: other, hasOtherRecords: other > 0,
            history: history.map { TimelineEntry($0, formatting: formatting, translate: translate) },
            access: access, hasAccess: !access.isEmpty, jsonHref: SiteURL.portalExportJSON.path)
    }

    /// "You" only for a decision the person made themselves: through their own account, or without
    /// one on the application form or the application's status page. A decision on paper or by phone
    /// without an account behind it was entered by the job centre (by hand, an import or the demo data).
    private static func consentRecorder(
        _ actor: ParticipantHistory.Actor?, channel: ConsentChannel?, _ translate: @escaping (String, [String]) -> String
    ) -> String {
        if let actor {
            return actor.role == Role.participant.rawValue ? translate("my-data.you", []) : who(actor, translate)
        }
        switch channel {
        case .portal, .webForm: return translate("my-data.you", [])
        case .paper, .phone, nil: return translate("my-data.job-centre", [])
        }
    }

    private static func who(_ actor: ParticipantHistory.Actor, _ translate: @escaping (String, [String]) -> String) -> String {
        AuditActorName.describe(name: actor.name, storedRole: actor.role, unitName: actor.unitName, translate: translate)
    }

    struct AccessRow: Decodable {
        let occurred_at: Date
        let action: String
        let actor_user_id: UUID?
        let actor_role: String
        let display_name: String?
        let unit_name: String?
    }

    /// Every audited look at or change of the record, newest first.
    static func accessLog(of participantID: UUID, sql: any SQLDatabase) async throws -> [AccessRow] {
        try await sql.raw(
            """
            SELECT a.occurred_at, a.action, a.actor_user_id, a.actor_role, u.display_name, un.name AS unit_name
            FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id LEFT JOIN units un ON un.id = u.unit_id
            WHERE a.record_type = \(bind: AuditRecordKind.participant.rawValue) AND a.record_id = \(bind: participantID.uuidString)
            ORDER BY a.occurred_at DESC
            """
        ).all(decoding: AccessRow.self)
    }
}
