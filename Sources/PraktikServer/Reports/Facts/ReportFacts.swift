import Fluent
import Foundation
import PraktikCore
import SQLKit

/// One row per placement with everything the placement reports group, filter and sum by, so that a
/// report over a million placements reads one narrow table instead of joining placements,
/// participants, outcomes and payments (issue 14: every report under 1 s).
///
/// The view `report_placement_source` defines the rows; the table `report_placements` holds them,
/// and database triggers keep it equal to the view on every write to the four tables it reads, by
/// whatever code path (services, imports, erasure, hand-written SQL). `ReportFactsTests` proves the
/// equality after each kind of write on both databases.
///
/// A bulk load (the history import) would pay one refresh per row written; instead it lists the
/// participants it writes in `report_fact_pending` inside its transaction, the triggers skip rows of
/// a pending participant, and `refreshPending` rebuilds their rows in one statement before the
/// transaction ends. Other transactions never see the pending rows, so for them nothing is skipped.
enum ReportFacts {
    static let table = "report_placements"
    static let view = "report_placement_source"
    static let pending = "report_fact_pending"
    /// The tables the view reads.
    static let sourceTables = ["placements", "participants", "placement_outcomes", "benefit_payments"]

    /// The table's columns, in the view's order.
    static let columns = [
        "placement_id", "participant_id", "unit_id", "status", "gender", "benefit_type", "regime", "purpose", "hired_by_host",
        "first_day", "last_day", "outcome_at_exit", "outcome_3_months", "paid_minor", "lowest_currency", "highest_currency",
    ]

    private static var columnList: String { columns.joined(separator: ", ") }

    // MARK: Refreshing

    /// Marks participants whose placements the caller is about to write in bulk; their rows are
    /// rebuilt by `refreshPending` in the same transaction.
    static func postpone(participantIDs: some Collection<UUID>, on sql: any SQLDatabase) async throws {
        try await BulkInsert.insert(
            into: pending, columns: ["participant_id"], rows: Set(participantIDs).map { [$0] as BulkInsert.Row }, on: sql)
    }

    /// Rebuilds the rows of every pending participant from the view and clears the list.
    static func refreshPending(on sql: any SQLDatabase) async throws {
        if sql.dialect.name != "sqlite" {
            // Other writers' rebuilds wait for this one to commit (they take the table's ROW
            // EXCLUSIVE lock, which this mode refuses); reports may still read.
            try await sql.raw("LOCK TABLE \(unsafeRaw: table) IN SHARE ROW EXCLUSIVE MODE").run()
            // A bulk load leaves PostgreSQL's statistics describing the tables before it; planned
            // with them, the view's lookups ran as scans (100,000 placements: over 10 minutes).
            try await sql.raw("ANALYZE \(unsafeRaw: ([pending] + sourceTables).joined(separator: ", "))").run()
            StepTimes.mark("statistics")
        }
        try await sql.raw(
            """
            DELETE FROM \(unsafeRaw: table) WHERE participant_id IN (SELECT participant_id FROM \(unsafeRaw: pending))
            """
        ).run()
        // PostgreSQL plans the view's five lookups per placement as subplans (1,000,000 placements:
        // 10 s), and the joins of `bulkSource` as hash joins (about 2 s); SQLite runs the lookups
        // as index probes, faster than its grouping for the joins (1.6 s against 3.3 s).
        let pendingPeople = "SELECT participant_id FROM \(pending)"
        let source =
            sql.dialect.name == "sqlite"
            ? "SELECT \(columnList) FROM \(view) WHERE participant_id IN (\(pendingPeople))"
            : bulkSource(sqlite: false, participants: pendingPeople)
        try await sql.raw("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columnList)) \(unsafeRaw: source)").run()
        try await sql.raw("DELETE FROM \(unsafeRaw: pending)").run()
        StepTimes.mark("report rows built")
    }

