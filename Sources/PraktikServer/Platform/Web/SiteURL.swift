import Foundation
import Vapor

/// Every path of the site, in one place: routes are registered from `pathComponents` and links are
/// built from `path`, so a link cannot point at a route that does not exist.
enum SiteURL: Sendable {
    case root
    case glossary
    case login(next: String?)
    case logout
    case language
    case start
    case account
    case accountPassword
    case accountLanguage

    case adminUsers
    case adminNewUser
    case adminUser(UUID?)
    case adminUserPassword(UUID?)
    case adminUnits
    case adminUnit(UUID?)
    case adminAPITokens
    case adminAPITokenRevoke(UUID?)
    case adminAudit

    case employers
    case employerNew
    case employer(UUID?)
    case employerEdit(UUID?)
    case employerChecks(UUID?)
    case employerWorkplaces(UUID?)
    case employerWorkplaceNew(UUID?)
    case employerSignals
    case employerImport
    case employerImportBatch(UUID?)
    case employerExport
    case compilation
    case reports
    case report(String?)
    case boardReport
    case compilationExport
    case workplace(UUID?)
    case workplaceEdit(UUID?)
    case workplaceContacts(UUID?)
    case workplaceContactRemove(UUID?)
    case workplacePlaces(UUID?)
    case workplacePlaceNew(UUID?)
    case places
    case place(UUID?)
    case placeEdit(UUID?)
    case placeStatus(UUID?)
    case adminCheckTypes
    case adminCheckType(UUID?)
    case employerPortal
    case employerPortalWorkplace(UUID?)
    case employerPortalWorkplacePlaces(UUID?)
    case employerPortalWorkplacePlaceNew(UUID?)
    case employerPortalPlace(UUID?)
    case employerPortalPlaceStatus(UUID?)

    case healthLive
    case healthReady
    case metrics

    case apiMe
    case apiUnits
    case apiOpenAPI
    case apiEmployers
    case apiPlaces
    case apiPlaceUsability(UUID?)

    case participants
    case participantNew
    case participant(UUID?)
    case participantEdit(UUID?)
    case participantConsents(UUID?)
    case participantExit(UUID?)
    case participantOutcomes(UUID?)
    case participantExport(UUID?)
    case participantErase(UUID?)
    case participantTransfers
    case participantTransferAccept(UUID?)
    case participantTransferDecline(UUID?)
    case participantTransferWithdraw(UUID?)
    case adminRetention
    case adminConsentPurposes

    case adminHistoryImport
    case adminHistoryImportBatch(UUID?)

    case portal
    case portalSignIn
    case portalLink(String?)
    case portalConsents
    case portalExport
    case portalExportJSON

    // Placements
    case placements
    case participantPlacementNew(UUID?)
    case participantPlacements(UUID?)
    case placement(UUID?)
    case placementAction(UUID?)
    case placementDecision(UUID?)
    case placementAgreement(UUID?)
    case placementHours(UUID?)
    case placementOutcomes(UUID?)
    case placementHire(UUID?)
    case placementLetter(UUID?)
    case followUp(UUID?)
    case followUpSend(UUID?)
    case worklist
    case outcomeImport
    case outcomeImportBatch(UUID?)
    case adminFollowUpTemplates
    case adminFollowUpTemplate(UUID?)
    case adminPlacementProgrammes
    case adminPlacementProgramme(UUID?)
    case adminPlacementProgrammePurposes(UUID?)
    case followUpForm(String?)
    case agreementLink(String?)
    case checkpointLink(String?)
    case offerLink(String?)
    case interviewLink(String?)
    case employerPortalInterns
    case employerPortalIntern(UUID?)
    case employerPortalInternHire(UUID?)
    case employerPortalForm(UUID?)
    case portalPlacementLetter(UUID?)
    case apply
    case applyIntake(UUID?)
    case applyReceived
    case applicationStatusRequest
    case applicationStatus(String?)
    case applicationStatusCompletion(String?)
    case applicationStatusWithdraw(String?)
    case applicationStatusConsent(String?)
    case applicationStatusWaitingList(String?)
    case intakes
    case intakeNew
    case intake(UUID?)
    case intakeEdit(UUID?)
    case intakeStatus(UUID?)
    case intakeWaitingList(UUID?)
    case intakeScreening(UUID?)
    case intakeDecisions(UUID?)
    case intakeOutreach(UUID?)
    case intakeFunnel(UUID?)
    case intakeFunnelCSV(UUID?)
    case intakeUnfilled(UUID?)
    case intakeUnfilledCSV(UUID?)
    case intakeMatching(UUID?)
    case matchingRun(UUID?)
    case employerPortalShortlists
    case employerPortalShortlistOffers(UUID?)
    case employerPortalShortlistInterviews(UUID?)
    case employerPortalInterviewOutcome(UUID?)
    case employerPortalInterviewCancel(UUID?)
    case matchingRunRemove(UUID?)
    case matchingRunAdd(UUID?)
    case matchingRunPublish(UUID?)
    case application(UUID?)
    case applicationDecision(UUID?)
    case applicationCompletion(UUID?)
    case applicationAnswers(UUID?)
    case applicationOfferAnswer(UUID?)
    case outreachSelection(UUID?)
    case outreachSend(UUID?)
    case outreachLetters(UUID?)
    case outreachLettersPosted(UUID?)
    case eligibilityRules
    case adminProgrammes

