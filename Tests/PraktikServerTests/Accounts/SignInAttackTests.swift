import Fluent
import Foundation
import NIOConcurrencyHelpers
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Bcrypt that counts what it checks and takes its time, as cost 12 does in production, so that
/// simultaneous attempts really overlap.
final class CountingPasswordHasher: PasswordHasher, Sendable {
    private let checked = NIOLockedValueBox<[String]>([])
    let secondsPerCheck: Double

    init(secondsPerCheck: Double = 0.05) { self.secondsPerCheck = secondsPerCheck }

    /// The digests passwords were checked against, in order.
    var checkedDigests: [String] { checked.withLockedValue { $0 } }

    func hash<Password: DataProtocol>(_ password: Password) throws -> [UInt8] {
        Array(try Bcrypt.hash(String(decoding: password, as: UTF8.self), cost: 4).utf8)
    }

    func verify<Password: DataProtocol, Digest: DataProtocol>(_ password: Password, created digest: Digest) throws -> Bool {
        let digestText = String(decoding: digest, as: UTF8.self)
        checked.withLockedValue { $0.append(digestText) }
        Thread.sleep(forTimeInterval: secondsPerCheck)
        return try Bcrypt.verify(String(decoding: password, as: UTF8.self), created: digestText)
    }
}

@Suite("Sign-in under attack")
struct SignInAttackTests {
    /// Posts the sign-in form with a CSRF cookie and token of its own, without a shared browser,
    /// so that many can run at once.
    static func signInForm(_ app: Application, email: String, password: String, next: String? = nil) async throws -> TestingHTTPResponse {
        var fields = ["email": email, "password": password, "_csrf": "attack-token"]
        if let next { fields["next"] = next }
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        headers.replaceOrAdd(name: .cookie, value: "praktik_csrf=attack-token")
        return try await app.testing().sendRequest(.POST, "/login", headers: headers, body: ByteBuffer(string: Browser.encode(fields)))
    }

    @Test("20 simultaneous wrong passwords for one account: at most the limit reach Bcrypt")
    func simultaneousGuesses() async throws {
        try await withPraktikApp { app in
            let hasher = CountingPasswordHasher()
            app.passwords.use { _ in hasher }
            let user = try await Fixtures.user(app, role: .caseWorker)
            let limit = app.settings.loginThrottle.maximumFailuresPerAccount

            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for guess in 0..<20 {
                    group.addTask { try await Self.signInForm(app, email: user.email, password: "wrong guess \(guess)").status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(hasher.checkedDigests.count <= limit, "Bcrypt checked \(hasher.checkedDigests.count) of 20 guesses")
            #expect(statuses.filter { $0 == .unauthorized }.count <= limit)
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 20 - limit)
            #expect(Set(statuses).isSubset(of: [.unauthorized, .tooManyRequests]), "\(statuses)")
            // Only the attempts that were checked are kept; the refused ones do not lengthen the wait.
            #expect(try await LoginAttempt.query(on: app.db).count() == hasher.checkedDigests.count)

            // Guessing on one at a time, the attacker gets exactly the rest of the limit, never more.
            for guess in 20..<40 {
                _ = try await Self.signInForm(app, email: user.email, password: "wrong guess \(guess)")
            }
            #expect(hasher.checkedDigests.count == limit)
            // The right password is refused too while the account is locked.
            #expect(try await Self.signInForm(app, email: user.email, password: Fixtures.password).status == .tooManyRequests)
        }
    }

    @Test("a participant's portal account cannot use the staff sign-in, and looks like no account at all")
    func portalAccountOnStaffSignIn() async throws {
        try await withPraktikApp { app in
            let hasher = CountingPasswordHasher(secondsPerCheck: 0)
            app.passwords.use { _ in hasher }
            let (_, portalAccount) = try await Fixtures.signedInParticipant(app)
            #expect(portalAccount.email.hasSuffix("@participants.invalid"))

            let portal = try await Self.signInForm(app, email: portalAccount.email, password: "any password at all")
            let unknown = try await Self.signInForm(
                app, email: "portal-\(UUID().uuidString.lowercased())@participants.invalid", password: "any password at all")
            #expect(portal.status == .unauthorized)
            #expect(unknown.status == portal.status)
            #expect(portal.body.string.contains("E-postadressen eller lösenordet stämmer inte."))
            #expect(
                portal.body.string.replacingOccurrences(of: portalAccount.email, with: "")
                    == unknown.body.string.replacing(#/portal-[0-9a-f-]+@participants\.invalid/#, with: ""),
                "the pages differ only in the address typed")
            // Both were checked against the same decoy hash: the same work, so the same time.
            #expect(hasher.checkedDigests.count == 2)
            #expect(Set(hasher.checkedDigests) == [app.decoyPasswordHash])
        }
    }

    @Test("a participant account refuses its password even when it has one, and cannot get one")
    func participantsHaveNoPasswords() async throws {
        try await withPraktikApp { app in
            // An account from before participants lost their passwords: it has a real hash.
            let account = try await Fixtures.user(app, role: .participant)
            #expect(try await Self.signInForm(app, email: account.email, password: Fixtures.password).status == .unauthorized)

            let (browser, _) = try await Fixtures.signedInParticipant(app)
            let page = try await browser.get("/account")
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("/account/password"), "no password form for a portal account")
            let change = try await browser.post(
                "/account/password",
                form: ["currentPassword": "x", "newPassword": "a new long password", "confirmPassword": "a new long password"])
            #expect(change.status == .forbidden)
        }
    }