    /// Runs `body`, a bulk write of `placements` placements (with their outcomes and payments) whose
    /// every row is about one of `participantIDs`, and then rebuilds those people's rows. From
    /// `threshold` placements it writes with the triggers off, the indexes of `tables` dropped and,
    /// on PostgreSQL, their foreign keys checked after;
    /// the report table's own indexes are built last, after its rows, which need the others'.
    static func bulkWrite(
        about participantIDs: some Collection<UUID>, placements: Int, rebuildingIndexesOf tables: [String], threshold: Int,
        on sql: any SQLDatabase, _ body: () async throws -> Void
    ) async throws {
        try await postpone(participantIDs: participantIDs, on: sql)
        try await BulkInsert.withoutSecondaryIndexes(of: [table], adding: placements, threshold: threshold, on: sql) {
            try await withoutTriggers(if: placements >= threshold, on: sql) {
                try await BulkInsert.withForeignKeysCheckedAfter(of: tables, adding: placements, threshold: threshold, on: sql) {
                    try await BulkInsert.withoutSecondaryIndexes(of: tables, adding: placements, threshold: threshold, on: sql, body)
                }
            }
            try await refreshPending(on: sql)
        }
    }

    /// Runs `body`, a bulk write whose every row is about a pending person (`postpone`), with the
    /// triggers off when `paused`: they would only skip those rows, and asking per row whether the
    /// person is pending cost a third of a 200,000-placement import. The caller must then call
    /// `refreshPending`. Dropping (SQLite) or disabling (PostgreSQL) a trigger is undone with the
    /// rest if the transaction fails; on PostgreSQL it holds off other writers to the tables until
    /// the commit, as the large import's index rebuild does anyway.
    static func withoutTriggers<Result>(if paused: Bool, on sql: any SQLDatabase, _ body: () async throws -> Result) async throws
        -> Result
    {
        guard paused else { return try await body() }
        if sql.dialect.name == "sqlite" {
            let triggers = try await sql.raw(
                "SELECT name, sql AS definition FROM sqlite_master WHERE type = 'trigger' AND name IN (\(binds: sqliteTriggerNames)) ORDER BY name"
            ).all(decoding: StoredTrigger.self)
            for trigger in triggers { try await sql.raw("DROP TRIGGER \(ident: trigger.name)").run() }
            let result = try await body()
            for trigger in triggers { try await sql.raw("\(unsafeRaw: trigger.definition)").run() }
            return result
        }
        for (trigger, table) in postgresTriggerNames {
            try await sql.raw("ALTER TABLE \(ident: table) DISABLE TRIGGER \(ident: trigger)").run()
        }
        let result = try await body()
        for (trigger, table) in postgresTriggerNames {
            try await sql.raw("ALTER TABLE \(ident: table) ENABLE TRIGGER \(ident: trigger)").run()
        }
        return result
    }

    private struct StoredTrigger: Decodable {
        let name: String
        let definition: String
    }

    // MARK: Schema

