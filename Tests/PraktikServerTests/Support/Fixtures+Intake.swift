import Fluent
import Foundation
import Synchronization
import PraktikCore
import Vapor
import VaporTesting

@testable import PraktikServer

/// Programmes, intakes and applications for the intake tests. The test clock's today is
/// 2026-11-18; the default intake takes applications from 1 November to 15 December 2026 and
/// places people from 10 January to 9 May 2027.
extension Fixtures {
    static func programme(
        _ app: Application, unit: OrganisationUnit, code: String = "jobbspranget-\(UUID().uuidString.prefix(6).lowercased())",
        kind: ProgrammeKind = .internshipProgramme
    ) async throws -> Programme {
        try await ProgrammeService(database: app.db, clock: app.clock, actor: adminActor).create(
            .init(code: code, name: "Jobbsprånget", kind: kind.rawValue, unitID: unit.id, placementMonths: "4"))
    }

    static func intake(
        _ app: Application, programme: Programme, name: String = "Jobbsprånget hösten 2026",
        ruleSet: EligibilityRuleSet = EligibilityRuleSets.jobbsprangetV1,
        status: IntakeStatus = .open, opensOn: String = "2026-11-01", closesOn: String = "2026-12-15", previous: Intake? = nil,
        isPilot: Bool = false
    ) async throws -> Intake {
        let service = IntakeService(database: app.db, clock: app.clock, actor: adminActor)
        let intake = try await service.create(
            .init(
                programmeID: programme.id, name: name, opensOn: opensOn, closesOn: closesOn, placementStart: "2027-01-10",
                placementEnd: "2027-05-09", targetPlaces: "100", targetApplicants: "", ruleSet: "\(ruleSet.code)@\(ruleSet.version)",
                isPilot: isPilot, previousIntakeID: previous?.id),
            programme: programme)
        intake.status = status.rawValue
        try await intake.save(on: app.db)
        return try await IntakeScope(user: admin).find(intake.id, on: app.db)
    }

    static let admin = SignedInUser(id: UUID(), email: "a@test.example", displayName: "A", role: .admin, unitID: nil, language: .swedish)

    /// A unit, a programme run by it and an open intake.
    static func openIntake(_ app: Application, ruleSet: EligibilityRuleSet = EligibilityRuleSets.jobbsprangetV1) async throws -> (
        OrganisationUnit, Intake
    ) {
        let unit = try await unit(app, code: "JS-\(UUID().uuidString.prefix(6))", name: "Jobbsprånget")
        let programme = try await programme(app, unit: unit)
        return (unit, try await intake(app, programme: programme, ruleSet: ruleSet))
    }

    /// Every field of the application form, filled in as an eligible Jobbsprånget applicant would.
    /// Distinct person numbers for forms that do not name one: drawn at random, two applicants of
    /// one test became one person now and then (the second application "already received").
    private static let applicantSerials = Mutex(Int.random(in: 0..<28_000))

    static func nextApplicantNumber() -> String {
        let serial = applicantSerials.withLock { value -> Int in
            value = (value + 1) % 28_000
            return value
        }
        return personNumber(year: 1991, month: 3, day: 1 + serial / 1000, serial: serial % 1000)
    }

    static func applicationForm(
        personNumber: String? = nil, email: String? = nil, firstName: String = "Nasrin", lastName: String = "Karimi",
        gender: Gender = .woman
    ) -> [String: String] {
        [
            "identification": "swedish_personal_number",
            "personNumber": personNumber
                ?? Self.nextApplicantNumber(),
            "firstName": firstName, "lastName": lastName,
            "email": email ?? "\(firstName.lowercased()).\(UUID().uuidString.prefix(6))@example.se",
            "phone": "070-123 45 67", "gender": gender.rawValue, "birthRegion": "outside_europe",
            "educationLevel": "post_secondary_long", "educationField": "computer_science", "educationCountry": "Iran",
            "educationYear": "2016",
            "upperSecondaryFullGrades": "yes", "language0": "fa", "level0": "native", "language1": "en", "level1": "C1",
            "registeredAsJobSeeker": "yes", "permitKind": "temporary", "permitEnd": "2027-12-31", "currentOccupation": "unemployed",
            "swedishWorkMonths": "6", "availableFrom": "2027-01-10",
            "consentProgrammePartners": "yes", "consentVersionProgrammePartners": "1",
            "consentEmployerProfile": "yes", "consentVersionEmployerProfile": "1",
        ]
    }

