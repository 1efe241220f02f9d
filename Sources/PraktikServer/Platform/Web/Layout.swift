import PraktikCore
import Vapor

/// What the shared page frame (`layout.leaf`) needs on every page: language, navigation for the
/// signed-in role, the CSRF token for forms, and the page title.
struct Layout: Encodable {
    struct NavigationItem: Encodable {
        let labelKey: String
        let href: String
        let isCurrent: Bool
    }

    struct LanguageOption: Encodable {
        let code: String
        let nameKey: String
        let isCurrent: Bool
    }

    struct SignedInSummary: Encodable {
        let displayName: String
        let roleKey: String
    }

    let language: String
    let titleKey: String
    let titleArgument: String
    let csrfToken: String
    let currentPath: String
    let user: SignedInSummary?
    let navigation: [NavigationItem]
    let languages: [LanguageOption]
    /// The page was reached through `redirectShowingSaved`: `Shared/saved-notice` says "Saved".
    let showsSavedNotice: Bool
    /// A file under `Public/`, served by `FileMiddleware` rather than a route.
    let stylesheetHref = "/css/app.css"
    let iconHref = "/favicon.svg"
    let homeHref = SiteURL.root.path
    let glossaryHref = SiteURL.glossary.path
    let languageAction = SiteURL.language.path
    let logoutAction = SiteURL.logout.path

    init(request: Request, titleKey: String, titleArgument: String = "") {
        self.language = request.language.tag
        self.titleKey = titleKey
        self.titleArgument = titleArgument
        self.csrfToken = request.csrfToken
        self.currentPath = request.url.path
        self.user = request.currentUser.map {
            SignedInSummary(displayName: $0.displayName, roleKey: "role.\($0.role.rawValue)")
        }
        // Each path made once: the menu is on every page, and making a path builds its components.
        let items = Self.navigation(for: request.currentUser?.role).map { (labelKey: $0.labelKey, path: $0.url.path) }
        let current = Self.currentItem(among: items.map(\.path), path: request.url.path)
        self.navigation = items.map { NavigationItem(labelKey: $0.labelKey, href: $0.path, isCurrent: $0.path == current) }
        self.languages = AppLanguage.allCases.map {
            LanguageOption(code: $0.tag, nameKey: "language.\($0.tag)", isCurrent: $0 == request.language)
        }
        self.showsSavedNotice = request.query(SavedNotice.parameter) == "true"
    }

    /// The one menu item the page belongs to: the item whose path is the longest prefix of the
    /// page's path, so `/employers/signals` marks "Signals" and not also "Employers".
    static func currentItem(among paths: [String], path: String) -> String? {
        paths.filter { path == $0 || ($0 != SiteURL.start.path && path.hasPrefix($0 + "/")) }
            .max { $0.count < $1.count }
    }

    /// The menu of each role. Later capabilities add their pages here.
    static func navigation(for role: Role?) -> [(labelKey: String, url: SiteURL)] {
        guard let role else { return [] }
        var items: [(String, SiteURL)] = [("nav.start", .start)]
        switch role {
        case .admin:
            items += [
                ("nav.participants", .participants),
                ("nav.users", .adminUsers), ("nav.units", .adminUnits),
                ("nav.api-tokens", .adminAPITokens), ("nav.audit", .adminAudit),
                ("nav.retention", .adminRetention), ("nav.consent-purposes", .adminConsentPurposes),
                ("nav.employers", .employers), ("nav.places", .places), ("nav.compilation", .compilation), ("nav.reports", .reports),
                ("nav.employer-checks", .adminCheckTypes), ("nav.history-import", .adminHistoryImport),
                ("nav.placements", .placements), ("nav.follow-up-templates", .adminFollowUpTemplates),
                ("nav.placement-programmes", .adminPlacementProgrammes), ("nav.outcome-import", .outcomeImport),
            ]
        case .caseWorker:
            items += [
                ("nav.participants", .participants), ("nav.placements", .placements), ("nav.employers", .employers),
                ("nav.places", .places), ("nav.employer-signals", .employerSignals), ("nav.compilation", .compilation),
                ("nav.reports", .reports),
            ]
        case .participant:
            items += [("nav.portal", .portal), ("nav.my-data", .portalExport)]
        case .employerContact:
            items += [
                ("nav.employer-portal", .employerPortal), ("nav.shortlists", .employerPortalShortlists),
                ("nav.interns", .employerPortalInterns),
            ]
        case .analyst:
            items += [("nav.compilation", .compilation), ("nav.reports", .reports)]
        }
        // Intake: the intakes a user works with (an analyst: their funnels); programmes for the admin.
        switch role {
        case .admin: items += [("nav.intakes", .intakes), ("nav.programmes", .adminProgrammes)]
        case .caseWorker, .analyst: items += [("nav.intakes", .intakes)]
        case .participant, .employerContact: break
        }
        items.append(("nav.account", .account))
        return items
    }
}