    /// Creates the view, the table filled from it, its indexes and the triggers.
    static func create(on sql: any SQLDatabase) async throws {
        let sqlite = sql.dialect.name == "sqlite"
        try await sql.raw("\(unsafeRaw: sourceView(sqlite: sqlite))").run()
        let id = sqlite ? "TEXT" : "UUID"
        try await sql.raw(
            """
            CREATE TABLE \(unsafeRaw: table) (
              placement_id \(unsafeRaw: id) PRIMARY KEY, participant_id \(unsafeRaw: id) NOT NULL, unit_id \(unsafeRaw: id) NOT NULL,
              status TEXT NOT NULL, gender TEXT NOT NULL, benefit_type TEXT, regime TEXT, purpose TEXT,
              hired_by_host \(unsafeRaw: sqlite ? "INTEGER" : "BOOLEAN"), first_day TEXT NOT NULL, last_day TEXT NOT NULL,
              outcome_at_exit TEXT, outcome_3_months TEXT, paid_minor BIGINT, lowest_currency TEXT, highest_currency TEXT)
            """
        ).run()
        try await sql.raw("CREATE TABLE \(unsafeRaw: pending) (participant_id \(unsafeRaw: id) PRIMARY KEY)").run()
        try await sql.raw(
            "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columnList)) SELECT \(unsafeRaw: columnList) FROM \(unsafeRaw: view)"
        )
        .run()
        try await sql.create(index: "report_placements_participant_idx").on(table).column("participant_id").run()
        for index in periodIndexes(sqlite: sqlite) { try await sql.raw("\(unsafeRaw: index.definition)").run() }
        for statement in sqlite ? sqliteTriggers : postgresTriggers {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }

    /// The indexes the reports read a period through, each covering every column its reports use so
    /// the table itself is not read. PostgreSQL groups by hashing, so one index on the last day (and
    /// one on the first, for starts) serves every report. SQLite groups by sorting what it reads unless
    /// an index gives the rows in the group's order: at 1,000,000 placements a whole history took
    /// 0.6–1.1 s per report through the last day's index, most of it that sort, against 0.2–0.5 s
    /// through an index per grouping (the period is then checked per entry: a short period reads the
    /// whole index, 50–90 ms). `PlacementReportPlanTests` holds every report to its index.
    static func periodIndexes(sqlite: Bool) -> [(name: String, definition: String)] {
        let indexes: [(String, String)] =
            sqlite
            ? [
                // outcome-3m (benefit group, gender, unit) and costs (benefit group, gender).
                (
                    "report_placements_benefit_gender_unit_idx",
                    """
                    (benefit_type, gender, unit_id, last_day, status, outcome_3_months, outcome_at_exit, paid_minor, lowest_currency,
                     highest_currency)
                    """
                ),
                ("report_placements_exit_gender_idx", "(outcome_at_exit, gender, last_day, status)"),
                ("report_placements_purpose_gender_idx", "(purpose, gender, last_day, status, hired_by_host)"),
                ("report_placements_year_regime_gender_idx", "(SUBSTR(first_day, 1, 4), regime, gender, first_day, status)"),
            ]
            : [
                (
                    "report_placements_last_day_idx",
                    """
                    (last_day, status, gender, benefit_type, unit_id, outcome_at_exit, outcome_3_months, purpose, hired_by_host,
                     paid_minor, lowest_currency, highest_currency)
                    """
                ),
                ("report_placements_first_day_idx", "(first_day, status, regime, gender)"),
            ]
        return indexes.map { name, columns in (name, "CREATE INDEX IF NOT EXISTS \(name) ON \(table) \(columns)") }
    }

    static func drop(on sql: any SQLDatabase) async throws {
        let sqlite = sql.dialect.name == "sqlite"
        if sqlite {
            for trigger in sqliteTriggerNames { try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run() }
        } else {
            for (trigger, table) in postgresTriggerNames {
                try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger) ON \(unsafeRaw: table)").run()
            }
            for function in postgresFunctionNames { try await sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: function)").run() }
        }
        try await sql.raw("DROP TABLE \(unsafeRaw: pending)").run()
        try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        try await sql.raw("DROP VIEW \(unsafeRaw: view)").run()
    }

    /// A placement's row: its own columns, the participant's gender (and benefit group unless the
    /// placement has its own), its answered outcomes at exit and at 3 months, and the benefit paid
    /// during it: payments tied to it in full, and its share of payments stored by period, in
    /// proportion to the days of the payment's period inside the placement, rounded half up (the
    /// rule of `BenefitAllocation`).
    static func sourceView(sqlite: Bool) -> String {
        let day: (String) -> String = sqlite ? { "CAST(julianday(\($0)) AS INTEGER)" } : { "(CAST(\($0) AS date) - DATE '2000-01-01')" }
        let (later, earlier) = sqlite ? ("MAX", "MIN") : ("GREATEST", "LEAST")
        let firstDay = "COALESCE(pl.actual_start, pl.planned_start)", lastDay = "COALESCE(pl.actual_end, pl.planned_end)"
        let inside = "(\(day("\(earlier)(bp.period_end, \(lastDay))")) - \(day("\(later)(bp.period_start, \(firstDay))")) + 1)"
        let days = "(\(day("bp.period_end")) - \(day("bp.period_start")) + 1)"
        let byPeriod = """
            bp.placement_id IS NULL AND bp.participant_id = pl.participant_id
                AND bp.period_start <= \(lastDay) AND bp.period_end >= \(firstDay)
            """
        func outcome(_ horizon: OutcomeHorizon) -> String {
            """
            (SELECT o.status FROM placement_outcomes o WHERE o.placement_id = pl.id AND o.horizon = '\(horizon.rawValue)' AND o.state = 'answered')
            """
        }
        func currency(_ aggregate: String) -> String {
            "(SELECT \(aggregate)(bp.currency) FROM benefit_payments bp WHERE bp.placement_id = pl.id OR (\(byPeriod)))"
        }
        return """
            CREATE VIEW \(view) AS
            SELECT pl.id AS placement_id, pl.participant_id AS participant_id, pl.unit_id AS unit_id, pl.status AS status,
              pa.gender AS gender, COALESCE(pl.benefit_type, pa.benefit_type) AS benefit_type, pl.regime AS regime, pl.purpose AS purpose,
              pl.hired_by_host AS hired_by_host, \(firstDay) AS first_day, \(lastDay) AS last_day,
              \(outcome(.atExit)) AS outcome_at_exit,
              \(outcome(.threeMonths)) AS outcome_3_months,
              CAST((SELECT SUM(amount) FROM (
                SELECT bp.amount_minor AS amount FROM benefit_payments bp WHERE bp.placement_id = pl.id
                UNION ALL
                SELECT (bp.amount_minor * \(inside) + \(days) / 2) / \(days) AS amount FROM benefit_payments bp WHERE \(byPeriod)
              ) paid) AS BIGINT) AS paid_minor,
              \(currency("MIN")) AS lowest_currency,
              \(currency("MAX")) AS highest_currency
            FROM placements pl JOIN participants pa ON pa.id = pl.participant_id
            """
    }

