import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import Testing
import Vapor

@testable import PraktikServer

/// A server told to stop lets the requests it is answering finish while the databases are open.
@Suite("Stopping the server")
struct StoppingTests {
    @Test("stopServing waits for a request whose client has gone, and that request still reaches its database")
    func waitsForRequestsInFlight() async throws {
        try await withPraktikApp { app in
            let hungUp = NIOLockedValueBox(false)
            let finished = NIOLockedValueBox<Int?>(nil)
            app.get("stopping-probe") { request async throws -> String in
                while !hungUp.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
                try await Task.sleep(for: .milliseconds(200))
                let row = try await request.sql.raw("SELECT 1 AS one").first()
                finished.withLockedValue { $0 = try? row?.decode(column: "one", as: Int.self) }
                return "done"
            }
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)

            // A client sends its request and hangs up while it is answered, as `wrk` does at the end
            // of a run; the handler goes on.
            let channel = try await ClientBootstrap(group: app.eventLoopGroup).connect(host: "127.0.0.1", port: port).get()
            try await channel.writeAndFlush(channel.allocator.buffer(string: "GET /stopping-probe HTTP/1.1\r\nHost: localhost\r\n\r\n"))
            let deadline = ContinuousClock.now.advanced(by: .seconds(120))
            while app.inFlightRequests.current == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            #expect(app.inFlightRequests.current == 1)
            try await channel.close()
            hungUp.withLockedValue { $0 = true }

            await app.stopServing(within: .seconds(120))
            #expect(app.inFlightRequests.current == 0)
            #expect(finished.withLockedValue { $0 } == 1)
        }
    }
}
