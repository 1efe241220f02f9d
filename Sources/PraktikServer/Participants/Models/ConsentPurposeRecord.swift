import Fluent
import Foundation

/// A purpose people can consent to, with its legal basis and the version of the text shown.
final class ConsentPurposeRecord: Model, @unchecked Sendable {
    static let schema = "consent_purposes"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "legal_basis") var legalBasis: String
    /// The text the person agrees to, per language; a change of wording is a new version.
    @Field(key: "text_sv") var textSwedish: String
    @Field(key: "text_en") var textEnglish: String
    // `text_da` (M0232) is written and read with SQL only (`ConsentService`): M0203 creates the
    // built-in purposes with this model before that column exists.
    @Field(key: "text_version") var textVersion: Int
    @Field(key: "is_built_in") var isBuiltIn: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
