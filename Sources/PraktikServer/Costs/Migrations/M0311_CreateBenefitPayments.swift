import Fluent
import SQLKit

/// Benefits paid to a participant over a period (försörjningsstöd, aktivitetsstöd, kontanthjælp,
/// dagpenge), in minor units (öre, øre) so sums are exact. A payment tied to a placement covers it;
/// one imported by period is allocated to the placement days it overlaps.
struct M0311_CreateBenefitPayments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(BenefitPayment.schema)
            .id()
            .field("participant_id", .uuid, .required, .references(Participant.schema, "id"))
            .field("placement_id", .uuid, .references(Placement.schema, "id"))
            .field("benefit_type", .string, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("source", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = try database.sql
        try await sql.create(index: "benefit_payments_placement_idx").on(BenefitPayment.schema).column("placement_id").run()
        try await sql.create(index: "benefit_payments_participant_idx").on(BenefitPayment.schema)
            .column("participant_id").column("period_start").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(BenefitPayment.schema).delete()
    }
}
