import Fluent
import SQLKit

struct M0401_CreateEligibilityRuleSets: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredRuleSet.schema)
            .id()
            .field("code", .string, .required)
            .field("version", .int, .required)
            .field("definition", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "code", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StoredRuleSet.schema).delete()
    }
}