    /// The view's rows of the participants `participants` (a query of ids) selects, computed as
    /// joins over grouped payments instead of the view's lookups per placement: how PostgreSQL
    /// rebuilds many people's rows (`refreshPending`). `ReportFactsTests` compares the two after
    /// every kind of write, on both databases.
    static func bulkSource(sqlite: Bool, participants: String) -> String {
        let day: (String) -> String = sqlite ? { "CAST(julianday(\($0)) AS INTEGER)" } : { "(CAST(\($0) AS date) - DATE '2000-01-01')" }
        let (later, earlier) = sqlite ? ("MAX", "MIN") : ("GREATEST", "LEAST")
        let firstDay = "COALESCE(pl.actual_start, pl.planned_start)", lastDay = "COALESCE(pl.actual_end, pl.planned_end)"
        let inside = "(\(day("\(earlier)(bp.period_end, \(lastDay))")) - \(day("\(later)(bp.period_start, \(firstDay))")) + 1)"
        let days = "(\(day("bp.period_end")) - \(day("bp.period_start")) + 1)"
        func outcome(_ alias: String, _ horizon: OutcomeHorizon) -> String {
            """
            LEFT JOIN placement_outcomes \(alias) ON \(alias).placement_id = pl.id AND \(alias).horizon = '\(horizon.rawValue)'
              AND \(alias).state = 'answered'
            """
        }
        // One of two values, either of which may be null (SQLite's two-argument MIN is null if either is).
        func either(_ pick: String, _ first: String, _ second: String) -> String {
            "COALESCE(\(pick)(\(first), \(second)), \(first), \(second))"
        }
        return """
            SELECT pl.id AS placement_id, pl.participant_id AS participant_id, pl.unit_id AS unit_id, pl.status AS status,
              pa.gender AS gender, COALESCE(pl.benefit_type, pa.benefit_type) AS benefit_type, pl.regime AS regime, pl.purpose AS purpose,
              pl.hired_by_host AS hired_by_host, \(firstDay) AS first_day, \(lastDay) AS last_day,
              exit_outcome.status AS outcome_at_exit, later_outcome.status AS outcome_3_months,
              CAST(CASE WHEN tied.paid IS NULL AND period.paid IS NULL THEN NULL ELSE COALESCE(tied.paid, 0) + COALESCE(period.paid, 0) END
                AS BIGINT) AS paid_minor,
              \(either(earlier, "tied.lowest", "period.lowest")) AS lowest_currency,
              \(either(later, "tied.highest", "period.highest")) AS highest_currency
            FROM placements pl JOIN participants pa ON pa.id = pl.participant_id
            \(outcome("exit_outcome", .atExit))
            \(outcome("later_outcome", .threeMonths))
            LEFT JOIN (
              SELECT bp.placement_id AS placement_id, SUM(bp.amount_minor) AS paid, MIN(bp.currency) AS lowest, MAX(bp.currency) AS highest
              FROM benefit_payments bp
              WHERE bp.placement_id IN (SELECT id FROM placements WHERE participant_id IN (\(participants)))
              GROUP BY bp.placement_id
            ) tied ON tied.placement_id = pl.id
            LEFT JOIN (
              SELECT pl.id AS placement_id, SUM((bp.amount_minor * \(inside) + \(days) / 2) / \(days)) AS paid,
                MIN(bp.currency) AS lowest, MAX(bp.currency) AS highest
              FROM placements pl JOIN benefit_payments bp ON bp.placement_id IS NULL AND bp.participant_id = pl.participant_id
                AND bp.period_start <= \(lastDay) AND bp.period_end >= \(firstDay)
              WHERE pl.participant_id IN (\(participants))
              GROUP BY pl.id
            ) period ON period.placement_id = pl.id
            WHERE pl.participant_id IN (\(participants))
            """
    }

