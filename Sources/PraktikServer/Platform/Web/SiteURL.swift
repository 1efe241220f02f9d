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
        }
    }

    /// The link to this page.
    var path: String {
        var path = "/" + pathComponents.map { component -> String in
            if case .parameter = component { return identifier?.uuidString ?? "" }
            return component.description
        }.joined(separator: "/")
        if case .login(let next?) = self, let safe = SiteURL.safeRedirectTarget(next),
            let encoded = safe.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)
        {
            path += "?next=" + encoded
        }
        return path
    }

    private var identifier: UUID? {
        switch self {
        case .adminUser(let id), .adminUserPassword(let id), .adminUnit(let id), .adminAPITokenRevoke(let id): id
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
