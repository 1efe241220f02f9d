import Testing

@testable import PraktikCore

@Suite("Password policy")
struct PasswordPolicyTests {
    let policy = PasswordPolicy()

    @Test("length is counted in UTF-8 bytes at the Bcrypt limit")
    func byteLimit() {
        #expect(policy.violation(of: String(repeating: "a", count: 72)) == nil)
        #expect(policy.violation(of: String(repeating: "a", count: 73)) == .tooLong)
        #expect(policy.violation(of: String(repeating: "ö", count: 36)) == nil)
        #expect(policy.violation(of: String(repeating: "ö", count: 36) + "x") == .tooLong)
    }

    @Test("too short, empty and the e-mail address are refused")
    func otherRules() {
        #expect(policy.violation(of: "") == .empty)
        #expect(policy.violation(of: "kort") == .tooShort)
        #expect(policy.violation(of: "åäöåäöåäö") == .tooShort, "nine characters, though 18 bytes")
        #expect(policy.violation(of: "Anna@Example.se", email: "anna@example.se") == .sameAsEmail)
        #expect(policy.violation(of: "correct horse battery", email: "anna@example.se") == nil)
    }
}

@Suite("Session lifetime")
struct SessionLifetimeTests {
    let lifetime = SessionLifetime(idleSeconds: 1800, absoluteSeconds: 43200)

    @Test func verdicts() {
        #expect(lifetime.verdict(createdAt: 0, lastSeenAt: 0, now: 1799) == .valid)
        #expect(lifetime.verdict(createdAt: 0, lastSeenAt: 0, now: 1800) == .idleExpired)
        #expect(lifetime.verdict(createdAt: 0, lastSeenAt: 43000, now: 43199) == .valid)
        #expect(lifetime.verdict(createdAt: 0, lastSeenAt: 43199, now: 43200) == .absoluteExpired)
        #expect(lifetime.verdict(createdAt: 0, lastSeenAt: 0, now: 50000) == .absoluteExpired, "absolute wins when both apply")
    }
}

@Suite("Login throttle policy")
struct LoginThrottlePolicyTests {
    let policy = LoginThrottlePolicy(windowSeconds: 900, maximumFailuresPerAccount: 5, maximumFailuresPerAddress: 20)

    @Test("blocks at the account limit until the decisive failure leaves the window")
    func accountLimit() {
        let failures: [Double] = [100, 200, 300, 400, 500]
        #expect(policy.decision(accountFailures: Array(failures.prefix(4)), addressFailures: [], now: 600) == .allowed)
        #expect(policy.decision(accountFailures: failures, addressFailures: [], now: 600) == .blocked(retryAfterSeconds: 400))
        #expect(policy.decision(accountFailures: failures, addressFailures: [], now: 1001) == .allowed)
    }

    @Test("the address limit blocks on its own; old failures do not count")
    func addressLimit() {
        let many = (0..<20).map { Double($0) }
        #expect(policy.decision(accountFailures: [], addressFailures: many, now: 100) == .blocked(retryAfterSeconds: 800))
        #expect(policy.decision(accountFailures: [], addressFailures: many, now: 920) == .allowed)
    }
}

@Suite("Accept-Language")
struct AcceptLanguageTests {
    @Test(arguments: [
        ("sv-SE,sv;q=0.9,en;q=0.8", AppLanguage.swedish),
        ("en-GB,en;q=0.9", .english),
        ("de-DE,de;q=0.9,en;q=0.5,sv;q=0.4", .english),
        ("sv;q=0.2, en;q=0.8", .english),
        ("en;q=0, sv", .swedish),
    ])
    func preferred(header: String, expected: AppLanguage) {
        #expect(AppLanguage.preferred(fromAcceptLanguage: header) == expected)
    }

    @Test func unsupported() {
        #expect(AppLanguage.preferred(fromAcceptLanguage: "fr-FR,de") == nil)
        #expect(AppLanguage.preferred(fromAcceptLanguage: "") == nil)
    }
}

@Suite("Roles")
struct RoleTests {
    @Test func scopes() {
        #expect(Role.caseWorker.requiresUnit)
        #expect(!Role.admin.requiresUnit)
        #expect(!Role.analyst.mayOpenPersonRecords)
        #expect(Role.allCases.filter(\.mayOpenPersonRecords).count == 4)
    }
}
