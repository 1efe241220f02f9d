import Fluent
import PraktikCore
import SQLKit

/// What the placement workflow needs to know of each programme: its default and longest period,
/// per benefit group where they differ, its purposes, and the consents a decision needs. Keyed by
/// the programme's code, which an intake's programme shares.
struct M0303_CreatePlacementProgrammes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PlacementProgramme.schema)
            .id()
            .field("code", .string, .required)
            .field("country", .string, .required)
            .field("name_sv", .string, .required)
            .field("name_en", .string, .required)
            .field("name_da", .string, .required)
            .field("length_value", .int, .required)
            .field("length_unit", .string, .required)
            .field("maximum_value", .int)
            .field("maximum_unit", .string)
            .field("required_consents", .string, .required)
            .field("is_active", .bool, .required)
            .field("position", .int, .required)
            .unique(on: "code")
            .create()
        try await database.schema(PlacementProgrammeLength.schema)
            .id()
            .field("programme_code", .string, .required)
            .field("benefit_type", .string, .required)
            .field("length_value", .int, .required)
            .field("length_unit", .string, .required)
            .unique(on: "programme_code", "benefit_type")
            .create()
        try await database.schema(ProgrammePurpose.schema)
            .id()
            .field("programme_code", .string, .required)
            .field("code", .string, .required)
            .field("name_sv", .string, .required)
            .field("name_en", .string, .required)
            .field("name_da", .string, .required)
            .field("description_sv", .string, .required)
            .field("description_en", .string, .required)
            .field("description_da", .string, .required)
            .field("position", .int, .required)
            .field("is_active", .bool, .required)
            .unique(on: "programme_code", "code")
            .create()
        try await BuiltInProgrammes.install(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProgrammePurpose.schema).delete()
        try await database.schema(PlacementProgrammeLength.schema).delete()
        try await database.schema(PlacementProgramme.schema).delete()
    }
}
