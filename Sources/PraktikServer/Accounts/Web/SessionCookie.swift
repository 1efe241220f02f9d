import Vapor

/// The cookies Praktik sets. Over HTTPS they carry the `__Host-` prefix, which the browser accepts
/// only with `Secure`, `Path=/` and no `Domain`, so no subdomain can plant or overwrite them.
enum SessionCookie {
    static func sessionName(https: Bool) -> String { https ? "__Host-praktik_session" : "praktik_session" }
    static func csrfName(https: Bool) -> String { https ? "__Host-praktik_csrf" : "praktik_csrf" }

    static func value(_ string: String, https: Bool, maxAge: Int? = nil) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: string, expires: nil, maxAge: maxAge, domain: nil, path: "/",
            isSecure: https, isHTTPOnly: true, sameSite: .lax
        )
    }

    static func expired(https: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/",
            isSecure: https, isHTTPOnly: true, sameSite: .lax
        )
    }
}

extension Request {
    var sessionCookieName: String { SessionCookie.sessionName(https: application.settings.servesHTTPS) }
}

extension Response {
    func setSessionCookie(_ token: String, for request: Request) {
        let https = request.application.settings.servesHTTPS
        cookies[SessionCookie.sessionName(https: https)] = SessionCookie.value(
            token, https: https, maxAge: Int(request.application.settings.sessionLifetime.absoluteSeconds))
    }

    func clearSessionCookie(for request: Request) {
        let https = request.application.settings.servesHTTPS
        cookies[SessionCookie.sessionName(https: https)] = SessionCookie.expired(https: https)
    }
}