    @Test("a portal account's sign-in key is shown nowhere and cannot own an API key")
    func portalAccountKeyIsNeverShown() async throws {
        try await withPraktikApp { app in
            let (participantBrowser, portalAccount) = try await Fixtures.signedInParticipant(app)
            let ownPage = try await participantBrowser.get("/account")
            #expect(ownPage.status == .ok)
            #expect(!ownPage.body.string.contains(portalAccount.email), "the participant's account page")

            let (admin, _) = try await Fixtures.signedIn(app, as: .admin)
            let tokens = try await admin.get("/admin/api-tokens")
            #expect(tokens.status == .ok)
            #expect(!tokens.body.string.contains(portalAccount.email), "offered as an API key's account")
            #expect(!tokens.body.string.contains(try portalAccount.requireID().uuidString))
            let created = try await admin.post(
                "/admin/api-tokens", form: ["name": "Som deltagare", "userID": try portalAccount.requireID().uuidString])
            #expect(created.status == .badRequest)
            #expect(try await APIToken.query(on: app.db).count() == 0)

            let audit = try await admin.get("/admin/audit")
            #expect(audit.status == .ok)
            #expect(!audit.body.string.contains(portalAccount.email), "the audit log names the person, not the key")
        }
    }

    @Test("after sign-in, next= never leads off the site, whatever browsers strip or turn around")
    func nextStaysOnSite() async throws {
        try await withPraktikApp { app in
            let user = try await Fixtures.user(app, role: .admin)
            for next in [
                "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/%09/evil.example", "/\\evil.example",
                "/%5Cevil.example", "//evil.example", "/%2F/evil.example", " //evil.example", "https://evil.example", "/\u{0}/evil",
            ] {
                let response = try await Self.signInForm(app, email: user.email, password: Fixtures.password, next: next)
                #expect(response.status == .seeOther, "\(next.debugDescription): \(response.status)")
                #expect(response.headers.first(name: .location) == "/start", "\(next.debugDescription)")
            }
            let response = try await Self.signInForm(app, email: user.email, password: Fixtures.password, next: "/participants?page=2")
            #expect(response.headers.first(name: .location) == "/participants?page=2")
        }
    }

    @Test("redirect targets: same-site paths only")
    func redirectTargets() {
        for good in ["/", "/start", "/participants/1b2c?x=1&y=%C3%B6", "/admin/users"] {
            #expect(SiteURL.safeRedirectTarget(good) == good, "\(good)")
        }
        for bad in [
            "", "start", "//evil.example", "/\t/evil.example", "/%09/evil.example", "/\\evil.example", "/%5c/evil.example",
            "/%2f/evil.example", "/ /x", "/%20/x", "/\u{7F}", "/%7F", "/ö", "http://evil.example/", "/%E2%80%A8x", "/%ZZ",
        ] {
            #expect(SiteURL.safeRedirectTarget(bad) == nil, "\(bad.debugDescription)")
        }
    }

    @Test("X-Forwarded-For without a trusted proxy is logged as a warning, once")
    func forwardedForWarning() async throws {
        try await withPraktikApp { app in
            let log = CapturedLog()
            app.logger = Logger(label: "test") { _ in log.handler }
            _ = try await app.testing().sendRequest(.GET, "/login")
            #expect(log.warnings.isEmpty)
            for _ in 0..<3 { _ = try await app.testing().sendRequest(.GET, "/login", headers: ["X-Forwarded-For": "203.0.113.9"]) }
            #expect(log.warnings.count == 1)
            #expect(log.warnings.first?.contains("PRAKTIK_TRUSTED_PROXIES") == true)
        }
        try await withPraktikApp(adjust: { $0.trustedProxies = ["192.0.2.1"] }) { app in
            let log = CapturedLog()
            app.logger = Logger(label: "test") { _ in log.handler }
            _ = try await app.testing().sendRequest(.GET, "/login", headers: ["X-Forwarded-For": "203.0.113.9"])
            #expect(log.warnings.isEmpty)
        }
    }
}

/// Collects warnings logged during a test.
final class CapturedLog: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])
    var warnings: [String] { lines.withLockedValue { $0 } }

    var handler: Handler { Handler(log: self) }

    struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            guard event.level >= .warning else { return }
            log.lines.withLockedValue { $0.append(event.message.description) }
        }
    }
}
