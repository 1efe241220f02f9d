import NIOConcurrencyHelpers
import Vapor

extension Request {
    /// The client's address for throttling and the audit log.
    ///
    /// Taken from the socket. `X-Forwarded-For` is believed only when the socket peer is one of the
    /// configured trusted proxies, and then we take the right-most address that is not itself a
    /// trusted proxy: everything left of it was written by the client and can be forged.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let trusted = application.settings.trustedProxies
        guard trusted.contains(peer), let header = headers.first(name: "X-Forwarded-For") else { return peer }
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return hops.last(where: { !trusted.contains($0) }) ?? peer
    }
}

/// Says once, in the log, that requests arrive with `X-Forwarded-For` while no trusted proxy is
/// configured. Behind a proxy that is not configured, every person's sign-in attempts count
/// against the proxy's one address, and the per-address limit soon locks everyone out at once.
final class ForwardedHeaderWarningMiddleware: AsyncMiddleware, Sendable {
    private let warned = NIOLockedValueBox(false)

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.application.settings.trustedProxies.isEmpty, request.headers.contains(name: "X-Forwarded-For"),
            !warned.withLockedValue({ warned in
                defer { warned = true }; return warned
            })
        {
            let peer = request.remoteAddress?.ipAddress ?? "unknown"
            request.application.logger.warning(
                """
                Requests arrive with X-Forwarded-For from \(peer), but PRAKTIK_TRUSTED_PROXIES is not set, so the header \
                is ignored and every client behind that proxy counts as \(peer): the per-address sign-in limit \
                (PRAKTIK_LOGIN_MAX_FAILURES_ADDRESS) will lock them all out together. If \(peer) is your reverse proxy, \
                set PRAKTIK_TRUSTED_PROXIES=\(peer).
                """)
        }
        return try await next.respond(to: request)
    }
}