    // MARK: Triggers

    private static func refreshPlacement(_ id: String) -> String {
        """
        DELETE FROM \(table) WHERE placement_id = \(id);
          INSERT INTO \(table) (\(columnList)) SELECT \(columnList) FROM \(view) WHERE placement_id = \(id);
        """
    }

    private static func refreshParticipant(_ id: String) -> String {
        """
        DELETE FROM \(table) WHERE participant_id = \(id);
          INSERT INTO \(table) (\(columnList)) SELECT \(columnList) FROM \(view) WHERE participant_id = \(id);
        """
    }

    private static func notPending(_ participant: String) -> String {
        "NOT EXISTS (SELECT 1 FROM \(pending) WHERE participant_id = \(participant))"
    }

    /// SQLite's triggers are per row, one per table and kind of write.
    private static var sqliteTriggers: [String] {
        [
            """
            CREATE TRIGGER report_facts_placement_insert AFTER INSERT ON placements WHEN \(notPending("NEW.participant_id"))
            BEGIN \(refreshPlacement("NEW.id")) END
            """,
            """
            CREATE TRIGGER report_facts_placement_update AFTER UPDATE ON placements WHEN \(notPending("NEW.participant_id"))
            BEGIN \(refreshPlacement("NEW.id")) END
            """,
            """
            CREATE TRIGGER report_facts_placement_delete AFTER DELETE ON placements
            BEGIN DELETE FROM \(table) WHERE placement_id = OLD.id; END
            """,
            """
            CREATE TRIGGER report_facts_participant_update AFTER UPDATE OF gender, benefit_type ON participants
            WHEN \(notPending("NEW.id"))
            BEGIN \(refreshParticipant("NEW.id")) END
            """,
            """
            CREATE TRIGGER report_facts_outcome_insert AFTER INSERT ON placement_outcomes WHEN \(notPending("NEW.participant_id"))
            BEGIN \(refreshPlacement("NEW.placement_id")) END
            """,
            """
            CREATE TRIGGER report_facts_outcome_update AFTER UPDATE ON placement_outcomes
            BEGIN \(refreshPlacement("OLD.placement_id")) \(refreshPlacement("NEW.placement_id")) END
            """,
            """
            CREATE TRIGGER report_facts_outcome_delete AFTER DELETE ON placement_outcomes
            BEGIN \(refreshPlacement("OLD.placement_id")) END
            """,
            """
            CREATE TRIGGER report_facts_payment_insert AFTER INSERT ON benefit_payments WHEN \(notPending("NEW.participant_id"))
            BEGIN \(refreshParticipant("NEW.participant_id")) \(refreshPlacement("NEW.placement_id")) END
            """,
            """
            CREATE TRIGGER report_facts_payment_update AFTER UPDATE ON benefit_payments
            BEGIN \(refreshParticipant("OLD.participant_id")) \(refreshPlacement("OLD.placement_id"))
              \(refreshParticipant("NEW.participant_id")) \(refreshPlacement("NEW.placement_id")) END
            """,
            """
            CREATE TRIGGER report_facts_payment_delete AFTER DELETE ON benefit_payments
            BEGIN \(refreshParticipant("OLD.participant_id")) \(refreshPlacement("OLD.placement_id")) END
            """,
        ]
    }

    private static let sqliteTriggerNames = [
        "report_facts_placement_insert", "report_facts_placement_update", "report_facts_placement_delete",
        "report_facts_participant_update", "report_facts_outcome_insert", "report_facts_outcome_update", "report_facts_outcome_delete",
        "report_facts_payment_insert", "report_facts_payment_update", "report_facts_payment_delete",
    ]

    /// The first key of the advisory locks that serialise rebuilds of one person's rows.
    static let lockClass = 6_040

