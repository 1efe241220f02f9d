import Fluent
import PraktikCore
import Vapor

/// Decides the language of each request: the signed-in user's choice, else the language cookie
/// set by the switch on every page, else the browser's `Accept-Language`, else the installation's
/// language (`PRAKTIK_DEFAULT_LANGUAGE`).
struct LanguageMiddleware: AsyncMiddleware {
    static let cookieName = "praktik_lang"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.language = resolve(request)
        return try await next.respond(to: request)
    }

    private func resolve(_ request: Request) -> AppLanguage {
        if let chosen = request.currentUser?.language { return chosen }
        if let language = request.languageChosenBeforeSignIn { return language }
        if let header = request.headers.first(name: .acceptLanguage),
            let language = AppLanguage.preferred(fromAcceptLanguage: header)
        {
            return language
        }
        return request.application.settings.defaultLanguage
    }
}

extension Request {
    /// The language chosen with the switch on a page before sign-in (its cookie), if any.
    var languageChosenBeforeSignIn: AppLanguage? {
        cookies[LanguageMiddleware.cookieName].flatMap { AppLanguage(rawValue: $0.string) }
    }

    /// At sign-in, a language the person chose on the sign-in page wins over the one saved on the
    /// account, and is saved there: they picked it a moment ago, on purpose.
    func adoptLanguageChosenBeforeSignIn(for user: SignedInUser) async throws -> SignedInUser {
        guard let chosen = languageChosenBeforeSignIn, chosen != user.language else { return user }
        try await User.query(on: db).filter(\.$id == user.id).set(\.$language, to: chosen.rawValue).update()
        var adopted = user
        adopted.language = chosen
        language = chosen
        return adopted
    }

    private struct LanguageKey: StorageKey { typealias Value = AppLanguage }

    var language: AppLanguage {
        get { storage[LanguageKey.self] ?? application.settings.defaultLanguage }
        set { storage[LanguageKey.self] = newValue }
    }
}
