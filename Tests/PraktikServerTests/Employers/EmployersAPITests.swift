import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Employer register API")
struct EmployersAPITests {
    func token(_ app: Application, role: Role) async throws -> String {
        let user = try await Fixtures.user(app, role: role)
        let admin = try await Fixtures.user(app, role: .admin)
        let (_, secret) = try await APITokenService(database: app.db, clock: app.clock)
            .create(name: "t", forUserID: user.id, by: .init(userID: admin.id, role: "admin", clientAddress: nil))
        return secret
    }

    @Test("employers and places are listed as DTOs; a sole trader's number is masked")
    func lists() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app)
            let employer = try await Fixtures.employer(app, name: "Anna Frisör", number: "121212-1212")
            _ = try await Fixtures.place(app, at: try await Fixtures.workplace(app, of: employer), unit: unit, title: "Frisörlärling")
            let secret = try await token(app, role: .caseWorker)
            let employers = try await app.testing().sendRequest(
                .GET, "/api/v1/employers?q=fris", headers: ["Authorization": "Bearer \(secret)"])
            #expect(employers.status == .ok)
            #expect(employers.body.string.contains("\"identifier\":\"SE:121212-****\""))
            #expect(!employers.body.string.contains("1212-1212"))
            #expect(employers.body.string.contains("\"total\":1"))
            let places = try await app.testing().sendRequest(
                .GET, "/api/v1/places?status=open", headers: ["Authorization": "Bearer \(secret)"])
            #expect(places.body.string.contains("Frisörlärling"))
        }
    }

    @Test("the usability endpoint gives the reasons for a no, and 404 for an unknown place")
    func usability() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app)
            let employer = try await Fixtures.employer(app)
            let place = try await Fixtures.place(
                app, at: try await Fixtures.workplace(app, of: employer), unit: unit, start: "2026-12-01", end: "2027-03-31",
                status: .proposed)
            let secret = try await token(app, role: .caseWorker)
            let path = "/api/v1/places/\(try place.requireID().uuidString)/usability?on=2026-11-20"
            let response = try await app.testing().sendRequest(.GET, path, headers: ["Authorization": "Bearer \(secret)"])
            #expect(response.status == .ok)
            let body = response.body.string
            #expect(body.contains("\"allowed\":false"))
            #expect(body.contains("usability.awaiting-approval"))
            #expect(body.contains("\"checkKey\":\"union_consultation\""))
            let unknown = try await app.testing().sendRequest(
                .GET, "/api/v1/places/\(UUID().uuidString)/usability", headers: ["Authorization": "Bearer \(secret)"])
            #expect(unknown.status == .notFound)
            let analyst = try await token(app, role: .analyst)
            #expect(try await app.testing().sendRequest(.GET, path, headers: ["Authorization": "Bearer \(analyst)"]).status == .forbidden)
        }
    }
}