    /// Components for route registration; identifiers become `:id` parameters.
    var pathComponents: [PathComponent] {
        switch self {
        case .root: []
        case .glossary: ["glossary"]
        case .login: ["login"]
        case .logout: ["logout"]
        case .language: ["language"]
        case .start: ["start"]
        case .account: ["account"]
        case .accountPassword: ["account", "password"]
        case .accountLanguage: ["account", "language"]
        case .adminUsers: ["admin", "users"]
        case .adminNewUser: ["admin", "users", "new"]
        case .adminUser: ["admin", "users", ":id"]
        case .adminUserPassword: ["admin", "users", ":id", "password"]
        case .adminUnits: ["admin", "units"]
        case .adminUnit: ["admin", "units", ":id"]
        case .adminAPITokens: ["admin", "api-tokens"]
        case .adminAPITokenRevoke: ["admin", "api-tokens", ":id", "revoke"]
        case .adminAudit: ["admin", "audit"]
        case .employers: ["employers"]
        case .employerNew: ["employers", "new"]
        case .employer: ["employers", ":id"]
        case .employerEdit: ["employers", ":id", "edit"]
        case .employerChecks: ["employers", ":id", "checks"]
        case .employerWorkplaces: ["employers", ":id", "workplaces"]
        case .employerWorkplaceNew: ["employers", ":id", "workplaces", "new"]
        case .employerSignals: ["employers", "signals"]
        case .employerImport: ["employers", "import"]
        case .employerImportBatch: ["employers", "import", ":id"]
        case .employerExport: ["employers", "export.csv"]
        case .compilation: ["employers", "compilation"]
        case .reports: ["reports"]
        case .report: ["reports", ":name"]
        case .boardReport: ["board-report"]
        case .compilationExport: ["employers", "compilation.csv"]
        case .workplace: ["workplaces", ":id"]
        case .workplaceEdit: ["workplaces", ":id", "edit"]
        case .workplaceContacts: ["workplaces", ":id", "contacts"]
        case .workplaceContactRemove: ["workplace-contacts", ":id", "remove"]
        case .workplacePlaces: ["workplaces", ":id", "places"]
        case .workplacePlaceNew: ["workplaces", ":id", "places", "new"]
        case .places: ["places"]
        case .place: ["places", ":id"]
        case .placeEdit: ["places", ":id", "edit"]
        case .placeStatus: ["places", ":id", "status"]
        case .adminCheckTypes: ["admin", "employer-checks"]
        case .adminCheckType: ["admin", "employer-checks", ":id"]
        case .employerPortal: ["employer-portal"]
        case .employerPortalWorkplace: ["employer-portal", "workplaces", ":id"]
        case .employerPortalWorkplacePlaces: ["employer-portal", "workplaces", ":id", "places"]
        case .employerPortalWorkplacePlaceNew: ["employer-portal", "workplaces", ":id", "places", "new"]
        case .employerPortalPlace: ["employer-portal", "places", ":id"]
        case .employerPortalPlaceStatus: ["employer-portal", "places", ":id", "status"]
        case .healthLive: ["healthz"]
        case .healthReady: ["readyz"]
        case .metrics: ["metrics"]
        case .apiMe: ["api", "v1", "me"]
        case .apiUnits: ["api", "v1", "units"]
        case .apiOpenAPI: ["api", "v1", "openapi.json"]
        case .apiEmployers: ["api", "v1", "employers"]
        case .apiPlaces: ["api", "v1", "places"]
        case .apiPlaceUsability: ["api", "v1", "places", ":id", "usability"]
        case .participants: ["participants"]
        case .participantNew: ["participants", "new"]
        case .participant: ["participants", ":id"]
        case .participantEdit: ["participants", ":id", "edit"]
        case .participantConsents: ["participants", ":id", "consents"]
        case .participantExit: ["participants", ":id", "exit"]
        case .participantOutcomes: ["participants", ":id", "outcomes"]
        case .participantExport: ["participants", ":id", "export.json"]
        case .participantErase: ["participants", ":id", "erase"]
        case .participantTransfers: ["participants", "transfers"]
        case .participantTransferAccept: ["participants", "transfers", ":id", "accept"]
        case .participantTransferDecline: ["participants", "transfers", ":id", "decline"]
        case .participantTransferWithdraw: ["participants", "transfers", ":id", "withdraw"]
        case .adminRetention: ["admin", "retention"]
        case .adminConsentPurposes: ["admin", "consent-purposes"]
        case .adminHistoryImport: ["admin", "history-import"]
        case .adminHistoryImportBatch: ["admin", "history-import", ":id"]
        case .portal: ["portal"]
        case .portalSignIn: ["portal", "sign-in"]
        case .portalLink: ["portal", "link", ":token"]
        case .portalConsents: ["portal", "consents"]
        case .portalExport: ["portal", "my-data"]
        case .portalExportJSON: ["portal", "my-data.json"]
        case .placements: ["placements"]
        case .participantPlacementNew: ["participants", ":id", "placements", "new"]
        case .participantPlacements: ["participants", ":id", "placements"]
        case .placement: ["placements", ":id"]
        case .placementAction: ["placements", ":id", "actions"]
        case .placementDecision: ["placements", ":id", "decision"]
        case .placementAgreement: ["placements", ":id", "agreement"]
        case .placementHours: ["placements", ":id", "hours"]
        case .placementOutcomes: ["placements", ":id", "outcomes"]
        case .placementHire: ["placements", ":id", "hire"]
        case .placementLetter: ["placements", ":id", "letter"]
        case .followUp: ["follow-ups", ":id"]
        case .followUpSend: ["follow-ups", ":id", "send"]
        case .worklist: ["worklist"]
        case .outcomeImport: ["outcomes", "import"]
        case .outcomeImportBatch: ["outcomes", "import", ":id"]
        case .adminFollowUpTemplates: ["admin", "follow-up-templates"]
        case .adminFollowUpTemplate: ["admin", "follow-up-templates", ":id"]
        case .adminPlacementProgrammes: ["admin", "placement-programmes"]
        case .adminPlacementProgramme: ["admin", "placement-programmes", ":id"]
        case .adminPlacementProgrammePurposes: ["admin", "placement-programmes", ":id", "purposes"]
        case .followUpForm: ["forms", ":token"]
        case .agreementLink: ["agreement", ":token"]
        case .checkpointLink: ["outcome", ":token"]
        case .offerLink: ["offers", ":token"]
        case .interviewLink: ["interviews", ":token"]
        case .employerPortalInterns: ["employer-portal", "interns"]
        case .employerPortalIntern: ["employer-portal", "interns", ":id"]
        case .employerPortalInternHire: ["employer-portal", "interns", ":id", "hire"]
        case .employerPortalForm: ["employer-portal", "forms", ":id"]
        case .portalPlacementLetter: ["portal", "placements", ":id", "letter"]
        case .apply: ["apply"]
        case .applyIntake: ["apply", ":id"]
        case .applyReceived: ["apply", "received"]
        case .applicationStatusRequest: ["apply", "status"]
        case .applicationStatus: ["apply", "status", ":token"]
        case .applicationStatusCompletion: ["apply", "status", ":token", "completion"]
        case .applicationStatusWithdraw: ["apply", "status", ":token", "withdraw"]
        case .applicationStatusConsent: ["apply", "status", ":token", "consent"]
        case .applicationStatusWaitingList: ["apply", "status", ":token", "waiting-list"]
        case .intakes: ["intakes"]
        case .intakeNew: ["intakes", "new"]
        case .intake: ["intakes", ":id"]
        case .intakeEdit: ["intakes", ":id", "edit"]
        case .intakeStatus: ["intakes", ":id", "status"]
        case .intakeWaitingList: ["intakes", ":id", "waiting-list"]
        case .intakeScreening: ["intakes", ":id", "screening"]
        case .intakeDecisions: ["intakes", ":id", "screening", "decisions"]
        case .intakeOutreach: ["intakes", ":id", "outreach"]
        case .intakeFunnel: ["intakes", ":id", "funnel"]
        case .intakeFunnelCSV: ["intakes", ":id", "funnel.csv"]
        case .intakeUnfilled: ["intakes", ":id", "unfilled"]
        case .intakeUnfilledCSV: ["intakes", ":id", "unfilled.csv"]
        case .intakeMatching: ["intakes", ":id", "matching"]
        case .matchingRun: ["matching-runs", ":id"]
        case .employerPortalShortlists: ["employer-portal", "shortlists"]
        case .employerPortalShortlistOffers: ["employer-portal", "shortlists", ":id", "offers"]
        case .employerPortalShortlistInterviews: ["employer-portal", "shortlists", ":id", "interviews"]
        case .employerPortalInterviewOutcome: ["employer-portal", "interviews", ":id", "outcome"]
        case .employerPortalInterviewCancel: ["employer-portal", "interviews", ":id", "cancel"]
        case .matchingRunRemove: ["matching-runs", ":id", "remove"]
        case .matchingRunAdd: ["matching-runs", ":id", "add"]
        case .matchingRunPublish: ["matching-runs", ":id", "publish"]
        case .application: ["applications", ":id"]
        case .applicationDecision: ["applications", ":id", "decision"]
        case .applicationCompletion: ["applications", ":id", "completion-requests"]
        case .applicationAnswers: ["applications", ":id", "answers"]
        case .applicationOfferAnswer: ["applications", ":id", "offer-answer"]
        case .outreachSelection: ["outreach", ":id"]
        case .outreachSend: ["outreach", ":id", "send"]
        case .outreachLetters: ["outreach", ":id", "letters"]
        case .outreachLettersPosted: ["outreach", ":id", "letters", "posted"]
        case .eligibilityRules: ["eligibility-rules"]
        case .adminProgrammes: ["admin", "programmes"]
        }
    }

