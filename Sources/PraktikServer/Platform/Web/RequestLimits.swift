import Vapor

/// What a request may carry before Praktik reads it. Every limit is checked before the part it
/// limits is read, so an oversized request costs neither memory nor CPU.
enum RequestLimits {
    /// The longest request target (path and query) answered; longer ones get 414. RFC 9110 asks
    /// servers to accept at least 8,000 octets, which no page of Praktik comes near. Request heads
    /// over 80 KiB never reach us: SwiftNIO's HTTP decoder closes the connection first (see NOTES.md).
    static let maximumTargetBytes = 8 * 1024

    /// The most fields a URL-encoded form may have; more is refused (413) before it is decoded.
    /// Vapor's form decoder takes time that grows with the square of the number of repeated
    /// fields (measured on the debug build: 256 kB of `a=1&a=1…` took 22 s, 1 MB took 382 s), and
    /// our largest form has well under a hundred. Checked by `CSRFCheckMiddleware`, which every
    /// form post passes and which scans the pairs anyway.
    static let maximumFormFields = 1_000
}

extension HTTPBodyStreamStrategy {
    /// The body of the small forms anyone may post (sign-in, language, portal link): a few fields,
    /// so a large body there is an attack, refused before it is read.
    static let smallForm = HTTPBodyStreamStrategy.collect(maxSize: "32kb")

    /// The most bytes a route with this strategy reads, or nil when the handler streams the body
    /// itself. Routes that collect without a size of their own use the application's default.
    func maximumBytes(on application: Application) -> Int? {
        switch self {
        case .collect(let maxSize): maxSize?.value ?? application.routes.defaultMaxBodySize.value
        case .stream: nil
        }
    }
}

/// Answers 414 to a request target longer than `RequestLimits.maximumTargetBytes`, before
/// anything else (static files, sessions, routing) looks at it.
struct RequestTargetLimitMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.string.utf8.count <= RequestLimits.maximumTargetBytes else { throw AppError.uriTooLong }
        return try await next.respond(to: request)
    }
}

/// Answers 413 at once when a request's declared `Content-Length` is over its route's limit, so
/// not one byte of the body is read. A body without a length (chunked) is stopped at the limit
/// when it is collected (`Request.Body.collect(max:)`). Registered on every route by
/// `RoutesBuilder.on(_:_:access:body:use:)`, which knows the route's limit.
struct BodyLimitMiddleware: AsyncMiddleware {
    let body: HTTPBodyStreamStrategy

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let limit = body.maximumBytes(on: request.application),
            let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit
        {
            throw AppError.payloadTooLarge
        }
        return try await next.respond(to: request)
    }
}