    /// PostgreSQL's triggers call functions: two that rebuild rows, one per table that decides which.
    /// Under READ COMMITTED two transactions writing about one person at once would each rebuild
    /// that person's rows from a snapshot without the other's write: the later one then found the
    /// row the first had inserted (a duplicate key) or stored figures without the other's change.
    /// A rebuild therefore first takes a lock per person, held to the end of its transaction; each
    /// statement after it sees what the other committed.
    private static var postgresTriggers: [String] {
        [
            """
            CREATE FUNCTION report_facts_refresh_placement(target UUID) RETURNS void LANGUAGE sql AS $$
              SELECT pg_advisory_xact_lock(\(lockClass), hashtext(participant_id::text)) FROM placements WHERE id = target;
              \(refreshPlacement("target"))
            $$
            """,
            """
            CREATE FUNCTION report_facts_refresh_participant(target UUID) RETURNS void LANGUAGE sql AS $$
              SELECT pg_advisory_xact_lock(\(lockClass), hashtext(target::text));
              \(refreshParticipant("target"))
            $$
            """,
            """
            CREATE FUNCTION report_facts_pending(target UUID) RETURNS boolean LANGUAGE sql STABLE AS $$
              SELECT EXISTS (SELECT 1 FROM \(pending) WHERE participant_id = target)
            $$
            """,
            """
            CREATE FUNCTION report_facts_on_placement() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                DELETE FROM \(table) WHERE placement_id = OLD.id;
              ELSIF NOT report_facts_pending(NEW.participant_id) THEN
                PERFORM report_facts_refresh_placement(NEW.id);
              END IF;
              RETURN NULL;
            END $$
            """,
            """
            CREATE FUNCTION report_facts_on_participant() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NOT report_facts_pending(NEW.id) THEN PERFORM report_facts_refresh_participant(NEW.id); END IF;
              RETURN NULL;
            END $$
            """,
            """
            CREATE FUNCTION report_facts_on_outcome() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                IF NOT report_facts_pending(NEW.participant_id) THEN PERFORM report_facts_refresh_placement(NEW.placement_id); END IF;
              ELSIF TG_OP = 'UPDATE' THEN
                IF OLD.placement_id <> NEW.placement_id THEN PERFORM report_facts_refresh_placement(OLD.placement_id); END IF;
                PERFORM report_facts_refresh_placement(NEW.placement_id);
              ELSE
                PERFORM report_facts_refresh_placement(OLD.placement_id);
              END IF;
              RETURN NULL;
            END $$
            """,
            """
            CREATE FUNCTION report_facts_on_payment() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP IN ('UPDATE', 'DELETE') THEN
                PERFORM report_facts_refresh_participant(OLD.participant_id);
                IF OLD.placement_id IS NOT NULL THEN PERFORM report_facts_refresh_placement(OLD.placement_id); END IF;
              END IF;
              IF TG_OP = 'UPDATE' OR (TG_OP = 'INSERT' AND NOT report_facts_pending(NEW.participant_id)) THEN
                PERFORM report_facts_refresh_participant(NEW.participant_id);
                IF NEW.placement_id IS NOT NULL THEN PERFORM report_facts_refresh_placement(NEW.placement_id); END IF;
              END IF;
              RETURN NULL;
            END $$
            """,
            """
            CREATE TRIGGER report_facts_placement AFTER INSERT OR UPDATE OR DELETE ON placements
            FOR EACH ROW EXECUTE FUNCTION report_facts_on_placement()
            """,
            """
            CREATE TRIGGER report_facts_participant AFTER UPDATE OF gender, benefit_type ON participants
            FOR EACH ROW WHEN (OLD.gender IS DISTINCT FROM NEW.gender OR OLD.benefit_type IS DISTINCT FROM NEW.benefit_type)
            EXECUTE FUNCTION report_facts_on_participant()
            """,
            """
            CREATE TRIGGER report_facts_outcome AFTER INSERT OR UPDATE OR DELETE ON placement_outcomes
            FOR EACH ROW EXECUTE FUNCTION report_facts_on_outcome()
            """,
            """
            CREATE TRIGGER report_facts_payment AFTER INSERT OR UPDATE OR DELETE ON benefit_payments
            FOR EACH ROW EXECUTE FUNCTION report_facts_on_payment()
            """,
        ]
    }

    private static let postgresTriggerNames = [
        ("report_facts_placement", "placements"), ("report_facts_participant", "participants"),
        ("report_facts_outcome", "placement_outcomes"), ("report_facts_payment", "benefit_payments"),
    ]

    private static let postgresFunctionNames = [
        "report_facts_on_placement()", "report_facts_on_participant()", "report_facts_on_outcome()", "report_facts_on_payment()",
        "report_facts_pending(UUID)", "report_facts_refresh_participant(UUID)", "report_facts_refresh_placement(UUID)",
    ]
}