    /// Posts the whole form as its last step would, and returns the response.
    @discardableResult
    static func submitApplication(
        _ browser: Browser, intake: Intake, form: [String: String], key: String = UUID().uuidString
    ) async throws -> TestingHTTPResponse {
        let path = "/apply/\(try intake.requireID())"
        try await browser.get(path)
        var fields = form
        fields["step"] = "5"
        fields["action"] = "submit"
        fields["submissionKey"] = key
        return try await browser.post(path, form: fields)
    }

    /// An application through the service, without HTTP.
    static func application(
        _ app: Application, intake: Intake, form: [String: String]? = nil, capture: CapturingMailTransport? = nil
    ) async throws -> IntakeApplication {
        let fields = form ?? applicationForm()
        var input = ApplicationInput()
        input.identification = fields["identification"] ?? "swedish_personal_number"
        input.personNumber = fields["personNumber"] ?? ""
        input.firstName = fields["firstName"] ?? ""
        input.lastName = fields["lastName"] ?? ""
        input.birthDate = fields["birthDate"] ?? ""
        input.email = fields["email"] ?? ""
        input.gender = fields["gender"] ?? ""
        input.birthRegion = fields["birthRegion"] ?? ""
        input.homeDistrict = fields["homeDistrict"] ?? ""
        input.educationLevel = fields["educationLevel"] ?? ""
        input.educationField = fields["educationField"] ?? ""
        input.upperSecondaryFullGrades = fields["upperSecondaryFullGrades"] ?? ""
        input.languages = [
            .init(language: fields["language0"] ?? "", level: fields["level0"] ?? ""),
            .init(language: fields["language1"] ?? "", level: fields["level1"] ?? ""),
        ]
        input.registeredAsJobSeeker = fields["registeredAsJobSeeker"] ?? ""
        input.permitKind = fields["permitKind"] ?? ""
        input.permitEnd = fields["permitEnd"] ?? ""
        input.currentOccupation = fields["currentOccupation"] ?? ""
        input.swedishWorkMonths = fields["swedishWorkMonths"] ?? ""
        input.consents = ["programme_partners": true, "employer_profile": fields["consentEmployerProfile"] == "yes"]
        input.consentVersions = ["programme_partners": "1", "employer_profile": "1"]
        let context = ApplicationFormContext(
            today: try app.clock.today(), districts: Set(fields["homeDistrict"].map { [$0] } ?? []),
            consentPurposes: ["programme_partners": 1, "employer_profile": 1], requiredConsents: ["programme_partners"])
        let valid = try input.validated(context: context).mapError { $0.errors }.get()
        let messages = ApplicantMessages(
            database: app.db, clock: app.clock, translations: app.translations, publicURL: "http://praktik.test")
        let outcome = try await ApplicationService(database: app.db, clock: app.clock, messages: messages).submit(
            valid, to: intake, submissionKey: UUID().uuidString, language: .swedish, actor: adminActor)
        guard case .created(let id) = outcome, let application = try await IntakeApplication.find(id, on: app.db) else {
            throw FixtureError(message: "application not created: \(outcome)")
        }
        return application
    }

    /// Sends what waits in the outbox through the app's transport.
    static func deliverMail(_ app: Application) async throws {
        try await Outbox(database: app.db, clock: app.clock).deliverPending(via: app.mailTransport, logger: app.logger)
    }

    /// The status-page link in the newest message to `address`.
    static func statusLink(in capture: CapturingMailTransport, to address: String) -> String? {
        guard let body = capture.sent.last(where: { $0.to == address })?.body, let range = body.range(of: "/apply/status/") else {
            return nil
        }
        return "/apply/status/" + body[range.upperBound...].prefix { !$0.isWhitespace }
    }
}
