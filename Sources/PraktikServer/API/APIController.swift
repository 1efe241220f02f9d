import Fluent
import Foundation
import Vapor

/// `/api/v1`: JSON over the same services as the web pages. Returns DTOs, never Fluent models.
enum APIController {
    struct MeDTO: Content {
        let id: UUID
        let email: String
        let displayName: String
        let role: String
        let unitID: UUID?
        let language: String
    }

    struct UnitDTO: Content {
        let id: UUID
        let name: String
        let code: String
        let kind: String
        let isActive: Bool
    }

    @Sendable static func me(_ request: Request) async throws -> MeDTO {
        let user = try request.requireUser()
        return MeDTO(
            id: user.id, email: user.email, displayName: user.displayName, role: user.role.rawValue,
            unitID: user.unitID, language: user.language.rawValue)
    }

    @Sendable static func units(_ request: Request) async throws -> [UnitDTO] {
        try await UnitService(database: request.db).list().map {
            UnitDTO(id: $0.id, name: $0.name, code: $0.code, kind: $0.kind, isActive: $0.is_active)
        }
    }

    /// The OpenAPI document, read at start from `Resources/OpenAPI/openapi.json`; a test checks it
    /// names every API route.
    @Sendable static func openAPI(_ request: Request) async throws -> Response {
        guard let document = request.application.openAPIDocument else { throw AppError.notFound }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: document.data))
    }
}
