import Foundation
import Vapor

/// `Resources/OpenAPI/openapi.json`, read once when the application is configured and served
/// from memory. A missing or malformed document stops the start, like a missing translation.
struct OpenAPIDocument: Sendable {
    let data: Data

    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    static func load(from path: String) throws -> OpenAPIDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "The OpenAPI document is missing: \(path)")
        }
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw Problem(description: "The OpenAPI document is not a JSON object: \(path)")
        }
        return OpenAPIDocument(data: data)
    }
}

extension Application {
    private struct OpenAPIDocumentKey: StorageKey { typealias Value = OpenAPIDocument }

    var openAPIDocument: OpenAPIDocument? {
        get { storage[OpenAPIDocumentKey.self] }
        set { storage[OpenAPIDocumentKey.self] = newValue }
    }
}
