import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Vapor

@testable import PraktikServer

/// Runs `body` with the application serving HTTP on a free local port, so a test can speak to the
/// real server (SwiftNIO's HTTP decoder, streamed bodies) rather than to the responder in memory.
func withRunningServer(_ app: Application, _ body: (Int) async throws -> Void) async throws {
    try await app.asyncBoot()
    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    do {
        guard let port = app.http.server.shared.localAddress?.port else {
            throw Fixtures.FixtureError(message: "the server has no local port")
        }
        try await body(port)
    } catch {
        await app.server.shutdown()
        throw error
    }
    await app.server.shutdown()
}

/// A client that writes exactly the bytes a test gives it, the way an attacker's script would,
/// and notes how much of the body it had sent when the server's answer arrived.
enum RawHTTP {
    struct Answer: Sendable {
        /// The status line, or nil when the server closed the connection without one.
        var statusLine: String?
        /// Body bytes handed to the socket before the answer arrived (the kernel may still hold some).
        var bodyBytesSent: Int
        var seconds: Double
        var timedOut: Bool = false

        var status: Int? { statusLine.flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) } }
    }

    enum Body: Sendable {
        case none
        /// `total` bytes of `a=1&a=1…` (many short pairs, the costliest form to decode), with a
        /// `Content-Length` or in chunks.
        case form(total: Int, chunked: Bool)
        /// The first `bytes` of such a body (in one chunk when `chunked`), and then nothing more:
        /// an answer proves the server did not wait for the rest.
        case start(bytes: Int, chunked: Bool)
    }

    static let piece = ByteBuffer(string: String(repeating: "a=1&", count: 16 * 1024))

    static func exchange(port: Int, head: String, body: Body, timeout: Duration = .seconds(20)) async throws -> Answer {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let started = ContinuousClock.now
        let sent = NIOLockedValueBox(0)
        func seconds() -> Double {
            let elapsed = ContinuousClock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: head))
            return try await withThrowingTaskGroup(of: Answer?.self) { group in
                group.addTask {
                    var received = ByteBuffer()
                    for try await var chunk in inbound {
                        received.writeBuffer(&chunk)
                        if let end = received.readableBytesView.firstIndex(of: UInt8(ascii: "\r")) {
                            let line = String(decoding: received.readableBytesView[..<end], as: UTF8.self)
                            return Answer(statusLine: line, bodyBytesSent: sent.withLockedValue { $0 }, seconds: seconds())
                        }
                    }
                    return Answer(statusLine: nil, bodyBytesSent: sent.withLockedValue { $0 }, seconds: seconds())
                }
                group.addTask {
                    if case .start(let count, let chunked) = body {
                        let slice = piece.getSlice(at: 0, length: min(count, piece.readableBytes)) ?? ByteBuffer()
                        var framed = chunked ? ByteBuffer(string: String(slice.readableBytes, radix: 16) + "\r\n") : ByteBuffer()
                        framed.writeImmutableBuffer(slice)
                        if chunked { framed.writeString("\r\n") }
                        try? await outbound.write(framed)
                        sent.withLockedValue { $0 = slice.readableBytes }
                    }
                    if case .form(let total, let chunked) = body {
                        do {
                            while sent.withLockedValue({ $0 }) < total {
                                let count = min(piece.readableBytes, total - sent.withLockedValue { $0 })
                                let slice = piece.getSlice(at: 0, length: count) ?? ByteBuffer()
                                if chunked {
                                    var framed = ByteBuffer(string: String(count, radix: 16) + "\r\n")
                                    framed.writeImmutableBuffer(slice)
                                    framed.writeString("\r\n")
                                    try await outbound.write(framed)
                                } else {
                                    try await outbound.write(slice)
                                }
                                sent.withLockedValue { $0 += count }
                            }
                            if chunked { try await outbound.write(ByteBuffer(string: "0\r\n\r\n")) }
                        } catch {
                            // The server closed the connection or the answer came: stop sending.
                        }
                    }
                    try await Task.sleep(for: timeout)
                    return Answer(statusLine: nil, bodyBytesSent: sent.withLockedValue { $0 }, seconds: seconds(), timedOut: true)
                }
                defer { group.cancelAll() }
                for try await answer in group {
                    if let answer { return answer }
                }
                return Answer(statusLine: nil, bodyBytesSent: 0, seconds: seconds(), timedOut: true)
            }
        }
    }

    /// A request head for `method target`, with the given extra header lines.
    static func head(_ method: String, _ target: String, port: Int, headers: [String]) -> String {
        ([method + " " + target + " HTTP/1.1", "Host: 127.0.0.1:\(port)"] + headers).joined(separator: "\r\n") + "\r\n\r\n"
    }
}
