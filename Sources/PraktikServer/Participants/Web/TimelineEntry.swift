import Foundation
import PraktikCore

/// One line of a participant's history as a page shows it: when, what, and who, all in words.
struct TimelineEntry: Encodable, Sendable {
    let when: String
    let text: String
    /// Who did it, in words; nil when the record does not say.
    let actor: String?

    /// Translates `event` for a page in `language`.
    init(_ event: ParticipantHistory.Event, formatting: LocalFormatting, translate: @escaping (String, [String]) -> String) {
        func t(_ key: String, _ arguments: String...) -> String { translate(key, arguments) }
        func who(_ actor: ParticipantHistory.Actor?) -> String? {
            guard let actor else { return nil }
            return AuditActorName.describe(name: actor.name, storedRole: actor.role, unitName: actor.unitName, translate: translate)
        }
        switch event {
        case .registered(let at, let by):
            when = formatting.dateTime(at)
            text = t("timeline.registered")
            actor = who(by)
        case .detailsChanged(let at, let fields, let by):
            when = formatting.dateTime(at)
            let labels = fields.map { field in AuditDetail.fieldLabelKeys[field].map { t($0) } ?? t("timeline.field.other") }
            text = t("timeline.details-changed", Array(Set(labels)).sorted().joined(separator: ", "))
            actor = who(by)
        case .consent(let at, let code, let isBuiltIn, let action, let channel, let by):
            when = formatting.dateTime(at)
            let purpose = isBuiltIn ? t("consent-purpose.\(code)") : code
            let how = channel.map { t("consent-channel.\($0.rawValue)") } ?? ""
            text = t(action == .given ? "timeline.consent-given" : "timeline.consent-withdrawn", purpose, how)
            actor = who(by)
        case .placement(let start, let end, let title, let workplace):
            when = formatting.date(start) + " – " + formatting.date(end)
            text = t("timeline.placement", title, workplace)
            actor = nil
        case .exited(let date, let reason, let outcome, let by):
            when = formatting.date(date)
            text =
                outcome.map { t("timeline.exited-with-outcome", t("exit-reason.\(reason)"), t("outcome-status.\($0)")) }
                ?? t("timeline.exited", t("exit-reason.\(reason)"))
            actor = who(by)
        case .outcome(let at, let horizon, let status, let source, let by):
            when = formatting.dateTime(at)
            text = t("timeline.outcome", t("outcome-horizon.\(horizon)"), t("outcome-status.\(status)"), t("outcome-source.\(source)"))
            actor = who(by)
        case .erased(let at, let by):
            when = formatting.dateTime(at)
            text = t("timeline.erased")
            actor = who(by)
        }
    }
}
