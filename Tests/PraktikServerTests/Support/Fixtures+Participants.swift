import Fluent
import Foundation
import PraktikCore
import Vapor

@testable import PraktikServer

extension Fixtures {
    static let adminActor = AuditLog.Actor(userID: nil, role: "system:test", clientAddress: nil)

    /// A valid Swedish personnummer for a person born on the given date (check digit computed).
    static func personNumber(year: Int, month: Int, day: Int, serial: Int) -> String {
        let yymmdd = String(format: "%02d%02d%02d", year % 100, month, day)
        let body = yymmdd + String(format: "%03d", serial % 1000)
        let digits = body.compactMap { Int(String($0)) }
        let check = LuhnChecksum.checkDigit(for: digits) ?? 0
        return String(format: "%04d%02d%02d", year, month, day) + String(format: "%03d", serial % 1000) + String(check)
    }

    /// A participant registered through the service, as an admin would.
    @discardableResult
    static func participant(
        _ app: Application, unit givenUnit: OrganisationUnit? = nil, firstName: String = "Leyla", lastName: String = "Ahmadi",
        personNumber: String? = nil, email: String? = nil, gender: Gender = .woman
    ) async throws -> Participant {
        let unit: OrganisationUnit
        if let givenUnit { unit = givenUnit } else { unit = try await Self.unit(app, code: "JT-\(UUID().uuidString.prefix(6))") }
        let admin = SignedInUser(id: UUID(), email: "a@test.example", displayName: "A", role: .admin, unitID: nil, language: .swedish)
        let service = ParticipantService(database: app.db, clock: app.clock, scope: ParticipantScope(user: admin), actor: adminActor)
        var input = ParticipantInput()
        input.firstName = firstName
        input.lastName = lastName
        input.personNumber =
            personNumber ?? Self.personNumber(year: 1990, month: 5, day: Int.random(in: 1...28), serial: Int.random(in: 0...999))
        input.email = email ?? "\(firstName.lowercased()).\(UUID().uuidString.prefix(6))@example.se"
        input.gender = gender.rawValue
        input.birthRegion = BirthRegion.outsideEurope.rawValue
        input.educationLevel = EducationLevel.upperSecondary.rawValue
        input.benefitType = BenefitType.forsorjningsstod.rawValue
        input.unitID = unit.id
        input.languages = [("ar", "native"), ("sv", "B1")]
        input.targetGroups = ["newly_arrived"]
        return try await service.create(input)
    }

    /// Links a participant account (as the portal creates it) to a participant.
    static func link(_ user: User, to participant: Participant, on app: Application) async throws {
        user.$participant.id = participant.id
        try await user.save(on: app.db)
    }
}
