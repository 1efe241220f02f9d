import Fluent
import Foundation

/// A person's application to an intake, with the answers as they gave them. The participant it
/// belongs to was found by person number or created for it; the answers stay on the application,
/// so what the person wrote is kept apart from the register's record.
final class IntakeApplication: Model, @unchecked Sendable {
    static let schema = "applications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "intake_id") var intake: Intake
    @Parent(key: "participant_id") var participant: Participant
    /// `ApplicationStatus` raw value.
    @Field(key: "status") var status: String
    /// The colour that counts now: the latest decision by a person, or else the rules'.
    @Field(key: "colour") var colour: String
    /// The colour of the latest run of the rules.
    @Field(key: "rules_colour") var rulesColour: String
    @OptionalField(key: "current_assessment_id") var currentAssessmentID: UUID?
    @OptionalField(key: "rules_assessment_id") var rulesAssessmentID: UUID?
    /// The language the person applied in; messages about the application are written in it.
    @Field(key: "language") var language: String
    /// `web`, `waiting_list` (carried from an earlier intake) or `staff`.
    @Field(key: "channel") var channel: String
    /// The form's one-time key: a second submit of the same form finds this application.
    @OptionalField(key: "submission_key") var submissionKey: String?

    @OptionalField(key: "first_name") var firstName: String?
    @OptionalField(key: "last_name") var lastName: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "postal_address") var postalAddress: String?
    /// For applicants without a person number: "YYYY-MM-DD".
    @OptionalField(key: "birth_date") var birthDate: String?
    @Field(key: "gender") var gender: String
    @Field(key: "birth_region") var birthRegion: String
    @OptionalField(key: "home_district") var homeDistrict: String?

    @OptionalField(key: "registered_as_job_seeker") var registeredAsJobSeeker: Bool?
    @Field(key: "education_level") var educationLevel: String
    @OptionalField(key: "education_field") var educationField: String?
    @OptionalField(key: "education_country") var educationCountry: String?
    @OptionalField(key: "education_year") var educationYear: Int?
    @OptionalField(key: "upper_secondary_full_grades") var upperSecondaryFullGrades: Bool?
    @OptionalField(key: "swedish_work_months") var swedishWorkMonths: Int?
    @OptionalField(key: "permit_kind") var permitKind: String?
    @OptionalField(key: "permit_end") var permitEnd: String?
    @OptionalField(key: "current_occupation") var currentOccupation: String?
    @OptionalField(key: "available_from") var availableFrom: String?

    @Field(key: "submitted_at") var submittedAt: Date
    @Field(key: "status_changed_at") var statusChangedAt: Date
    /// When a person first decided the application: the turnaround is this minus `submittedAt`.
    @OptionalField(key: "first_decided_at") var firstDecidedAt: Date?
    @OptionalField(key: "offered_at") var offeredAt: Date?
    @OptionalField(key: "placement_decided_at") var placementDecidedAt: Date?
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    /// Eligible when the intake ended without a place: the person may join the waiting list.
    @Field(key: "waiting_list_offered") var waitingListOffered: Bool
    @OptionalField(key: "carried_from_application_id") var carriedFromApplicationID: UUID?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var displayName: String { [firstName, lastName].compactMap { $0 }.joined(separator: " ") }
}

final class ApplicationLanguage: Model, @unchecked Sendable {
    static let schema = "application_languages"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: IntakeApplication
    @Parent(key: "participant_id") var participant: Participant
    /// ISO 639-1 code.
    @Field(key: "language") var language: String
    /// `LanguageLevel` raw value (CEFR).
    @Field(key: "level") var level: String

    init() {}
}

final class ApplicationPreferredField: Model, @unchecked Sendable {
    static let schema = "application_preferred_fields"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: IntakeApplication
    @Parent(key: "participant_id") var participant: Participant
    /// `EducationField` raw value: the field of work the person would like a placement in.
    @Field(key: "field") var field: String

    init() {}
}

final class ApplicationPreferredDistrict: Model, @unchecked Sendable {
    static let schema = "application_preferred_districts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "application_id") var application: IntakeApplication
    @Parent(key: "participant_id") var participant: Participant
    /// A district as the employer register names it (`workplaces.district`).
    @Field(key: "district") var district: String

    init() {}
}
