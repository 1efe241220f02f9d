import Foundation
import Vapor

/// The retention job as the command line runs it.
public enum RetentionJob {
    /// Returns a report: the dry-run list, and with `apply` how many were erased.
    public static func run(on app: Application, apply: Bool) async throws -> String {
        let service = RetentionService(database: app.db, clock: app.clock, policy: app.settings.retention)
        let due = try await service.dueForErasure()
        var lines = [
            "\(due.count) participant(s) exited more than \(app.settings.retention.monthsAfterExit) months ago and are due for erasure."
        ]
        lines += due.map { "  \($0.id.uuidString)  exited \($0.exit_date)  \($0.unit_name)" }
        if apply {
            let erased = try await service.run()
            lines.append("Erased \(erased).")
        } else if !due.isEmpty {
            lines.append("Dry run: nothing was changed. Run with --apply to erase them.")
        }
        return lines.joined(separator: "\n")
    }
}
