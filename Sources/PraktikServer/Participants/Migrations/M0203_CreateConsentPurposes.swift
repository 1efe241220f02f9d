import Fluent
import PraktikCore

/// Creates the purposes table with the three built-in purposes, whose texts are version 1.
struct M0203_CreateConsentPurposes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ConsentPurposeRecord.schema)
            .id()
            .field("code", .string, .required)
            .field("legal_basis", .string, .required)
            .field("text_sv", .string, .required)
            .field("text_en", .string, .required)
            .field("text_version", .int, .required)
            .field("is_built_in", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
        let builtIn: [(BuiltInConsentPurpose, String, String)] = [
            (.programmePartners,
             "Jag samtycker till att mina uppgifter delas mellan programmet, Arbetsförmedlingen och samarbetspartner i den mån det behövs för min praktik.",
             "I consent to my data being shared between the programme, the Public Employment Service and partners as far as my placement requires."),
            (.employerProfile,
             "Jag samtycker till att arbetsgivare med lämpliga praktikplatser får se min profil (utbildning, språk och önskemål, inte personnummer eller kontaktuppgifter).",
             "I consent to employers with suitable places seeing my profile (education, languages and wishes, not my person number or contact details)."),
            (.postExitFollowUp,
             "Jag samtycker till att bli kontaktad efter avslutet för uppföljning av hur det har gått för mig, och att svaren dokumenteras.",
             "I consent to being contacted after I leave the programme to follow up how things went, and to the answers being recorded."),
        ]
        for (purpose, swedish, english) in builtIn {
            let record = ConsentPurposeRecord()
            record.code = purpose.rawValue
            record.legalBasis = LegalBasis.consent.rawValue
            record.textSwedish = swedish
            record.textEnglish = english
            record.textVersion = 1
            record.isBuiltIn = true
            try await record.create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ConsentPurposeRecord.schema).delete()
    }
}