    /// The link to this page.
    var path: String {
        var path = ""
        path.reserveCapacity(64)
        for component in pathComponents {
            path += "/"
            if case .parameter = component { path += identifier ?? "" } else { path += component.description }
        }
        if path.isEmpty { path = "/" }
        if case .login(let next?) = self, let safe = SiteURL.safeRedirectTarget(next),
            let encoded = safe.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)
        {
            path += "?next=" + encoded
        }
        return path
    }

    /// The value of the `:id` (or `:token`) component. Exhaustive on purpose: a new case must say
    /// whether it carries an identifier, or the compiler asks.
    private var identifier: String? {
        switch self {
        case .adminUser(let id), .adminUserPassword(let id), .adminUnit(let id), .adminAPITokenRevoke(let id),
            .participant(let id), .participantEdit(let id), .participantConsents(let id), .participantExit(let id),
            .participantOutcomes(let id), .participantExport(let id), .participantErase(let id),
            .participantTransferAccept(let id), .participantTransferDecline(let id), .participantTransferWithdraw(let id):
            id.map(UUIDText.format)
        case .portalLink(let token), .followUpForm(let token), .agreementLink(let token), .checkpointLink(let token), .offerLink(let token),
            .interviewLink(let token):
            token
        case .report(let name): name
        case .participantPlacementNew(let id), .participantPlacements(let id), .placement(let id), .placementAction(let id),
            .placementDecision(let id),
            .placementAgreement(let id), .placementHours(let id), .placementOutcomes(let id), .placementHire(let id),
            .placementLetter(let id), .followUp(let id), .followUpSend(let id), .outcomeImportBatch(let id),
            .adminFollowUpTemplate(let id), .adminPlacementProgramme(let id), .adminPlacementProgrammePurposes(let id),
            .employerPortalIntern(let id), .employerPortalInternHire(let id), .employerPortalForm(let id),
            .portalPlacementLetter(let id), .adminHistoryImportBatch(let id):
            id.map(UUIDText.format)
        case .applicationStatus(let token), .applicationStatusCompletion(let token), .applicationStatusWithdraw(let token),
            .applicationStatusConsent(let token), .applicationStatusWaitingList(let token):
            token
        case .applyIntake(let id), .intake(let id), .intakeEdit(let id), .intakeStatus(let id), .intakeWaitingList(let id),
            .intakeScreening(let id), .intakeDecisions(let id), .intakeOutreach(let id), .intakeFunnel(let id), .intakeFunnelCSV(let id),
            .intakeUnfilled(let id), .intakeUnfilledCSV(let id),
            .intakeMatching(let id), .matchingRun(let id), .matchingRunRemove(let id),
            .matchingRunAdd(let id), .matchingRunPublish(let id), .employerPortalShortlistOffers(let id),
            .employerPortalShortlistInterviews(let id), .employerPortalInterviewOutcome(let id), .employerPortalInterviewCancel(let id),
            .application(let id), .applicationDecision(let id), .applicationCompletion(let id), .applicationAnswers(let id),
            .applicationOfferAnswer(let id),
            .outreachSelection(let id), .outreachSend(let id), .outreachLetters(let id), .outreachLettersPosted(let id):
            id.map(UUIDText.format)
        case .employer(let id), .employerEdit(let id), .employerChecks(let id), .employerWorkplaces(let id),
            .employerWorkplaceNew(let id), .employerImportBatch(let id), .workplace(let id), .workplaceEdit(let id),
            .workplaceContacts(let id), .workplaceContactRemove(let id), .workplacePlaces(let id), .workplacePlaceNew(let id),
            .place(let id), .placeEdit(let id), .placeStatus(let id), .adminCheckType(let id), .employerPortalWorkplace(let id),
            .employerPortalWorkplacePlaces(let id), .employerPortalWorkplacePlaceNew(let id), .employerPortalPlace(let id),
            .employerPortalPlaceStatus(let id), .apiPlaceUsability(let id):
            id.map(UUIDText.format)
        case .root, .glossary, .login, .logout, .language, .start, .account, .accountPassword, .accountLanguage,
            .adminUsers, .adminNewUser, .adminUnits, .adminAPITokens, .adminAudit,
            .employers, .employerNew, .employerSignals, .employerImport, .employerExport, .compilation, .compilationExport, .reports,
            .boardReport,
            .places, .adminCheckTypes, .employerPortal,
            .healthLive, .healthReady, .metrics,
            .apiMe, .apiUnits, .apiOpenAPI, .apiEmployers, .apiPlaces,
            .participants, .participantNew, .participantTransfers, .adminRetention, .adminConsentPurposes,
            .portal, .portalSignIn, .portalConsents, .portalExport, .portalExportJSON,
            .placements, .worklist, .outcomeImport, .adminFollowUpTemplates, .adminPlacementProgrammes, .employerPortalInterns,
            .apply, .applyReceived, .applicationStatusRequest, .intakes, .intakeNew, .eligibilityRules, .adminProgrammes,
            .adminHistoryImport, .employerPortalShortlists:
            nil
        }
    }

    /// The link to this page with a query string (`/places?status=proposed`); empty values are left out.
    func path(query: KeyValuePairs<String, String>) -> String {
        let encoded = QueryString.encode(query.map { (key: $0.key, value: $0.value) })
        guard !encoded.isEmpty else { return path }
        return path + (path.contains("?") ? "&" : "?") + encoded
    }

    /// Accepts only a path on this site as the place to send a person after sign-in or a language
    /// switch, so `?next=` cannot send anyone to another site (open redirect).
    ///
    /// Browsers read a URL more loosely than we do: they drop tabs and line breaks anywhere, trim
    /// control characters and spaces, and take `\` for `/`, so `/\t/evil.example` or `/\evil.example`
    /// would leave for `//evil.example`. Hence only printable ASCII without `\`, a single leading `/`,
    /// no scheme or host, and the same once percent-decoded (no encoded control characters,
    /// spaces, backslashes or a leading `//`).
    static func safeRedirectTarget(_ candidate: String?) -> String? {
        guard let candidate, candidate.utf8.count <= RequestLimits.maximumTargetBytes,
            candidate.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\\") }),
            let decoded = candidate.removingPercentEncoding, !decoded.unicodeScalars.contains(where: Self.mayBeDroppedOrTurned),
            candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !decoded.hasPrefix("//"),
            let parsed = URLComponents(string: candidate), parsed.scheme == nil, parsed.host == nil
        else { return nil }
        return candidate
    }

    private static func mayBeDroppedOrTurned(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\\" || scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
    }
}
