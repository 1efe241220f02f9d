import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Keeps every version of a rule set that an intake has been bound to, as JSON in the database, so
/// the rules an intake was announced with stay exactly as they were whatever the code ships later.
struct RuleSetStore: Sendable {
    let database: any Database
    let clock: AppClock

    /// The stored row of `ruleSet`, written the first time an intake uses it.
    func store(_ ruleSet: EligibilityRuleSet) async throws -> StoredRuleSet {
        if let existing = try await find(code: ruleSet.code, version: ruleSet.version) { return existing }
        let row = StoredRuleSet()
        row.code = ruleSet.code
        row.version = ruleSet.version
        row.definition = String(decoding: try Self.encoder.encode(ruleSet), as: UTF8.self)
        row.createdAt = clock.now()
        do {
            try await row.create(on: database)
        } catch {
            // Another request stored the same version first; the unique index kept one row.
            guard error.isUniqueViolation,
                let existing = try await find(code: ruleSet.code, version: ruleSet.version)
            else { throw error }
            return existing
        }
        return row
    }

    func find(code: String, version: Int) async throws -> StoredRuleSet? {
        try await StoredRuleSet.query(on: database).filter(\.$code == code).filter(\.$version == version).first()
    }

    func load(_ id: UUID) async throws -> EligibilityRuleSet {
        guard let row = try await StoredRuleSet.find(id, on: database) else { throw AppError.notFound }
        return try Self.decode(row)
    }

    static func decode(_ row: StoredRuleSet) throws -> EligibilityRuleSet {
        try JSONDecoder().decode(EligibilityRuleSet.self, from: Data(row.definition.utf8))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
