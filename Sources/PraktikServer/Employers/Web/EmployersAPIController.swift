import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// `/api/v1` for the employer register: the same directories and rules as the pages, as DTOs.
enum EmployersAPIController {
    struct Page<Item: Content>: Content {
        let items: [Item]
        let total: Int
        let page: Int
        let perPage: Int
    }

    struct EmployerDTO: Content {
        let id: UUID
        let name: String
        /// `SE:NNNNNN-NNNN`, `DK:NNNNNNNN` or `CC:value`; a sole trader's personnummer is masked.
        let identifier: String
        let sector: String
        let industry: String
        let employees: Int?
        let isActive: Bool
        let workplaces: Int
        let openPlaces: Int
    }

    struct PlaceDTO: Content {
        let id: UUID
        let title: String
        let occupationField: String
        let capacity: Int
        let periodStart: String
        let periodEnd: String
        let status: String
        let regime: String
        let employerID: UUID
        let employerName: String
        let workplaceID: UUID
        let district: String
        let unitName: String
    }

    struct UsabilityDTO: Content {
        struct Reason: Content {
            let code: String
            let checkKey: String?
        }

        let placeID: UUID
        let day: String
        let allowed: Bool
        let reasons: [Reason]
    }

    @Sendable static func employers(_ request: Request) async throws -> Page<EmployerDTO> {
        let list = ListQuery(request, url: .apiEmployers, sort: (EmployerDirectory.sortColumns, "name"))
        let filter = EmployerDirectory.Filter(
            search: request.query("q"), sector: EmployerSector(rawValue: request.query("sector")), district: request.query("district"),
            includeInactive: request.query("inactive") == "true")
        let (rows, total) = try await EmployerDirectory(sql: try request.sql).page(
            filter, sort: list.sort, limit: list.limit, offset: list.offset)
        return Page(
            items: rows.map {
                EmployerDTO(
                    id: $0.id, name: $0.name, identifier: masked($0.identifier), sector: $0.sector, industry: $0.industry,
                    employees: $0.employees, isActive: $0.is_active, workplaces: $0.workplaces, openPlaces: $0.open_places)
            },
            total: total, page: list.page, perPage: list.perPage)
    }

    @Sendable static func places(_ request: Request) async throws -> Page<PlaceDTO> {
        let list = ListQuery(request, url: .apiPlaces, sort: (PlaceDirectory.sortColumns, "start"))
        let filter = PlaceDirectory.Filter(
            search: request.query("q"), status: PlaceStatus(rawValue: request.query("status")),
            regime: PlaceRegime(rawValue: request.query("regime")),
            unitID: UUID(uuidString: request.query("unit")), district: request.query("district"),
            employerID: UUID(uuidString: request.query("employer")))
        let (rows, total) = try await PlaceDirectory(sql: try request.sql).page(
            filter, sort: list.sort, limit: list.limit, offset: list.offset)
        return Page(
            items: rows.map {
                PlaceDTO(
                    id: $0.id, title: $0.title, occupationField: $0.occupation_field, capacity: $0.capacity, periodStart: $0.period_start,
                    periodEnd: $0.period_end, status: $0.status, regime: $0.regime, employerID: $0.employer_id,
                    employerName: $0.employer_name,
                    workplaceID: $0.workplace_id, district: $0.district, unitName: $0.unit_name)
            },
            total: total, page: list.page, perPage: list.perPage)
    }

    /// "May this place be used now?" (or on `?on=YYYY-MM-DD`), with every reason for a no.
    @Sendable static func usability(_ request: Request) async throws -> UsabilityDTO {
        let dayText = request.query("on")
        let day: CivilDate
        if dayText.isEmpty {
            day = try request.application.clock.today()
        } else {
            guard let parsed = CivilDate(iso8601: dayText) else { throw AppError.badRequest(messageKey: "form.date") }
            day = parsed
        }
        guard let id = request.idParameter else { throw AppError.notFound }
        let answer = try await PlaceUsabilityService(database: request.db).answer(forPlaceID: id, on: day)
        return UsabilityDTO(
            placeID: id, day: day.description, allowed: answer.isAllowed,
            reasons: answer.reasons.map { .init(code: $0.code.rawValue, checkKey: $0.checkKey) })
    }

    private static func masked(_ storage: String) -> String {
        guard let identifier = try? EmployerIdentifier(storageValue: storage) else { return storage }
        guard case .swedishOrganisationNumber(let number) = identifier else { return identifier.storageValue }
        return "SE:" + number.masked
    }
}
