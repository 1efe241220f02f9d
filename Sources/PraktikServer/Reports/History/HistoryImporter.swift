import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Loads a history file's placements (issue 14) into the placements schema: people, units and
/// employers found or created, each placement at its employer's archival place with
/// `origin = 'history'`, its outcomes in `placement_outcomes` and its benefit in `benefit_payments`.
///
/// Everything the rows refer to is looked up in bulk (chunked `IN` lists) and kept in memory, and
/// everything new is written with multi-row INSERTs: no statement per row. A placement already
/// stored (same person, employer and first day) is skipped, so a second import of the same file
/// stores nothing. `plan` runs the checks that need the database (a placement overlapping one
/// already stored); `store` runs `plan` again inside the caller's transaction and refuses to store
/// anything if any row has a problem.
struct HistoryImporter: Sendable {
    let database: any Database
    let clock: AppClock
    /// From how many placements a file rebuilds the indexes of what it writes (`BulkInsert`); tests
    /// lower it to run that path on a small file.
    var indexRebuildThreshold = BulkInsert.rebuildThreshold

    /// Values per `IN (…)` lookup.
    static let lookupChunk = 5_000

    struct Outcome: Sendable, Equatable, Codable {
        var placementsCreated = 0
        var placementsAlreadyStored = 0
        var participantsCreated = 0
        var employersCreated = 0
        var unitsCreated = 0
        var outcomesCreated = 0
        var paymentsCreated = 0
    }

    /// The file checked against the database: what would be created, and every problem.
    struct Plan: Sendable {
        var parsed: HistoryFile.Parsed
        var problems: [HistoryRowProblem]
        /// Rows to store (valid, not stored before).
        var newRows: [HistoryRow] = []
        var alreadyStored = 0
        var unitIDs: [String: UUID] = [:]
        var newUnits: [(key: String, name: String, code: String)] = []
        var employerIDs: [String: UUID] = [:]
        var newEmployers: [HistoryRow] = []
        var participantIDs: [String: UUID] = [:]
        var newParticipants: [String] = []

        var hasProblems: Bool { parsed.fileProblem != nil || !problems.isEmpty }
        var invalidLineCount: Int { Set(problems.map(\.line)).count }
    }

    // MARK: Reading and checking

    func parse(_ content: String) async throws -> HistoryFile.Parsed {
        struct Code: Decodable { let code: String }
        let purposes = try await database.sql.raw("SELECT DISTINCT code FROM programme_purposes").all(decoding: Code.self)
        return await HistoryFile.parse(
            content, today: try clock.today(), purposes: Set(purposes.map(\.code)), workers: ProcessInfo.processInfo.activeProcessorCount)
    }

    func plan(_ content: String) async throws -> Plan {
        try await plan(parse(content))
    }

    func plan(_ parsed: HistoryFile.Parsed) async throws -> Plan {
        let sql = try database.sql
        var plan = Plan(parsed: parsed, problems: parsed.problems)
        guard parsed.fileProblem == nil else { return plan }
        let rows = parsed.rows

        // Units by name.
        struct UnitRow: Decodable {
            let id: UUID
            let name: String
            let code: String
        }
        let units = try await sql.raw("SELECT id, name, code FROM units").all(decoding: UnitRow.self)
        var codes = Set(units.map { $0.code.uppercased() })
        for unit in units where plan.unitIDs[HistoryRow.unitKey(unit.name)] == nil { plan.unitIDs[HistoryRow.unitKey(unit.name)] = unit.id }
        var seenUnits = Set<String>()
        for row in rows where plan.unitIDs[row.unitKey] == nil && seenUnits.insert(row.unitKey).inserted {
            let code = UnitCode.derived(from: row.unitName, avoiding: codes)
            codes.insert(code)
            plan.newUnits.append((row.unitKey, row.unitName, code))
        }

        // Employers by number.
        struct Keyed: Decodable {
            let id: UUID
            let key: String
        }
        let numbers = Array(Set(rows.map(\.employer.storageValue)))
        for chunk in numbers.chunked(into: Self.lookupChunk) {
            for row in try await sql.raw("SELECT id, identifier AS key FROM employers WHERE identifier IN (\(binds: Array(chunk)))")
                .all(decoding: Keyed.self)
            {
                plan.employerIDs[row.key] = row.id
            }
        }
        var seenEmployers = Set<String>()
        for row in rows where plan.employerIDs[row.employer.storageValue] == nil && seenEmployers.insert(row.employer.storageValue).inserted
        {
            plan.newEmployers.append(row)
        }

        // People by number, and the placements already stored for those who exist.
        let people = Array(Set(rows.compactMap(\.person.storageValue)))
        for chunk in people.chunked(into: Self.lookupChunk) {
            for row in try await sql.raw(
                "SELECT id, person_identifier AS key FROM participants WHERE person_identifier IN (\(binds: Array(chunk)))"
            ).all(decoding: Keyed.self) {
                plan.participantIDs[row.key] = row.id
            }
        }
        struct Stored: Decodable {
            let person: String
            let employer: String
            let start: String
            let end: String
        }
        var stored: [String: [Stored]] = [:]
        let known = Array(Set(plan.participantIDs.values))
        for chunk in known.chunked(into: Self.lookupChunk) {
            let found = try await sql.raw(
                """
                SELECT pa.person_identifier AS person, e.identifier AS employer,
                  COALESCE(pl.actual_start, pl.planned_start) AS start, COALESCE(pl.actual_end, pl.planned_end) AS "end"
                FROM placements pl JOIN participants pa ON pa.id = pl.participant_id
                JOIN workplaces w ON w.id = pl.workplace_id JOIN employers e ON e.id = w.employer_id
                WHERE pl.participant_id IN (\(binds: Array(chunk))) AND pl.status <> \(bind: PlacementStatus.cancelled.rawValue)
                """
            ).all(decoding: Stored.self)
            for placement in found { stored[placement.person, default: []].append(placement) }
        }
        for row in rows {
            let person = row.person.storageValue ?? ""
            let theirs = stored[person] ?? []
            if theirs.contains(where: { $0.employer == row.employer.storageValue && $0.start == row.start.description }) {
                plan.alreadyStored += 1
                continue
            }
            let overlapsStored = theirs.contains { placement in
                guard let start = CivilDate(iso8601: placement.start), let end = CivilDate(iso8601: placement.end) else { return false }
                return PlacementDecision.overlaps((row.start, row.end), (start, end))
            }
            if overlapsStored {
                plan.problems.append(HistoryRowProblem(line: row.line, column: .startDate, code: "history-import.row.overlaps-stored"))
                continue
            }
            plan.newRows.append(row)
        }
        var seenPeople = Set<String>()
        for row in plan.newRows {
            let person = row.person.storageValue ?? ""
            if plan.participantIDs[person] == nil && seenPeople.insert(person).inserted { plan.newParticipants.append(person) }
        }
        plan.problems.sort { ($0.line, $0.column?.rawValue ?? "") < ($1.line, $1.column?.rawValue ?? "") }
        return plan
    }

