import Foundation
import Vapor

extension Request {
    /// The route's `:id` parameter as a UUID, or nil when it is missing or malformed; the lookup
    /// that takes it then answers "not found", as for an id that does not exist.
    var idParameter: UUID? { parameters.get("id", as: UUID.self) }

    /// The route's `:token` parameter (signed links), or "" when it is missing.
    var tokenParameter: String { parameters.get("token") ?? "" }

    /// A query-string value as typed, or "" when it is missing: filters treat both alike.
    func query(_ name: String) -> String { (try? query.get(String.self, at: name)) ?? "" }
}
