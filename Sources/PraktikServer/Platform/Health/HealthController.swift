import Fluent
import SQLKit
import Vapor

/// Liveness, readiness and metrics for the load balancer and Prometheus. No personal data.
enum HealthController {
    /// The process answers: nothing else is checked.
    @Sendable static func live(_ request: Request) async throws -> Response {
        plain("ok")
    }

    /// Ready to serve: the database answers a query.
    @Sendable static func ready(_ request: Request) async throws -> Response {
        do {
            try await request.sql.raw("SELECT 1").run()
        } catch {
            request.logger.warning("readiness check failed: database did not answer")
            throw AppError.unavailable
        }
        return plain("ready")
    }

    @Sendable static func metrics(_ request: Request) async throws -> Response {
        let response = plain(request.application.metrics.exposition())
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }

    private static func plain(_ text: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = .plainText
        return response
    }
}
