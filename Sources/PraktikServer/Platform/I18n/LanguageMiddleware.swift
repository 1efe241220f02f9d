import PraktikCore
import Vapor

/// Decides the language of each request: the signed-in user's choice, else the language cookie
/// set by the switch on every page, else the browser's `Accept-Language`, else Swedish.
struct LanguageMiddleware: AsyncMiddleware {
    static let cookieName = "praktik_lang"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.language = resolve(request)
        return try await next.respond(to: request)
    }

    private func resolve(_ request: Request) -> AppLanguage {
        if let chosen = request.currentUser?.language { return chosen }
        if let cookie = request.cookies[Self.cookieName]?.string, let language = AppLanguage(rawValue: cookie) {
            return language
        }
        if let header = request.headers.first(name: .acceptLanguage),
            let language = AppLanguage.preferred(fromAcceptLanguage: header)
        {
            return language
        }
        return .default
    }
}

extension Request {
    private struct LanguageKey: StorageKey { typealias Value = AppLanguage }

    var language: AppLanguage {
        get { storage[LanguageKey.self] ?? .default }
        set { storage[LanguageKey.self] = newValue }
    }
}
