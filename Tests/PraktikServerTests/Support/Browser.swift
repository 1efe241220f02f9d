import Foundation
import NIOHTTP1
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// A minimal browser for HTTP-level tests: keeps cookies, and carries the CSRF token of the last
/// page it read into the next form it posts, as a real browser submitting a real form would.
final class Browser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var lastCSRFToken: String?
    var extraHeaders: HTTPHeaders = [:]

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a form. The CSRF token is added unless `csrf` says otherwise (`nil` leaves it out).
    @discardableResult
    func post(_ path: String, form: [String: String] = [:], csrf: CSRFChoice = .fromLastPage) async throws -> TestingHTTPResponse {
        var fields = form
        switch csrf {
        case .fromLastPage:
            if lastCSRFToken == nil { try await get("/login") }
            fields["_csrf"] = lastCSRFToken ?? ""
        case .none: break
        case .value(let token): fields["_csrf"] = token
        }
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: Self.encode(fields)))
    }

    enum CSRFChoice { case fromLastPage, none, value(String) }

    /// Signs in through the real form and returns the response to the POST.
    @discardableResult
    func signIn(_ email: String, password: String = Fixtures.password) async throws -> TestingHTTPResponse {
        try await get("/login")
        return try await post("/login", form: ["email": email, "password": password])
    }

    func forgetCookie(_ name: String) { cookies[name] = nil }
    func setCookie(_ name: String, _ value: String) { cookies[name] = value }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> TestingHTTPResponse {
        var allHeaders = headers
        for (name, value) in extraHeaders { allHeaders.add(name: name, value: value) }
        if !cookies.isEmpty {
            allHeaders.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: allHeaders, body: body)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard let name = parts.first else { continue }
            let value = parts.count > 1 ? parts[1] : ""
            let expired = header.lowercased().contains("max-age=0") || value.isEmpty
            cookies[name] = expired ? nil : value
        }
        if let token = Self.csrfToken(in: response.body.string) { lastCSRFToken = token }
        return response
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }
}
