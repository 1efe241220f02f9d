import Fluent
import Foundation
import PraktikCore
import Vapor
import VaporTesting

@testable import PraktikServer

/// Employer-register records for tests, created through the register's own services.
extension Fixtures {
    static let actor = AuditLog.Actor.system("test")

    /// A valid organisationsnummer `556NNN-NNNC` for each small `n` (Luhn check digit computed).
    static func organisationNumber(_ n: Int) -> String {
        let body = Array(("556" + String(1_000_000 + n).suffix(6)).compactMap(\.wholeNumberValue))
        var sum = 0
        for (index, digit) in body.enumerated() {
            let product = digit * (index % 2 == 0 ? 2 : 1)
            sum += product / 10 + product % 10
        }
        let check = (10 - sum % 10) % 10
        let text = body.map(String.init).joined() + String(check)
        return String(text.prefix(6)) + "-" + String(text.suffix(4))
    }

    static func employer(
        _ app: Application, name: String = "Ek Bygg AB", number: String = "556016-0680", register: String = "se",
        sector: EmployerSector = .private, employees: Int? = 40
    ) async throws -> Employer {
        try await EmployerService(database: app.db, clock: app.clock).create(
            EmployerInput(
                name: name, register: register, number: number, sector: sector.rawValue, industry: "Bygg",
                employees: employees.map(String.init) ?? ""),
            by: actor)
    }

    static func workplace(
        _ app: Application, of employer: Employer, address: String = "Kistagången 1", district: String = "Rinkeby-Kista", name: String = ""
    ) async throws -> Workplace {
        try await WorkplaceService(database: app.db, clock: app.clock).create(
            for: employer, WorkplaceInput(name: name, address: address, postalCode: "164 40", city: "Stockholm", district: district),
            by: actor)
    }

    static func place(
        _ app: Application, at workplace: Workplace, unit: OrganisationUnit, title: String = "Snickare", capacity: Int = 2,
        start: String = "2026-06-01", end: String = "2026-09-30", status: PlaceStatus = .open, regime: PlaceRegime = .external
    ) async throws -> Place {
        let service = PlaceService(database: app.db, clock: app.clock)
        let place = try await service.create(
            at: workplace,
            PlaceInput(
                title: title, occupationField: "Bygg", tasks: "Montera", capacity: String(capacity), periodStart: start, periodEnd: end,
                hoursPerWeek: "40", regime: regime.rawValue, unitID: unit.id?.uuidString ?? ""),
            as: .staff, by: actor)
        if status != .draft {
            place.status = status.rawValue
            try await place.save(on: app.db)
        }
        return place
    }

    /// An employer contact linked to `workplaces`, signed in.
    static func contact(_ app: Application, of workplaces: [Workplace]) async throws -> (Browser, User) {
        let user = try await self.user(app, role: .employerContact)
        for workplace in workplaces {
            try await WorkplaceContactService(database: app.db, clock: app.clock)
                .link(email: user.email, phone: "070-123 45 67", jobTitle: "Handledare", to: workplace, by: actor)
        }
        let browser = Browser(app)
        let response = try await browser.signIn(user.email)
        guard response.status == .seeOther else { throw FixtureError(message: "contact sign-in failed: \(response.status)") }
        return (browser, user)
    }

    static func participant(_ app: Application, unit: OrganisationUnit, gender: Gender) async throws -> Participant {
        let participant = Participant()
        participant.$unit.id = try unit.requireID()
        participant.identifierKind = "protected"
        participant.gender = gender.rawValue
        participant.birthRegion = "not_stated"
        participant.educationLevel = "unknown"
        participant.benefitType = "none"
        participant.status = "active"
        try await participant.create(on: app.db)
        return participant
    }

    @discardableResult
    static func placement(
        _ app: Application, of participant: Participant, at place: Place, start: String, end: String,
        status: PlacementStatus = .completed, hired: Bool? = nil, actualStart: String? = nil, actualEnd: String? = nil
    ) async throws -> Placement {
        let placement = Placement()
        placement.$participant.id = try participant.requireID()
        placement.$place.id = try place.requireID()
        placement.$workplace.id = place.$workplace.id
        placement.$unit.id = place.$unit.id
        placement.status = status.rawValue
        placement.plannedStart = start
        placement.plannedEnd = end
        placement.actualStart = actualStart
        placement.actualEnd = actualEnd
        placement.hiredByHost = hired
        try await placement.create(on: app.db)
        return placement
    }

    /// Records a result for every active check type.
    static func passAllChecks(_ app: Application, of employer: Employer, on day: String, by user: User? = nil) async throws {
        let service = EmployerCheckService(database: app.db, clock: app.clock)
        for type in try await service.types() {
            _ = try await service.record(
                for: employer,
                .init(
                    checkTypeID: type.id?.uuidString ?? "", result: "passed", checkedOn: day, unionName: type.needsUnion ? "Byggnads" : ""),
                by: .init(userID: user?.id, role: "case_worker", clientAddress: nil))
        }
    }
}

extension Browser {
    /// Posts a multipart form with one file, as a browser's file upload does, with the CSRF token.
    @discardableResult
    func upload(_ path: String, fileField: String = "file", fileName: String, content: String, fields: [String: String] = [:]) async throws
        -> TestingHTTPResponse
    {
        let boundary = "----praktik-test-boundary"
        var body = ""
        var allFields = fields
        allFields["_csrf"] = lastCSRFToken ?? ""
        for (name, value) in allFields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body +=
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n"
        body += content + "\r\n--\(boundary)--\r\n"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }
}
