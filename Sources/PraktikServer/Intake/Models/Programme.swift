import Fluent
import Foundation

/// A programme that takes job seekers in intakes (Jobbsprånget's internship programme, Stockholm's
/// work training, Copenhagen's company internship), run by one unit whose case workers screen it.
final class Programme: Model, @unchecked Sendable {
    static let schema = "programmes"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    /// `ProgrammeKind` raw value.
    @Field(key: "kind") var kind: String
    @Parent(key: "unit_id") var unit: OrganisationUnit
    /// How long a placement lasts (Jobbsprånget: four months).
    @Field(key: "placement_months") var placementMonths: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
