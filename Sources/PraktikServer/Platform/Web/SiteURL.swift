import Foundation
import Vapor

/// Every path of the site, in one place: routes are registered from `pathComponents` and links are
/// built from `path`, so a link cannot point at a route that does not exist.
enum SiteURL: Sendable {
    case root
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

    case healthLive
    case healthReady
    case metrics

    case apiMe
    case apiUnits
    case apiOpenAPI

    case participants
    case participantNew
    case participant(UUID?)
    case participantEdit(UUID?)
    case participantConsents(UUID?)
    case participantExit(UUID?)
    case participantOutcomes(UUID?)
    case participantExport(UUID?)
    case participantErase(UUID?)
    case adminRetention
    case adminConsentPurposes

    case portal
    case portalSignIn
    case portalLink(String?)
    case portalConsents
    case portalExport
    case portalExportJSON

    /// Components for route registration; identifiers become `:id` parameters.
    var pathComponents: [PathComponent] {
        switch self {
        case .root: []
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
        case .healthLive: ["healthz"]
        case .healthReady: ["readyz"]
        case .metrics: ["metrics"]
        case .apiMe: ["api", "v1", "me"]
        case .apiUnits: ["api", "v1", "units"]
        case .apiOpenAPI: ["api", "v1", "openapi.json"]
        case .participants: ["participants"]
        case .participantNew: ["participants", "new"]
        case .participant: ["participants", ":id"]
        case .participantEdit: ["participants", ":id", "edit"]
        case .participantConsents: ["participants", ":id", "consents"]
        case .participantExit: ["participants", ":id", "exit"]
        case .participantOutcomes: ["participants", ":id", "outcomes"]
        case .participantExport: ["participants", ":id", "export.json"]
        case .participantErase: ["participants", ":id", "erase"]
        case .adminRetention: ["admin", "retention"]
        case .adminConsentPurposes: ["admin", "consent-purposes"]
        case .portal: ["portal"]
        case .portalSignIn: ["portal", "sign-in"]
        case .portalLink: ["portal", "link", ":token"]
        case .portalConsents: ["portal", "consents"]
        case .portalExport: ["portal", "my-data"]
        case .portalExportJSON: ["portal", "my-data.json"]
        }
    }

    /// The link to this page.
    var path: String {
        var path = "/" + pathComponents.map { component -> String in
            if case .parameter = component { return identifier ?? "" }
            return component.description
        }.joined(separator: "/")
        if case .login(let next?) = self, let safe = SiteURL.safeRedirectTarget(next),
            let encoded = safe.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)
        {
            path += "?next=" + encoded
        }
        return path
    }

    private var identifier: String? {
        switch self {
        case .adminUser(let id), .adminUserPassword(let id), .adminUnit(let id), .adminAPITokenRevoke(let id),
            .participant(let id), .participantEdit(let id), .participantConsents(let id), .participantExit(let id),
            .participantOutcomes(let id), .participantExport(let id), .participantErase(let id):
            id?.uuidString
        case .portalLink(let token): token
        default: nil
        }
    }

    /// Accepts only same-site relative paths as redirect targets, so `?next=` cannot send a person
    /// to another site after sign-in (open redirect).
    static func safeRedirectTarget(_ candidate: String?) -> String? {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.hasPrefix("/\\"),
            !candidate.contains("\n"), !candidate.contains("\r")
        else { return nil }
        return candidate
    }
}
