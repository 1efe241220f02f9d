import Fluent
import PraktikCore
import SQLKit

/// `unfilled-places` (seed 004, issue 12) under the report framework: for every intake whose
/// application window closed in the period, its places still with empty seats by reason (a case
/// worker's override where there is one, else the computed reason), from the same rows as the
/// intake's own list (`UnfilledPlaces`). Places are not people: the counts are shown exactly, and
/// there is no split by gender, so no chart.
extension PlacementReports {
    /// `intake,reason,places,empty_seats`, with the reason `all` per intake.
    ///
    /// The statements `UnfilledPlaces` writes itself go through `sql`, so the benchmark records them.
    /// Its Fluent look-ups (the intake here, then the programme, the case workers' reasons, the
    /// employer check types and checks) cannot: Fluent turns them into SQL inside the database
    /// driver, below any `SQLDatabase` we could wrap, and writing them again as SQL for the report
    /// would be a second copy of the list's rules. Nor can `ListsInForce`'s two, which take a
    /// `Database`. The benchmark's raw-SQL replay of this report leaves out those small look-ups.
    func unfilledPlaces(_ period: Period) async throws -> Table {
        let service = UnfilledPlaces(database: database, clock: clock, statements: try sql)
        var rows: [[String]] = []
        for reported in try await intakesClosed(in: period) {
            guard let intake = try await Intake.find(reported.id, on: database) else { continue }
            var places: [UnfilledPlaceReason: Int] = [:]
            var seats: [UnfilledPlaceReason: Int] = [:]
            for row in try await service.rows(of: intake) {
                places[row.reason, default: 0] += 1
                seats[row.reason, default: 0] += row.emptySeats
            }
            for reason in UnfilledPlaceReason.allCases where places[reason] != nil {
                rows.append([reported.name, reason.rawValue, String(places[reason] ?? 0), String(seats[reason] ?? 0)])
            }
            rows.append([reported.name, "all", String(places.values.reduce(0, +)), String(seats.values.reduce(0, +))])
        }
        return Table(
            name: .unfilledPlaces, header: ["intake", "reason", "places", "empty_seats"], rows: rows, bars: [], barColumn: "places")
    }
}
