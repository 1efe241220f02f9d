import Foundation
import Matching
import PraktikCore

/// The one mapping of stored records onto the matching library's profiles (issue 12). Every run,
/// the command line and the tests build profiles here, so "scoring from stored records" and
/// "scoring the same data in the library" cannot drift apart.
///
/// | library | from |
/// |---|---|
/// | candidate id | `applications.id` |
/// | education field | `applications.education_field` (`EducationField` code; none: `other`) |
/// | preferred areas | `application_preferred_fields`, by code (the form does not rank them, so every one earns full credit, see `weights`) |
/// | languages | `application_languages`, CEFR mapped to bands: A1–A2 basic, B1–B2 intermediate, C1–C2 and native fluent |
/// | location | municipality = `applications.home_district`, region = the installation's one region |
/// | travel range and chosen municipalities | no preferred district: anywhere in the region; otherwise own district plus `application_preferred_districts` |
/// | available from / until | `applications.available_from` / `applications.permit_end` (a permit that ends is availability that ends) |
/// | skills | none yet: the register records no skills, so the skills weight is 0 |
/// | place id, capacity | `places.id`, free seats (`capacity - seats_taken`) |
/// | accepted fields, area | `OccupationFields.fields(for: places.occupation_field)` |
/// | location, remote | municipality = `workplaces.district`, the one region; `places.remote_possible` |
/// | language requirements | `PlaceLanguageNeeds.needs(in: places.language_requirement)`, minimum = the band of the level, desired one band higher |
/// | start, end | `places.period_start`, `places.period_end` |
enum MatchingProfiles {
    /// Names the whole mapping above and the tables it reads from; bump it whenever either changes.
    static let mappingVersion = "records-1+occupations-\(OccupationFields.version)"
    static let weightsVersion = "selection-1"

    /// Skills are not recorded yet (weight 0); preferences are not ranked (full credit for any).
    static let weights = FitWeights(
        skills: 0, preference: 40, language: 30, proximity: 30,
        preferenceCredits: Array(repeating: 1, count: EducationField.allCases.count))

    /// Places and candidates of one installation share a region; districts are its municipalities.
    static let region = "installation"

    static var scorer: FitScorer { FitScorer(weights: weights) }

    struct CandidateRecord: Sendable {
        var applicationID: UUID
        var participantID: UUID
        var educationField: String?
        var homeDistrict: String?
        var availableFrom: String?
        var permitEnd: String?
        var languages: [(language: String, level: String)] = []
        var preferredFields: [String] = []
        var preferredDistricts: [String] = []
    }

    struct PlaceRecord: Sendable, Hashable {
        var placeID: UUID
        var freeSeats: Int
        var occupationField: String
        var district: String?
        var remote: Bool
        var languageRequirement: String
        var periodStart: String
        var periodEnd: String
    }

    static func candidate(_ record: CandidateRecord) -> CandidateProfile {
        var languages: [String: LanguageBand] = [:]
        for entry in record.languages {
            guard let level = LanguageLevel(rawValue: entry.level) else { continue }
            languages[entry.language] = max(languages[entry.language] ?? .none, band(level))
        }
        let field = record.educationField.flatMap { $0.isEmpty ? nil : $0 } ?? EducationField.other.rawValue
        return CandidateProfile(
            id: record.applicationID.uuidString, educationField: field, preferredAreas: record.preferredFields.sorted(),
            languages: languages, location: Location(municipality: record.homeDistrict ?? "", region: region),
            travelRange: record.preferredDistricts.isEmpty ? .ownRegion : .ownMunicipality,
            chosenMunicipalities: Set(record.preferredDistricts), availableFrom: day(record.availableFrom),
            availableUntil: day(record.permitEnd))
    }

    /// Nil when the place's period cannot be read (it cannot be matched without one).
    static func place(_ record: PlaceRecord) -> PlaceProfile? {
        guard let start = day(record.periodStart), let end = day(record.periodEnd) else { return nil }
        let fields = OccupationFields.fields(for: record.occupationField)
        let requirements = PlaceLanguageNeeds.needs(in: record.languageRequirement).map { need in
            let minimum = band(need.minimum)
            return LanguageRequirement(
                language: need.language, minimum: minimum, desired: LanguageBand(rawValue: minimum.rawValue + 1) ?? minimum)
        }
        return PlaceProfile(
            id: record.placeID.uuidString, capacity: max(0, record.freeSeats), acceptedFields: Set(fields.accepted.map(\.rawValue)),
            area: fields.area.rawValue, location: Location(municipality: record.district ?? "", region: region),
            remote: record.remote, languageRequirements: requirements, start: start, end: end)
    }

    static func band(_ level: LanguageLevel) -> LanguageBand {
        switch level {
        case .a1, .a2: .basic
        case .b1, .b2: .intermediate
        case .c1, .c2, .native: .fluent
        }
    }

    static func day(_ text: String?) -> PlacementDay? {
        guard let text, let date = CivilDate(iso8601: text) else { return nil }
        return PlacementDay(year: date.year, month: date.month, day: date.day)
    }
}
