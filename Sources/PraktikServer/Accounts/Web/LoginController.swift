import Fluent
import PraktikCore
import Vapor

/// Sign-in, sign-out and the language switch.
enum LoginController {
    struct LoginPage: Encodable {
        var email: String = ""
        var next: String = ""
        var errorKey: String?
        var errorArgument: String = ""
        let action = SiteURL.login(next: nil).path
        let participantSignInHref = SiteURL.portalSignIn.path
    }

    struct LoginForm: Decodable {
        var email: String?
        var password: String?
        var next: String?
    }

    @Sendable static func root(_ request: Request) async throws -> Response {
        request.redirect(to: request.currentUser == nil ? SiteURL.login(next: nil).path : SiteURL.start.path)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        if request.currentUser != nil { return request.redirect(to: SiteURL.start.path) }
        let next = nextPage(request.query("next"))
        return try await render(request, LoginPage(next: next), status: .ok)
    }

    @Sendable static func submit(_ request: Request) async throws -> Response {
        let form = try request.content.decode(LoginForm.self)
        let email = form.email ?? ""
        let next = nextPage(form.next)
        do {
            let user = try await request.loginService.signIn(
                email: email, password: form.password ?? "", clientAddress: request.clientAddress)
            guard let userID = user.id else { throw AppError.forbidden }
            let store = request.sessionStore
            // A fresh session id at every sign-in: a cookie planted before sign-in is worthless.
            if let previous = request.currentSession { try await store.end(previous, reason: .replaced) }
            let (token, session) = try await store.start(for: userID)
            request.currentSession = session
            request.currentUser = try await request.adoptLanguageChosenBeforeSignIn(for: try user.signedIn())
            try await request.auditLog().record(.signIn, by: request.auditActor, recordType: .user, recordID: userID)
            let response = request.redirect(to: next.isEmpty ? SiteURL.start.path : next)
            response.setSessionCookie(token, for: request)
            return response
        } catch LoginService.Failure.invalidCredentials {
            let page = LoginPage(email: email, next: next, errorKey: "login.invalid")
            return try await render(request, page, status: .unauthorized)
        } catch LoginService.Failure.throttled(let seconds) {
            let minutes = String(max(1, (seconds + 59) / 60))
            let page = LoginPage(email: email, next: next, errorKey: "login.throttled", errorArgument: minutes)
            let response = try await render(request, page, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: String(seconds))
            return response
        }
    }

    @Sendable static func logout(_ request: Request) async throws -> Response {
        // A participant signs in again through the portal, not through the staff sign-in.
        let signInPage = request.currentUser?.role == .participant ? SiteURL.portalSignIn.path : SiteURL.login(next: nil).path
        if let session = request.currentSession {
            try await request.sessionStore.end(session, reason: .signedOut)
            try await request.auditLog().record(.signOut, by: request.auditActor, recordType: .user, recordID: request.currentUser?.id)
        }
        let response = request.redirect(to: signInPage)
        response.clearSessionCookie(for: request)
        return response
    }

    struct LanguageForm: Decodable {
        var language: String
        var returnTo: String?
    }

    /// The switch on every page: a small form, so it works without JavaScript.
    @Sendable static func switchLanguage(_ request: Request) async throws -> Response {
        let form = try request.content.decode(LanguageForm.self)
        guard let language = AppLanguage(rawValue: form.language) else {
            throw AppError.badRequest(messageKey: "error.bad-request")
        }
        if let signedIn = request.currentUser {
            try await request.accountService.setLanguage(language, for: signedIn.id)
        }
        let response = request.redirect(to: SiteURL.safeRedirectTarget(form.returnTo) ?? SiteURL.root.path)
        response.cookies[LanguageMiddleware.cookieName] = HTTPCookies.Value(
            string: language.rawValue, maxAge: 365 * 24 * 3600, path: "/",
            isSecure: request.application.settings.servesHTTPS, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    /// Where to go after sign-in: a same-site page, but never back to the sign-in page itself.
    private static func nextPage(_ candidate: String?) -> String {
        guard let safe = SiteURL.safeRedirectTarget(candidate), !safe.hasPrefix(SiteURL.login(next: nil).path) else { return "" }
        return safe
    }

    private static func render(_ request: Request, _ page: LoginPage, status: HTTPResponseStatus) async throws -> Response {
        try await request.render("Accounts/login", page, layout: .init(request: request, titleKey: "login.title"), status: status)
    }
}
