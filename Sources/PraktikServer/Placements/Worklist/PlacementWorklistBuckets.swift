import Foundation
import PraktikCore
import SQLKit

/// The placement capability's buckets on the worklist.
enum PlacementWorklistBuckets {
    static let all: [any WorklistBucket] = [
        DecisionsWaiting(), StartingSoon(), EndingSoon(), FollowUpsDue(), CompletionsOverdue(), CheckpointsDue(),
    ]

    /// How far ahead "starting soon" and "ending soon" look.
    static let horizonDays = 14

    struct Row: Decodable {
        let id: UUID
        let placement_id: UUID
        let first_name: String?
        let last_name: String?
        let place_title: String
        let employer_name: String
        let due: String
        let kind: String?
    }

    static let placementFrom: SQLQueryString = """
         FROM placements pl JOIN participants pa ON pa.id = pl.participant_id JOIN places p ON p.id = pl.place_id
         JOIN employers e ON e.id = p.employer_id
        """

    static func run(
        _ context: WorklistContext, select: SQLQueryString, from: SQLQueryString, where condition: SQLQueryString, order: SQLQueryString
    )
        async throws -> ([Row], Int)
    {
        struct Count: Decodable { let n: Int }
        let whereClause: SQLQueryString = " WHERE (" + context.scope + ") AND " + condition
        let total = try await context.sql.raw("SELECT COUNT(*) AS n" + from + whereClause).first(decoding: Count.self)?.n ?? 0
        let rows = try await context.sql.raw(
            select + from + whereClause + " ORDER BY " + order + " LIMIT \(literal: context.limit)"
        ).all(decoding: Row.self)
        return (rows, total)
    }

    static func name(_ row: Row) -> String {
        let name = [row.first_name, row.last_name].compactMap { $0 }.joined(separator: " ")
        return name.isEmpty ? "–" : name
    }

    static let placementColumns: SQLQueryString = """
        SELECT pl.id, pl.id AS placement_id, pa.first_name, pa.last_name, p.title AS place_title, e.name AS employer_name
        """

    /// Placements made in Praktik, not loaded by the history import. Written with the value in the
    /// text, not bound, and exactly as the partial index `M0606_StartPageIndexes` is: only then do
    /// SQLite and PostgreSQL see that the index holds every row the query wants. (An origin that is
    /// not known is not "history" either, but `<>` is false for it, as the check it replaced was.)
    static let madeInPraktik: SQLQueryString = "pl.origin <> '\(unsafeRaw: PlacementOrigin.history.rawValue)'"

    /// `Placement.isAwaitingDecision` in SQL, on the placements table aliased `pl`.
    static let awaitingDecision: SQLQueryString = """
        pl.status = \(bind: PlacementStatus.planned.rawValue) AND pl.decided_at IS NULL AND pl.origin = \(bind: PlacementOrigin.application.rawValue)
        """

    /// Accepted offers the authority has not decided yet, oldest first: the candidate waits for the
    /// letter, and the seat is held for them until then.
    struct DecisionsWaiting: WorklistBucket {
        let key = "placements-awaiting-decision"
        let titleKey = "worklist.decisions.title"
        let hintKey = "worklist.decisions.hint"

        func items(in context: WorklistContext) async throws -> WorklistBucketItems {
            let (rows, total) = try await run(
                context, select: placementColumns + ", pl.planned_start AS due, NULL AS kind", from: placementFrom,
                where: awaitingDecision, order: "pl.updated_at, pl.id")
            return WorklistBucketItems(
                items: rows.map {
                    WorklistItem(
                        title: name($0), detail: $0.place_title + ", " + $0.employer_name, due: $0.due,
                        isOverdue: $0.due < context.today.description, href: SiteURL.placement($0.placement_id).path + "#decision",
                        actionKey: "worklist.action.decide")
                }, total: total)
        }
    }

    /// Planned placements starting within two weeks, and those whose start has passed unrecorded.
    struct StartingSoon: WorklistBucket {
        let key = "placements-starting"
        let titleKey = "worklist.starting.title"
        let hintKey = "worklist.starting.hint"

        func items(in context: WorklistContext) async throws -> WorklistBucketItems {
            let until = context.today.adding(days: PlacementWorklistBuckets.horizonDays) ?? context.today
            let (rows, total) = try await run(
                context, select: placementColumns + ", pl.planned_start AS due, NULL AS kind", from: placementFrom,
                where: "pl.status = \(bind: PlacementStatus.planned.rawValue) AND pl.planned_start <= \(bind: until.description) AND NOT ("
                    + awaitingDecision + ")",
                order: "pl.planned_start, pl.id")
            return WorklistBucketItems(
                items: rows.map {
                    WorklistItem(
                        title: name($0), detail: $0.place_title + ", " + $0.employer_name, due: $0.due,
                        isOverdue: $0.due < context.today.description, href: SiteURL.placement($0.placement_id).path + "#actions",
                        actionKey: "worklist.action.start")
                }, total: total)
        }
    }

    /// Running placements whose planned end is within two weeks: extend, or prepare the end.
    struct EndingSoon: WorklistBucket {
        let key = "placements-ending"
        let titleKey = "worklist.ending.title"
        let hintKey = "worklist.ending.hint"

