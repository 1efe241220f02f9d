import NIOConcurrencyHelpers
import Vapor

/// The requests being answered right now, so that a stopping server lets them finish before the
/// database pools close under them.
///
/// A client that hangs up does not stop its request's handler, and the HTTP server's shutdown waits
/// only for connections that are still open. Without this count, `SIGTERM` under load closed the
/// databases while handlers still ran, and Fluent stops the process when a handler then asks for
/// its database (seen under `wrk`: the process died with "Illegal instruction" on every stop).
final class InFlightRequests: Sendable {
    private let count = NIOLockedValueBox(0)

    var current: Int { count.withLockedValue { $0 } }

    fileprivate func begin() { count.withLockedValue { $0 += 1 } }
    fileprivate func end() { count.withLockedValue { $0 -= 1 } }

    /// Waits until no request is being answered, for at most `limit`; false if some still ran then.
    func drained(within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: limit)
        while current > 0 {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}

/// Counts each request in `InFlightRequests` from the moment it reaches the application until its
/// response (or error) leaves it. Outermost, so every request is counted.
struct InFlightRequestsMiddleware: AsyncMiddleware {
    let requests: InFlightRequests

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        requests.begin()
        defer { requests.end() }
        return try await next.respond(to: request)
    }
}

extension Application {
    private struct InFlightRequestsKey: StorageKey { typealias Value = InFlightRequests }

    var inFlightRequests: InFlightRequests {
        if let requests = storage[InFlightRequestsKey.self] { return requests }
        let requests = InFlightRequests()
        storage[InFlightRequestsKey.self] = requests
        return requests
    }

    /// Stops taking requests, then lets those being answered finish (for at most `limit`) while
    /// the databases are still open: `praktik serve` calls it when told to stop, before shutting down.
    public func stopServing(within limit: Duration = .seconds(25)) async {
        await server.shutdown()
        if await !inFlightRequests.drained(within: limit) {
            logger.warning(
                "stopping with requests still being answered", metadata: ["requests": .stringConvertible(inFlightRequests.current)])
        }
    }
}
