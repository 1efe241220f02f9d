import Fluent
import Leaf
import Vapor

/// Assembles the application from its settings: the one place that wires database, middleware,
/// views, translations and routes. Used identically by `praktik serve` and by the tests.
public func configure(_ app: Application, settings: Settings, clock: AppClock = .system) async throws {
    app.settings = settings
    app.clock = clock
    app.translations = try Translations.load(from: app.directory.resourcesDirectory + "Locales")
    app.openAPIDocument = try OpenAPIDocument.load(from: app.directory.resourcesDirectory + "OpenAPI/openapi.json")

    try app.useDatabase(settings.database, connectionWait: settings.databaseConnectionWait)
    app.migrations.addPraktikMigrations()
    app.oneOffJobs = .praktik
    app.worklistBuckets = .praktik

    app.passwords.use(.bcrypt(cost: settings.bcryptCost))
    app.decoyPasswordHash = try await app.password.async.hash(SecretToken.generate())

    app.views.use(.leaf)
    app.leaf.tags["t"] = TranslateTag()
    app.leaf.tags["date"] = DateTag(includesTime: false)
    app.leaf.tags["datetime"] = DateTag(includesTime: true)
    app.leaf.tags["number"] = NumberTag()
    // Templates are read once and cached outside development.
    app.leaf.cache.isEnabled = app.environment != .development

    // A route that declares no body limit of its own reads at most this much (see `RequestLimits`).
    app.routes.defaultMaxBodySize = "1mb"

    // Outermost first. Every request is counted while it runs, so a stopping server can wait for
    // it (`stopServing`); logging sees the final status; security headers apply to error pages too;
    // an overlong request target is refused before anything looks at it; the session is loaded
    // before the language (a user's own choice wins) and before the CSRF token (the session's).
    // None of these reads a body: each route's own middleware (`RoutesBuilder.on`) checks its
    // body limit, its access and its CSRF token, in that order, before the body is read.
    app.middleware = Middlewares()
    app.middleware.use(InFlightRequestsMiddleware(requests: app.inFlightRequests))
    app.middleware.use(RequestLoggingMiddleware(metrics: app.metrics))
    app.middleware.use(SecurityHeadersMiddleware(https: settings.servesHTTPS))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(RequestTargetLimitMiddleware())
    app.middleware.use(ForwardedHeaderWarningMiddleware())
    app.middleware.use(PublicFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(SessionMiddleware())
    app.middleware.use(LanguageMiddleware())
    app.middleware.use(CSRFTokenMiddleware())

    try routes(app)
}
