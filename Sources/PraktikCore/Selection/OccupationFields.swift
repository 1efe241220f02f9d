/// Which applicants' education fields an internship place's occupational field takes, and which
/// field it counts as when compared with an applicant's preferred fields.
///
/// The register records a place's occupational field as words (`places.occupation_field`, as the
/// employer or the import wrote it: "Vård och omsorg", "IT"); applicants choose codes from
/// `EducationField`. This table is the one bridge between the two, so matching, its explanation and
/// its tests read the same answer. A field it does not know takes every education field and
/// counts as `other`: a place is never excluded because of how its field was spelled.
public enum OccupationFields {
    public struct Fields: Sendable, Hashable {
        /// The field the place counts as for applicants' preferences.
        public let area: EducationField
        /// The education fields the place takes.
        public let accepted: Set<EducationField>
    }

    /// Bumped whenever the table changes: a stored matching run names the version it used.
    public static let version = 1

    /// The fields of a place whose occupational field is `occupation` (case and surrounding spaces ignored).
    public static func fields(for occupation: String) -> Fields {
        let key = occupation.trimmingSurroundingWhitespace().lowercased()
        guard let entry = table[key] else { return Fields(area: .other, accepted: Set(EducationField.allCases)) }
        // `other` is every entry-level applicant's field; the places of this table all take them.
        return Fields(area: entry.area, accepted: Set(entry.accepted).union([entry.area, .other]))
    }

    private static let table: [String: (area: EducationField, accepted: [EducationField])] = [
        "it": (.computerScience, [.technology, .naturalSciences]),
        "teknik": (.technology, [.naturalSciences, .architecture, .construction]),
        "bygg": (.construction, [.architecture, .technology]),
        "fastighet": (.construction, [.architecture, .technology]),
        "kontor och administration": (.administration, [.economics, .humanResources, .marketing, .law, .socialSciences]),
        "vård och omsorg": (.healthCare, [.pharmacy, .socialSciences]),
        "förskola": (.teaching, [.socialSciences, .humanitiesAndArts]),
        "kultur": (.humanitiesAndArts, [.teaching, .socialSciences]),
        "idrott": (.teaching, [.healthCare, .socialSciences]),
        "restaurang": (.hospitality, [.retail]),
        "hotell": (.hospitality, [.retail, .administration]),
        "städ": (.hospitality, [.construction]),
        "handel": (.retail, [.marketing, .economics]),
        "logistik": (.transportAndLogistics, [.economics, .technology]),
        "fordon": (.technology, [.transportAndLogistics]),
        // Danish register words.
        "kontor": (.administration, [.economics, .humanResources, .marketing, .law, .socialSciences]),
        "sundhed og omsorg": (.healthCare, [.pharmacy, .socialSciences]),
        "byggeri": (.construction, [.architecture, .technology]),
        "detailhandel": (.retail, [.marketing, .economics]),
    ]
}
