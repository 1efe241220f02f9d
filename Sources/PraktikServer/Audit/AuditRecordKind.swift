import Foundation

/// What kind of record an audit event is about. Stored as its raw value in `audit_events.record_type`;
/// shown with its translated name (`audit.record.<raw value>`) and, where the record has a page, as a
/// link to it, so the log never shows an internal code or a bare id.
///
/// A capability that audits a new kind of record adds a case here (the compiler then asks for its
/// link) and its name in `Resources/Locales/*/audit.json`; `TranslationTests` checks every case.
enum AuditRecordKind: String, CaseIterable, Sendable, Codable {
    case participant
    case user
    case apiToken = "api_token"
    case employer
    case employerCheck = "employer_check"
    case employerCheckType = "employer_check_type"
    case employerCompilation = "employer_compilation"
    case employerRegister = "employer_register"
    case importBatch = "import_batch"
    case place
    case workplace
    case workplaceContact = "workplace_contact"
    case workplaceContacts = "workplace_contacts"
    case consentPurpose = "consent_purpose"
    case participantTransfer = "participant_transfer"
    case placement
    case placementProgramme = "placement_programme"
    case followUpTemplate = "follow_up_template"
    /// An employer contact's list of their interns (a view of several people at once).
    case employerInterns = "employer_interns"
    // Intake
    case programme
    case intake
    case application
    case intakeFunnel = "intake_funnel"
    case outreachSelection = "outreach_selection"
    // Reports
    case historyImport = "history_import"

    var nameKey: String { "audit.record.\(rawValue)" }

    /// The page that shows the record, for someone allowed to open it; nil when it has none of its own
    /// (a check is shown on its employer's page, which the event does not name).
    func page(of id: UUID) -> SiteURL? {
        switch self {
        case .participant: .participant(id)
        case .user: .adminUser(id)
        case .employer: .employer(id)
        case .importBatch: .employerImportBatch(id)
        case .place: .place(id)
        case .workplace, .workplaceContacts: .workplace(id)
        case .apiToken: .adminAPITokens
        case .employerCheckType: .adminCheckTypes
        case .consentPurpose: .adminConsentPurposes
        case .employerCompilation: .compilation
        case .participantTransfer: .participantTransfers
        case .placement: .placement(id)
        case .placementProgramme: .adminPlacementProgramme(id)
        case .followUpTemplate: .adminFollowUpTemplate(id)
        case .employerInterns: .employerPortalInterns
        case .intake: .intake(id)
        case .application: .application(id)
        case .intakeFunnel: .intakeFunnel(id)
        case .outreachSelection: .outreachSelection(id)
        case .programme: .adminProgrammes
        case .historyImport: .adminHistoryImportBatch(id)
        case .employerCheck, .employerRegister, .workplaceContact: nil
        }
    }
}
