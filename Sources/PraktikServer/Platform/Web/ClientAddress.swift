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
