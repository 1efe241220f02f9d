import Foundation
import PraktikCore

/// The rows a history import writes for its placements, their outcomes and their payments, made
/// by position a statement's worth at a time (`BulkInsert.Rows`) rather than all at once: 1,000,000
/// placements make 3.5 million rows of boxed values, about 2 GB.
///
/// Ids come by position from ranges set aside beforehand (`TimeOrderedIDs.reserve`), one per
/// table, so each table's ids grow in the order its rows are written, and an outcome or a payment
/// knows its placement's id without a table of them.
struct HistoryRowSource: Sendable {
    /// The file's rows to store, and the positions among them of those whose every reference was
    /// found (all of them, unless a lookup came back short).
    let rows: [HistoryRow]
    let stored: [Int]
    let participantIDs: [String: UUID]
    let employerIDs: [String: UUID]
    let unitIDs: [String: UUID]
    let locations: [UUID: ArchivalPlaces.Location]
    let now: Date
    let placementIDs: TimeOrderedIDs
    let outcomeIDs: TimeOrderedIDs
    let paymentIDs: TimeOrderedIDs

    init(
        rows: [HistoryRow], participantIDs: [String: UUID], employerIDs: [String: UUID], unitIDs: [String: UUID],
        locations: [UUID: ArchivalPlaces.Location], now: Date, ids: inout TimeOrderedIDs
    ) {
        self.rows = rows
        self.participantIDs = participantIDs
        self.employerIDs = employerIDs
        self.unitIDs = unitIDs
        self.locations = locations
        self.now = now
        stored = rows.indices.filter {
            Self.references(
                of: rows[$0], participantIDs: participantIDs, employerIDs: employerIDs, unitIDs: unitIDs, locations: locations) != nil
        }
        placementIDs = ids.reserve(stored.count)
        outcomeIDs = ids.reserve(stored.count * Self.horizons.count)
        paymentIDs = ids.reserve(stored.count)
    }

    private static let horizons: [OutcomeHorizon] = [.atExit, .threeMonths]

    /// What a row's placement refers to; nil when a lookup comes back short.
    private struct References {
        let participantID: UUID
        let location: ArchivalPlaces.Location
        let unitID: UUID
    }

    private static func references(
        of row: HistoryRow, participantIDs: [String: UUID], employerIDs: [String: UUID], unitIDs: [String: UUID],
        locations: [UUID: ArchivalPlaces.Location]
    ) -> References? {
        guard let participantID = participantIDs[row.person.storageValue ?? ""], let employerID = employerIDs[row.employer.storageValue],
            let location = locations[employerID], let unitID = unitIDs[row.unitKey]
        else { return nil }
        return References(participantID: participantID, location: location, unitID: unitID)
    }

    var placements: BulkInsert.Rows { BulkInsert.Rows(count: stored.count) { placementRows($0) } }
    var outcomes: BulkInsert.Rows { BulkInsert.Rows(count: stored.count) { outcomeRows($0) } }
    var payments: BulkInsert.Rows { BulkInsert.Rows(count: stored.count) { paymentRows($0) } }

    /// The participant of every stored row, for the report table's rebuild.
    var participants: Set<UUID> { Set(stored.compactMap { participantIDs[rows[$0].person.storageValue ?? ""] }) }

    private func placementRows(_ positions: Range<Int>) -> [BulkInsert.Row] {
        let completed = PlacementStatus.completed.rawValue, history = PlacementOrigin.history.rawValue
        return positions.compactMap { position in
            let row = rows[stored[position]]
            guard
                let found = Self.references(
                    of: row, participantIDs: participantIDs, employerIDs: employerIDs, unitIDs: unitIDs, locations: locations)
            else { return nil }
            let start = row.start.description, end = row.end.description
            return [
                placementIDs.id(at: position), found.participantID, found.location.placeID, found.location.workplaceID, found.unitID,
                completed, start, end,
                start, end, row.hiredByHost, now, history, row.benefitType.rawValue, row.regime?.rawValue, row.purpose, now,
            ]
        }
    }

    private func outcomeRows(_ positions: Range<Int>) -> [BulkInsert.Row] {
        let answered = "answered", register = OutcomeSource.register.rawValue, history = PlacementOrigin.history.rawValue
        var made: [BulkInsert.Row] = []
        made.reserveCapacity(positions.count * Self.horizons.count)
        for position in positions {
            let row = rows[stored[position]]
            guard let participantID = participantIDs[row.person.storageValue ?? ""] else { continue }
            for (offset, horizon) in Self.horizons.enumerated() {
                guard let status = horizon == .atExit ? row.outcomeAtExit : row.outcome3Months else { continue }
                made.append([
                    outcomeIDs.id(at: position * Self.horizons.count + offset), placementIDs.id(at: position), participantID,
                    horizon.rawValue, horizon.firstDay(afterExit: row.end).description, answered, status.rawValue, register, history,
                    now, now,
                ])
            }
        }
        return made
    }

    private func paymentRows(_ positions: Range<Int>) -> [BulkInsert.Row] {
        let history = PlacementOrigin.history.rawValue
        return positions.compactMap { position in
            let row = rows[stored[position]]
            guard let paid = row.benefitPaidMinor, let participantID = participantIDs[row.person.storageValue ?? ""] else { return nil }
            return [
                paymentIDs.id(at: position), participantID, placementIDs.id(at: position), row.benefitType.rawValue,
                row.start.description, row.end.description, paid, row.currency, history, now,
            ]
        }
    }
}
