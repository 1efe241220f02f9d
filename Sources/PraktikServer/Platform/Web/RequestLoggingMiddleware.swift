import Vapor

/// One structured log line per request. It logs the route's pattern (`/f/:token`), never the
/// concrete path or query string, so signed-link tokens and search terms about people stay out of
/// the logs.
struct RequestLoggingMiddleware: AsyncMiddleware {
    let metrics: PraktikMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            record(request, status: (error as? any AbortError)?.status ?? .internalServerError, started: started)
            throw error
        }
        record(request, status: response.status, started: started)
        return response
    }

    private func record(_ request: Request, status: HTTPResponseStatus, started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let route = Self.routePattern(of: request)
        metrics.recordRequest(method: request.method.rawValue, route: route, status: Int(status.code), seconds: seconds)
        request.logger.info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "route": .string(route),
                "status": .stringConvertible(status.code),
                "ms": .stringConvertible((seconds * 1000).rounded()),
            ])
    }

    static func routePattern(of request: Request) -> String {
        guard let route = request.route else { return "unmatched" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }
}