    // MARK: Storing

    /// Stores the file if no row has a problem, in the caller's transaction (`database` must be
    /// it). Returns nil, storing nothing, when there are problems.
    /// `progress` hears the placements written so far and in all after each statement.
    func store(_ content: String, by actor: AuditLog.Actor, progress: Progress? = nil) async throws -> (Plan, Outcome?) {
        let parsed = try await parse(content)
        StepTimes.mark("read the file")
        return try await store(parsed, by: actor, progress: progress)
    }

    typealias Progress = @Sendable (_ done: Int, _ total: Int) async throws -> Void

    func store(_ parsed: HistoryFile.Parsed, by actor: AuditLog.Actor, progress: Progress? = nil) async throws -> (Plan, Outcome?) {
        var plan = try await plan(parsed)
        StepTimes.mark("check against the database")
        guard !plan.hasProblems else { return (plan, nil) }
        let outcome = try await insert(&plan, progress: progress)
        try await AuditLog(database: database, clock: clock).record(
            .create, by: actor, recordType: .historyImport, recordID: nil,
            detail:
                "placements=\(outcome.placementsCreated),participants=\(outcome.participantsCreated),employers=\(outcome.employersCreated),units=\(outcome.unitsCreated)"
        )
        return (plan, outcome)
    }

    private func insert(_ plan: inout Plan, progress: Progress?) async throws -> Outcome {
        let sql = try database.sql
        let now = clock.now()
        var outcome = Outcome(alreadyStored: plan.alreadyStored)
        let rows = plan.newRows
        guard !rows.isEmpty else { return outcome }
        try await BulkInsert.prepareForBulkWrite(on: sql)
        // Ids in the order the rows are written, so each index on an id grows at its end.
        var ids = TimeOrderedIDs(now: now)

        // Units.
        var unitValues: [[any Encodable & Sendable]] = []
        for unit in plan.newUnits where rows.contains(where: { $0.unitKey == unit.key }) {
            let id = ids.next()
            plan.unitIDs[unit.key] = id
            unitValues.append([id, unit.name, unit.code, UnitKind.jobCentre.rawValue, true, now, now])
        }
        try await BulkInsert.insert(
            into: OrganisationUnit.schema, columns: ["id", "name", "code", "kind", "is_active", "created_at", "updated_at"],
            rows: unitValues, on: sql)
        outcome.unitsCreated = unitValues.count

        // Employers.
        var employerValues: [[any Encodable & Sendable]] = []
        let wanted = Set(rows.map(\.employer.storageValue))
        for row in plan.newEmployers where wanted.contains(row.employer.storageValue) {
            let id = ids.next()
            plan.employerIDs[row.employer.storageValue] = id
            employerValues.append([
                id, row.employerName, row.employer.storageValue, row.employer.country, EmployerSector.private.rawValue, "", true,
                Employer.searchText(name: row.employerName, identifier: row.employer, industry: ""), now, now,
            ])
        }
        try await BulkInsert.insert(
            into: Employer.schema,
            columns: ["id", "name", "identifier", "country", "sector", "industry", "is_active", "search_text", "created_at", "updated_at"],
            rows: employerValues, on: sql)
        outcome.employersCreated = employerValues.count

        // People: described by their first row, placed in the unit and benefit group of their latest.
        // Kept as positions: copies of whole rows in two tables of 388,198 people, resized as they
        // grew, were about 2 % of a 1,000,000-placement import's samples under perf record.
        var firstRow: [String: Int] = [:]
        var latestRow: [String: Int] = [:]
        for (position, row) in rows.enumerated() {
            let person = row.person.storageValue ?? ""
            if firstRow[person] == nil { firstRow[person] = position }
            if let latest = latestRow[person], rows[latest].end >= row.end { continue }
            latestRow[person] = position
        }
        var participantValues: [[any Encodable & Sendable]] = []
        for person in plan.newParticipants {
            guard let firstPosition = firstRow[person], let latestPosition = latestRow[person] else { continue }
            let first = rows[firstPosition], latest = rows[latestPosition]
            guard let unitID = plan.unitIDs[latest.unitKey] else { continue }
            let id = ids.next()
            plan.participantIDs[person] = id
            let kind: IdentifierKind = if case .danishCPR = first.person { .danishCPR } else { .swedishPersonalNumber }
            participantValues.append([
                id, unitID, kind.rawValue, person, first.birthYear, first.gender.rawValue, first.birthRegion.rawValue,
                EducationLevel.unknown.rawValue, latest.benefitType.rawValue, ParticipantStatus.exited.rawValue, latest.end.description,
                now, now,
            ])
        }
        try await BulkInsert.insert(
            into: Participant.schema,
            columns: [
                "id", "unit_id", "identifier_kind", "person_identifier", "birth_year", "gender", "birth_region", "education_level",
                "benefit_type", "status", "exit_date", "created_at", "updated_at",
            ],
            rows: participantValues, on: sql)
        outcome.participantsCreated = participantValues.count
        StepTimes.mark("units, employers, people")

        // Archival places, one per employer, covering its placements.
        var periods: [UUID: (unitID: UUID, start: CivilDate, end: CivilDate)] = [:]
        for row in rows {
            guard let employerID = plan.employerIDs[row.employer.storageValue], let unitID = plan.unitIDs[row.unitKey] else { continue }
            if let current = periods[employerID] {
                periods[employerID] = (current.unitID, min(current.start, row.start), max(current.end, row.end))
            } else {
                periods[employerID] = (unitID, row.start, row.end)
            }
        }
        let locations = try await ArchivalPlaces(database: database).locations(covering: periods, now: now)
        StepTimes.mark("archival places")
        // Placements, outcomes and payments, made a statement's worth at a time as they are written.
        let source = HistoryRowSource(
            rows: rows, participantIDs: plan.participantIDs, employerIDs: plan.employerIDs, unitIDs: plan.unitIDs, locations: locations,
            now: now, ids: &ids)
        let total = source.stored.count
        StepTimes.mark("rows built")
        var done = 0
        func written(_ rows: Int) async throws {
            done += rows
            try await progress?(done, total)
        }
        // The report table's rows of these people are built once at the end, not per row written.
        try await ReportFacts.bulkWrite(
            about: source.participants, placements: total,
            rebuildingIndexesOf: [Placement.schema, PlacementOutcome.schema, BenefitPayment.schema], threshold: indexRebuildThreshold,
            on: sql
        ) {
            outcome.placementsCreated = try await BulkInsert.insert(
                into: Placement.schema,
                columns: [
                    "id", "participant_id", "place_id", "workplace_id", "unit_id", "status", "planned_start", "planned_end",
                    "actual_start",
                    "actual_end", "hired_by_host", "created_at", "origin", "benefit_type", "regime", "purpose", "updated_at",
                ],
                rows: source.placements, on: sql, written: written)
            StepTimes.mark("placements written")
            outcome.outcomesCreated = try await BulkInsert.insert(
                into: PlacementOutcome.schema,
                columns: [
                    "id", "placement_id", "participant_id", "horizon", "due_on", "state", "status", "source", "source_name",
                    "recorded_at",
                    "created_at",
                ],
                rows: source.outcomes, on: sql)
            StepTimes.mark("outcomes written")
            outcome.paymentsCreated = try await BulkInsert.insert(
                into: BenefitPayment.schema,
                columns: [
                    "id", "participant_id", "placement_id", "benefit_type", "period_start", "period_end", "amount_minor",
                    "currency",
                    "source",
                    "created_at",
                ],
                rows: source.payments, on: sql)
            StepTimes.mark("payments written")
        }
        return outcome
    }
}

extension HistoryImporter.Outcome {
    init(alreadyStored: Int) {
        self.init()
        placementsAlreadyStored = alreadyStored
    }
}
