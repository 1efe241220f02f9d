import Vapor

/// The one error vocabulary of Praktik. Each case maps once to an HTTP status and a localised
/// message key; the web gets an error page, the API gets problem+json (RFC 9457).
public enum AppError: Error, Sendable, Equatable {
    case notFound
    case forbidden
    /// The visitor must sign in (web) or present a valid token (API).
    case unauthenticated
    case invalidCSRFToken
    case badRequest(messageKey: String)
    case conflict(messageKey: String)
    case tooManyAttempts(retryAfterSeconds: Int)
    case unavailable
    /// The body is over the route's limit (refused before it is read).
    case payloadTooLarge
    /// The request target (path and query) is over `RequestLimits.maximumTargetBytes`.
    case uriTooLong

    public var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .forbidden, .invalidCSRFToken: .forbidden
        case .unauthenticated: .unauthorized
        case .badRequest: .badRequest
        case .conflict: .conflict
        case .tooManyAttempts: .tooManyRequests
        case .unavailable: .serviceUnavailable
        case .payloadTooLarge: .payloadTooLarge
        case .uriTooLong: .uriTooLong
        }
    }

    /// Key into the translation tables for the sentence shown to the person.
    public var messageKey: String {
        switch self {
        case .notFound: "error.not-found"
        case .forbidden: "error.forbidden"
        case .unauthenticated: "error.unauthenticated"
        case .invalidCSRFToken: "error.csrf"
        case .badRequest(let key), .conflict(let key): key
        case .tooManyAttempts: "error.too-many-attempts"
        case .unavailable: "error.unavailable"
        case .payloadTooLarge: "error.too-large"
        case .uriTooLong: "error.uri-too-long"
        }
    }
}

extension AppError: AbortError {
    public var reason: String { messageKey }
    public var headers: HTTPHeaders {
        if case .tooManyAttempts(let seconds) = self { return ["Retry-After": "\(seconds)"] }
        return [:]
    }
}
