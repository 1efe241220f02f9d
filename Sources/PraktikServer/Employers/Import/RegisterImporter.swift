import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Reads a register file into a preview (nothing stored), and stores a preview's valid rows with
/// multi-row inserts in the caller's transaction (`RegisterImportService` for the web, in chunks;
/// `CommandLineRegister` in one). Rows are matched on natural keys (employer number;
/// workplace P-number or address; place title and period), so importing the same file twice
/// creates nothing the second time.
struct RegisterImporter: Sendable {
    let database: any Database
    let clock: AppClock

    /// Rows per INSERT statement: far below SQLite's and PostgreSQL's bind limits (32,766 and
    /// 65,535) for our widest table, and large enough that 10,000 rows take a few dozen statements.

    struct Outcome: Sendable, Equatable {
        var employersCreated = 0
        var workplacesCreated = 0
        var placesCreated = 0
        var rowsProcessed = 0
    }

    // MARK: Preview

    func preview(_ content: String) async throws -> RegisterImportPreview {
        let units = try await OrganisationUnit.query(on: database).all()
        let unitIDs = Dictionary(
            units.compactMap { unit in unit.id.map { (unit.code.uppercased(), $0) } }, uniquingKeysWith: { first, _ in first })
        var preview = RegisterImportPreview(parsed: RegisterFile.parse(content), unitIDs: unitIDs)
        try await draftPlacesThatMayNotOpen(in: &preview)
        return preview
    }

    /// A file's "open" is a wish: a place is opened only if `PlaceUsability` says it may be, as
    /// when a case worker opens one. The others are imported as drafts (a new employer has no
    /// checks recorded yet, so with required checks its places wait for them), and listed.
    private func draftPlacesThatMayNotOpen(in preview: inout RegisterImportPreview) async throws {
        let opening = preview.rows.indices.filter { preview.rows[$0].place?.status == .open }
        guard !opening.isEmpty else { return }
        let sql = try database.sql
        let checks = EmployerCheckService(database: database, clock: clock)
        let requiredTypes = try await checks.types().filter(\.isRequired)
        struct Existing: Decodable {
            let id: UUID
            let identifier: String
            let is_active: Bool
        }
        var existing: [String: Existing] = [:]
        let numbers = Array(Set(opening.map { preview.rows[$0].employer.identifier.storageValue }))
        for chunk in numbers.chunked(into: 1000) {
            let rows = try await sql.raw("SELECT id, identifier, is_active FROM employers WHERE identifier IN (\(binds: Array(chunk)))")
                .all(decoding: Existing.self)
            for row in rows { existing[row.identifier] = row }
        }
        let standings = try await checks.standings(ofEmployers: existing.values.map(\.id), types: requiredTypes)
        let today = try clock.today()
        for index in opening {
            guard let place = preview.rows[index].place else { continue }
            let employer = existing[preview.rows[index].employer.identifier.storageValue]
            let required =
                employer.map { standings[$0.id] ?? [] }
                ?? requiredTypes.map { EmployerCheckService.standing(key: $0.key, check: nil) }
            let facts = PlaceUsability.Facts(
                status: .open, periodStart: place.periodStart, periodEnd: place.periodEnd, capacity: place.capacity, seatsTaken: 0,
                employerIsActive: employer?.is_active ?? true, requiredChecks: required)
            if case .refused(let reasons) = PlaceUsability.answerForOpening(facts, on: today) {
                preview.rows[index].place?.status = .draft
                preview.draftedPlaces.append(.init(line: preview.rows[index].line, reasons: reasons))
            }
        }
    }

    // MARK: Import

