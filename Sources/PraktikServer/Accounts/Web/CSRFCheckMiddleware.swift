import Foundation
import Vapor

/// Refuses a state-changing web request that does not carry the right CSRF token (see
/// `CSRFTokenMiddleware`). `RoutesBuilder.on(_:_:access:body:use:)` puts it on every route that
/// changes state and is not an API route, after the route's access check.
///
/// Whatever can be refused without the body is refused before a byte of it is read: a visitor
/// with neither a session nor the pre-sign-in cookie has no token any request could match, and a
/// request that is not a form cannot carry the field. Otherwise the body is read up to the
/// route's own limit (the same one the handler would use; beyond it the answer is 413), and the
/// token is found without decoding the whole form, which is refused (413) when it has more fields
/// than any of our forms (`RequestLimits.maximumFormFields`).
struct CSRFCheckMiddleware: AsyncMiddleware {
    static let formField = "_csrf"
    static let headerName = "X-CSRF-Token"

    let body: HTTPBodyStreamStrategy

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let expected = request.expectedCSRFToken else { throw AppError.invalidCSRFToken }
        let presented: String?
        if let header = request.headers.first(name: Self.headerName) {
            presented = header
        } else {
            presented = try await formToken(in: request)
        }
        guard let presented, SecretToken.constantTimeEquals(expected, presented) else {
            throw AppError.invalidCSRFToken
        }
        return try await next.respond(to: request)
    }

    private func formToken(in request: Request) async throws -> String? {
        guard let contentType = request.headers.contentType,
            let kind = FormKind(contentType),
            let limit = body.maximumBytes(on: request.application),
            let buffer = try await request.body.collect(max: limit).get()
        else { return nil }
        switch kind {
        case .urlEncoded:
            let form = Self.scan(buffer, for: Self.formField)
            // Refused before the handler decodes it: see `RequestLimits.maximumFormFields`.
            guard form.fieldCount <= RequestLimits.maximumFormFields else { throw AppError.payloadTooLarge }
            return form.value
        case .multipart:
            struct TokenField: Decodable { let _csrf: String? }
            return (try? request.content.decode(TokenField.self))?._csrf
        }
    }

    private enum FormKind {
        case urlEncoded, multipart

        /// Compared by name: Vapor's `HTTPMediaType ==` lets `*/*` equal every type.
        init?(_ type: HTTPMediaType) {
            switch (type.type.lowercased(), type.subType.lowercased()) {
            case ("application", "x-www-form-urlencoded"): self = .urlEncoded
            case ("multipart", "form-data"): self = .multipart
            default: return nil
            }
        }
    }

    /// The value of one field of a URL-encoded form (nil when it is missing or given more than
    /// once) and the number of fields, found by scanning the pairs rather than decoding the form.
    /// Stops counting after `maximumFields + 1`: such a form is refused whatever it holds.
    static func scan(
        _ buffer: ByteBuffer, for name: String, maximumFields: Int = RequestLimits.maximumFormFields
    ) -> (value: String?, fieldCount: Int) {
        let bytes = buffer.readableBytesView
        var found: String?
        var fieldCount = 0
        var repeated = false
        // A key that decodes to `name` is at most three bytes (`%5F`) per character long.
        let keyLengths = name.utf8.count...(3 * name.utf8.count)
        var start = bytes.startIndex
        while start < bytes.endIndex, fieldCount <= maximumFields {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
            let pair = bytes[start..<end]
            start = end < bytes.endIndex ? bytes.index(after: end) : end
            guard !pair.isEmpty else { continue }
            fieldCount += 1
            let separator = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            let key = pair[..<separator]
            guard keyLengths.contains(key.count), formDecoded(key) == name else { continue }
            repeated = repeated || found != nil
            found = separator < pair.endIndex ? formDecoded(pair[pair.index(after: separator)...]) : ""
        }
        return (repeated ? nil : found, fieldCount)
    }

    private static func formDecoded(_ bytes: some Collection<UInt8>) -> String? {
        String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
