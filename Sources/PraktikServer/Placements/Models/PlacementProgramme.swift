import Fluent
import Foundation
import PraktikCore

/// A programme as the placement workflow sees it: how long its placements run, which consents a
/// decision needs, and (in `programme_purposes`) which purposes it offers.
final class PlacementProgramme: Model, @unchecked Sendable {
    static let schema = "placement_programmes"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    /// `SE` or `DK`: which purpose set and which language a new placement defaults to.
    @Field(key: "country") var country: String
    @Field(key: "name_sv") var nameSwedish: String
    @Field(key: "name_en") var nameEnglish: String
    @Field(key: "name_da") var nameDanish: String
    @Field(key: "length_value") var lengthValue: Int
    @Field(key: "length_unit") var lengthUnit: String
    @OptionalField(key: "maximum_value") var maximumValue: Int?
    @OptionalField(key: "maximum_unit") var maximumUnit: String?
    /// Consent purpose codes, comma-separated, that must be active for a decision.
    @Field(key: "required_consents") var requiredConsents: String
    @Field(key: "is_active") var isActive: Bool
    @Field(key: "position") var position: Int

    init() {}

    var defaultLength: PlacementLength {
        PlacementLength(value: lengthValue, unit: PlacementLength.Unit(rawValue: lengthUnit) ?? .months)
    }

    var maximumLength: PlacementLength? {
        guard let maximumValue, let unit = maximumUnit.flatMap(PlacementLength.Unit.init(rawValue:)) else { return nil }
        return PlacementLength(value: maximumValue, unit: unit)
    }

    var requiredConsentCodes: [String] {
        requiredConsents.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func name(in language: String) -> String {
        switch language {
        case "en": nameEnglish
        case "da": nameDanish
        default: nameSwedish
        }
    }
}

/// A programme's default length for one benefit group (Denmark: 4, 8 or 13 weeks by group).
final class PlacementProgrammeLength: Model, @unchecked Sendable {
    static let schema = "placement_programme_lengths"

    @ID(key: .id) var id: UUID?
    @Field(key: "programme_code") var programmeCode: String
    @Field(key: "benefit_type") var benefitType: String
    @Field(key: "length_value") var lengthValue: Int
    @Field(key: "length_unit") var lengthUnit: String

    init() {}

    var length: PlacementLength {
        PlacementLength(value: lengthValue, unit: PlacementLength.Unit(rawValue: lengthUnit) ?? .weeks)
    }
}

/// One of a programme's purposes (Stockholm: language practice, work training, toward employment;
/// Copenhagen: Jobpraktik, Udviklingspraktik, Kompetencepraktik).
final class ProgrammePurpose: Model, @unchecked Sendable {
    static let schema = "programme_purposes"

    @ID(key: .id) var id: UUID?
    @Field(key: "programme_code") var programmeCode: String
    @Field(key: "code") var code: String
    @Field(key: "name_sv") var nameSwedish: String
    @Field(key: "name_en") var nameEnglish: String
    @Field(key: "name_da") var nameDanish: String
    @Field(key: "description_sv") var descriptionSwedish: String
    @Field(key: "description_en") var descriptionEnglish: String
    @Field(key: "description_da") var descriptionDanish: String
    @Field(key: "position") var position: Int
    @Field(key: "is_active") var isActive: Bool

    init() {}

    func name(in language: String) -> String {
        switch language {
        case "en": nameEnglish
        case "da": nameDanish
        default: nameSwedish
        }
    }

    func description(in language: String) -> String {
        switch language {
        case "en": descriptionEnglish
        case "da": descriptionDanish
        default: descriptionSwedish
        }
    }
}

/// The programmes an installation starts with. Their codes are what an intake's programme uses.
enum BuiltInProgrammes {
    struct Seed {
        let code: String
        let country: String
        let names: (sv: String, en: String, da: String)
        let length: PlacementLength
        let maximum: PlacementLength?
        let lengthsByBenefit: [(BenefitType, PlacementLength)]
        let purposes: [BuiltInPlacementPurposes.Purpose]
    }

    static let seeds: [Seed] = [
        Seed(
            code: "arbetspraktik", country: "SE",
            names: ("Arbetspraktik", "Arbetspraktik (work practice)", "Arbetspraktik (svensk arbejdspraktik)"),
            length: .init(value: 4, unit: .months), maximum: .init(value: 6, unit: .months), lengthsByBenefit: [],
            purposes: BuiltInPlacementPurposes.swedish),
        Seed(
            code: "arbetstraning", country: "SE",
            names: ("Arbetsträning", "Arbetsträning (work training)", "Arbetsträning (svensk arbejdstræning)"),
            length: .init(value: 4, unit: .months), maximum: .init(value: 12, unit: .months), lengthsByBenefit: [],
            purposes: BuiltInPlacementPurposes.swedish),
        Seed(
            code: "jobbspranget", country: "SE", names: ("Jobbsprånget", "Jobbsprånget", "Jobbsprånget"),
            length: .init(value: 4, unit: .months), maximum: .init(value: 4, unit: .months), lengthsByBenefit: [],
            purposes: BuiltInPlacementPurposes.swedish),
        Seed(
            code: "virksomhedspraktik", country: "DK",
            names: ("Virksomhedspraktik", "Virksomhedspraktik (company placement)", "Virksomhedspraktik"),
            length: .init(value: 4, unit: .weeks), maximum: .init(value: 13, unit: .weeks),
            lengthsByBenefit: [
                (.dagpenge, .init(value: 4, unit: .weeks)), (.kontanthjaelpJobReady, .init(value: 4, unit: .weeks)),
                (.kontanthjaelpActivityReady, .init(value: 13, unit: .weeks)),
            ],
            purposes: BuiltInPlacementPurposes.danish),
    ]

    static func install(on database: any Database) async throws {
        for (position, seed) in seeds.enumerated() {
            let programme = PlacementProgramme()
            programme.code = seed.code
            programme.country = seed.country
            programme.nameSwedish = seed.names.sv
            programme.nameEnglish = seed.names.en
            programme.nameDanish = seed.names.da
            programme.lengthValue = seed.length.value
            programme.lengthUnit = seed.length.unit.rawValue
            programme.maximumValue = seed.maximum?.value
            programme.maximumUnit = seed.maximum?.unit.rawValue
            programme.requiredConsents = BuiltInConsentPurpose.programmePartners.rawValue
            programme.isActive = true
            programme.position = position
            try await programme.create(on: database)
            for (benefit, length) in seed.lengthsByBenefit {
                let row = PlacementProgrammeLength()
                row.programmeCode = seed.code
                row.benefitType = benefit.rawValue
                row.lengthValue = length.value
                row.lengthUnit = length.unit.rawValue
                try await row.create(on: database)
            }
            for (index, purpose) in seed.purposes.enumerated() {
                let row = ProgrammePurpose()
                row.programmeCode = seed.code
                row.code = purpose.code
                row.nameSwedish = purpose.name["sv"] ?? purpose.code
                row.nameEnglish = purpose.name["en"] ?? purpose.code
                row.nameDanish = purpose.name["da"] ?? purpose.code
                row.descriptionSwedish = purpose.description["sv"] ?? ""
                row.descriptionEnglish = purpose.description["en"] ?? ""
                row.descriptionDanish = purpose.description["da"] ?? ""
                row.position = index
                row.isActive = true
                try await row.create(on: database)
            }
        }
    }
}