    /// Inserts what is new, in bulk.
    static func insert(_ preview: RegisterImportPreview, on database: any Database, clock: AppClock) async throws -> Outcome {
        let sql = try database.sql
        let now = clock.now()
        var outcome = Outcome(rowsProcessed: preview.rows.count)

        // Employers, by number.
        var employerIDs: [String: UUID] = [:]
        let numbers = Array(Set(preview.rows.map(\.employer.identifier.storageValue)))
        struct Existing: Decodable {
            let id: UUID
            let key: String
        }
        for chunk in numbers.chunked(into: 1000) {
            for row in try await sql.raw("SELECT id, identifier AS key FROM employers WHERE identifier IN (\(binds: Array(chunk)))").all(
                decoding: Existing.self)
            {
                employerIDs[row.key] = row.id
            }
        }
        var newEmployers: [[any Encodable & Sendable]] = []
        for row in preview.rows where employerIDs[row.employer.identifier.storageValue] == nil {
            let id = UUID()
            let employer = row.employer
            employerIDs[employer.identifier.storageValue] = id
            newEmployers.append([
                id, employer.name, employer.identifier.storageValue, employer.identifier.country, employer.sector.rawValue,
                employer.industry,
                employer.employees, true,
                Employer.searchText(name: employer.name, identifier: employer.identifier, industry: employer.industry), now, now,
            ])
        }
        try await BulkInsert.insert(
            into: Employer.schema,
            columns: [
                "id", "name", "identifier", "country", "sector", "industry", "employees", "is_active", "search_text", "created_at",
                "updated_at",
            ],
            rows: newEmployers, on: sql)
        outcome.employersCreated = newEmployers.count

        // Workplaces, by employer and P-number or address.
        var workplaceIDs: [String: UUID] = [:]
        let employersWithWorkplaces = Array(
            Set(preview.rows.filter { $0.workplace != nil }.compactMap { employerIDs[$0.employer.identifier.storageValue] }))
        for chunk in employersWithWorkplaces.chunked(into: 1000) {
            let rows = try await sql.raw(
                """
                SELECT id, employer_id, natural_key FROM workplaces WHERE employer_id IN (\(binds: Array(chunk)))
                """
            ).all(decoding: ExistingChild.self)
            for row in rows { workplaceIDs[row.employer_id.uuidString + "|" + row.natural_key] = row.id }
        }
        var newWorkplaces: [[any Encodable & Sendable]] = []
        for row in preview.rows {
            guard let workplace = row.workplace, let employerID = employerIDs[row.employer.identifier.storageValue] else { continue }
            let key = employerID.uuidString + "|" + workplace.naturalKey
            guard workplaceIDs[key] == nil else { continue }
            let id = UUID()
            workplaceIDs[key] = id
            newWorkplaces.append([
                id, employerID, workplace.name, workplace.address, workplace.postalCode, workplace.city, workplace.district,
                workplace.pNumber?.storageValue, workplace.naturalKey, true, now, now,
            ])
        }
        try await BulkInsert.insert(
            into: Workplace.schema,
            columns: [
                "id", "employer_id", "name", "address", "postal_code", "city", "district", "p_number", "natural_key", "is_active",
                "created_at", "updated_at",
            ],
            rows: newWorkplaces, on: sql)
        outcome.workplacesCreated = newWorkplaces.count

        // Places, by workplace, title and period.
        var placeKeys: Set<String> = []
        let workplacesWithPlaces = Array(
            Set(
                preview.rows.compactMap { row -> UUID? in
                    guard row.place != nil, let workplace = row.workplace,
                        let employerID = employerIDs[row.employer.identifier.storageValue]
                    else { return nil }
                    return workplaceIDs[employerID.uuidString + "|" + workplace.naturalKey]
                }))
        for chunk in workplacesWithPlaces.chunked(into: 1000) {
            let rows = try await sql.raw(
                """
                SELECT id, workplace_id AS employer_id, natural_key FROM places WHERE workplace_id IN (\(binds: Array(chunk)))
                """
            ).all(decoding: ExistingChild.self)
            for row in rows { placeKeys.insert(row.employer_id.uuidString + "|" + row.natural_key) }
        }
        var newPlaces: [[any Encodable & Sendable]] = []
        for row in preview.rows {
            guard let place = row.place, let workplace = row.workplace, let employerID = employerIDs[row.employer.identifier.storageValue],
                let workplaceID = workplaceIDs[employerID.uuidString + "|" + workplace.naturalKey],
                let unitID = preview.unitIDs[place.unitCode.uppercased()]
            else { continue }
            let key = workplaceID.uuidString + "|" + place.naturalKey
            guard placeKeys.insert(key).inserted else { continue }
            newPlaces.append([
                UUID(), workplaceID, employerID, unitID, place.title, place.occupationField, place.tasks, place.capacity,
                place.periodStart.description, place.periodEnd.description, place.hoursPerWeek, place.languageRequirement,
                place.remotePossible,
                place.regime.rawValue, place.status.rawValue, place.naturalKey,
                Place.searchText(title: place.title, field: place.occupationField),
                now, now,
            ])
        }
        try await BulkInsert.insert(
            into: Place.schema,
            columns: [
                "id", "workplace_id", "employer_id", "unit_id", "title", "occupation_field", "tasks", "capacity", "period_start",
                "period_end",
                "hours_per_week", "language_requirement", "remote_possible", "regime", "status", "natural_key", "search_text", "created_at",
                "updated_at",
            ],
            rows: newPlaces, on: sql)
        outcome.placesCreated = newPlaces.count
        return outcome
    }

    private struct ExistingChild: Decodable {
        let id: UUID
        let employer_id: UUID
        let natural_key: String
    }
}
