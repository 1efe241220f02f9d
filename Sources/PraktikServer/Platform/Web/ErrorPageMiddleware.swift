import PraktikCore
import Vapor

/// Turns every error into a response a person or a program can use, and never leaks internals:
/// no stack traces, SQL or file paths reach the client. Web requests get a localised page (or a
/// redirect to sign-in); `/api` requests get problem+json.
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await response(for: error, request: request)
        }
    }

    private func response(for error: any Error, request: Request) async -> Response {
        let (status, messageKey, headers) = classify(error)
        if status == .internalServerError {
            request.logger.report(error: error)
        }
        if request.isAPIRequest {
            return ProblemDetails(status: status, messageKey: messageKey, title: request.translate(messageKey))
                .response(headers: headers)
        }
        if status == .unauthorized {
            return request.redirect(to: SiteURL.login(next: request.url.path).path)
        }
        do {
            let page = ErrorPage(status: Int(status.code), messageKey: messageKey)
            let response = try await request.render("error", page, layout: .init(request: request, titleKey: "error.title"))
            response.status = status
            for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        } catch {
            // The error page itself failed (e.g. a broken template): fall back to plain text.
            request.logger.report(error: error)
            let text = request.translate(messageKey)
            let response = Response(status: status, body: .init(string: text))
            response.headers.contentType = .plainText
            return response
        }
    }

    private func classify(_ error: any Error) -> (HTTPResponseStatus, String, HTTPHeaders) {
        switch error {
        case let error as AppError:
            return (error.status, error.messageKey, error.headers)
        case let error as any AbortError:
            switch error.status {
            case .notFound: return (.notFound, "error.not-found", [:])
            case .forbidden: return (.forbidden, "error.forbidden", [:])
            case .unauthorized: return (.unauthorized, "error.unauthenticated", [:])
            case .methodNotAllowed: return (.methodNotAllowed, "error.method-not-allowed", [:])
            case .payloadTooLarge: return (.payloadTooLarge, "error.too-large", [:])
            case .unsupportedMediaType, .badRequest, .unprocessableEntity:
                return (error.status, "error.bad-request", [:])
            default:
                return error.status.code >= 500
                    ? (.internalServerError, "error.internal", [:])
                    : (error.status, "error.bad-request", [:])
            }
        case is DecodingError:
            return (.badRequest, "error.bad-request", [:])
        default:
            return (.internalServerError, "error.internal", [:])
        }
    }
}

struct ErrorPage: Encodable {
    let status: Int
    let messageKey: String
}

/// RFC 9457 problem details for the JSON API.
struct ProblemDetails: Encodable {
    let type: String
    let title: String
    let status: Int
    let code: String

    init(status: HTTPResponseStatus, messageKey: String, title: String) {
        self.type = "about:blank"
        self.title = title
        self.status = Int(status.code)
        self.code = messageKey
    }

    func response(headers: HTTPHeaders) -> Response {
        var allHeaders = headers
        allHeaders.replaceOrAdd(name: .contentType, value: "application/problem+json")
        let body = (try? JSONEncoder().encode(self)) ?? Data()
        return Response(status: HTTPResponseStatus(statusCode: status), headers: allHeaders, body: .init(data: body))
    }
}

extension Request {
    var isAPIRequest: Bool { url.path.hasPrefix("/api/") }
}