        func items(in context: WorklistContext) async throws -> WorklistBucketItems {
            let until = context.today.adding(days: PlacementWorklistBuckets.horizonDays) ?? context.today
            let (rows, total) = try await run(
                context, select: placementColumns + ", pl.planned_end AS due, NULL AS kind", from: placementFrom,
                where: """
                    pl.status = \(bind: PlacementStatus.active.rawValue) AND pl.planned_end >= \(bind: context.today.description)
                      AND pl.planned_end <= \(bind: until.description)
                    """,
                order: "pl.planned_end, pl.id")
            return WorklistBucketItems(
                items: rows.map {
                    WorklistItem(
                        title: name($0), detail: $0.place_title + ", " + $0.employer_name, due: $0.due, isOverdue: false,
                        href: SiteURL.placement($0.placement_id).path + "#actions", actionKey: "worklist.action.open")
                }, total: total)
        }
    }

    /// Follow-up forms due today or earlier and not answered: the case worker's own, and those a
    /// respondent has not answered (answer on their behalf, or send the form).
    struct FollowUpsDue: WorklistBucket {
        let key = "follow-ups-due"
        let titleKey = "worklist.follow-ups.title"
        let hintKey = "worklist.follow-ups.hint"

        func items(in context: WorklistContext) async throws -> WorklistBucketItems {
            let (rows, total) = try await run(
                context,
                select: """
                    SELECT f.id, f.placement_id, pa.first_name, pa.last_name, p.title AS place_title, e.name AS employer_name,
                      f.due_on AS due, f.stage || '/' || f.respondent AS kind
                    """,
                from: " FROM follow_ups f JOIN placements pl ON pl.id = f.placement_id" + placementFrom.dropPlacements,
                where: """
                    f.answered_at IS NULL AND f.cancelled_at IS NULL AND f.due_on <= \(bind: context.today.description)
                      AND pl.status <> \(bind: PlacementStatus.cancelled.rawValue)
                    """,
                order: "f.due_on, f.id")
            return WorklistBucketItems(
                items: rows.map {
                    let parts = ($0.kind ?? "").split(separator: "/").map(String.init)
                    return WorklistItem(
                        title: name($0), detail: $0.place_title,
                        detailKey: parts.count == 2 ? "worklist.follow-up.\(parts[0]).\(parts[1])" : "", due: $0.due,
                        isOverdue: $0.due < context.today.description, href: SiteURL.followUp($0.id).path,
                        actionKey: "worklist.action.answer")
                }, total: total)
        }
    }

    /// Running placements past their planned end, and ended ones without an outcome at exit.
    struct CompletionsOverdue: WorklistBucket {
        let key = "completions-overdue"
        let titleKey = "worklist.completions.title"
        let hintKey = "worklist.completions.hint"

        func items(in context: WorklistContext) async throws -> WorklistBucketItems {
            let (rows, total) = try await run(
                context, select: placementColumns + ", COALESCE(pl.actual_end, pl.planned_end) AS due, pl.status AS kind",
                from: placementFrom,
                where: """
                    ((pl.status = \(bind: PlacementStatus.active.rawValue) AND pl.planned_end < \(bind: context.today.description))
                     OR (pl.status IN (\(binds: PlacementStatus.allCases.filter(\.hasRun).map(\.rawValue)))
                         AND \(madeInPraktik)
                         AND NOT EXISTS (SELECT 1 FROM placement_outcomes o WHERE o.placement_id = pl.id
                           AND o.horizon = \(bind: OutcomeHorizon.atExit.rawValue) AND o.state = 'answered')))
                    """,
                order: "due, pl.id")
            return WorklistBucketItems(
                items: rows.map {
                    let running = $0.kind == PlacementStatus.active.rawValue
                    return WorklistItem(
                        title: name($0), detail: $0.place_title + ", " + $0.employer_name,
                        detailKey: running ? "worklist.completions.running" : "worklist.completions.no-outcome", due: $0.due,
                        isOverdue: true,
                        href: SiteURL.placement($0.placement_id).path + (running ? "#actions" : "#outcomes"),
                        actionKey: running ? "worklist.action.end" : "worklist.action.outcome")
                }, total: total)
        }
    }

    /// Outcome checkpoints (3, 6, 12 months after the end) that fell due and are not answered.
    /// They exist only while the person's post-exit consent is active.
    struct CheckpointsDue: WorklistBucket {
        let key = "checkpoints-due"
        let titleKey = "worklist.checkpoints.title"
        let hintKey = "worklist.checkpoints.hint"

        func items(in context: WorklistContext) async throws -> WorklistBucketItems {
            let (rows, total) = try await run(
                context,
                select: """
                    SELECT o.id, o.placement_id, pa.first_name, pa.last_name, p.title AS place_title, e.name AS employer_name,
                      o.due_on AS due, o.horizon AS kind
                    """,
                from: " FROM placement_outcomes o JOIN placements pl ON pl.id = o.placement_id" + placementFrom.dropPlacements,
                where: """
                    o.state = \(bind: PlacementOutcome.State.scheduled.rawValue) AND o.horizon <> \(bind: OutcomeHorizon.atExit.rawValue)
                      AND o.due_on <= \(bind: context.today.description)
                    """,
                order: "o.due_on, o.id")
            return WorklistBucketItems(
                items: rows.map {
                    WorklistItem(
                        title: name($0), detail: $0.employer_name, detailKey: "outcome-horizon.\($0.kind ?? "")", due: $0.due,
                        isOverdue: $0.due < context.today.description, href: SiteURL.placement($0.placement_id).path + "#outcomes",
                        actionKey: "worklist.action.outcome")
                }, total: total)
        }
    }
}

extension SQLQueryString {
    /// The placement joins without `FROM placements pl`, for queries that start from another table.
    fileprivate var dropPlacements: SQLQueryString {
        """
         JOIN participants pa ON pa.id = pl.participant_id JOIN places p ON p.id = pl.place_id
         JOIN employers e ON e.id = p.employer_id
        """
    }
}
