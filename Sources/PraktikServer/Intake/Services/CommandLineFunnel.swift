import Fluent
import Foundation
import PraktikCore
import Vapor

/// `praktik report funnel --intake ID`: the intake funnel by gender as CSV, through the same
/// counting and disclosure as the funnel page.
public enum CommandLineFunnel {
    public struct UnknownIntake: Error, CustomStringConvertible {
        public let id: String
        public var description: String { "No intake has the id \(id)." }
    }

    /// The CSV text; small numbers are hidden as for analysts unless `exact`.
    public static func csv(intakeID: UUID, exact: Bool, on app: Application) async throws -> String {
        guard let intake = try await Intake.find(intakeID, on: app.db) else { throw UnknownIntake(id: intakeID.uuidString.lowercased()) }
        let funnel = try await FunnelService(sql: try app.db.sql).funnel(of: intakeID)
        return FunnelService.csv(
            funnel, intakeID: intakeID, intakeName: intake.name, policy: exact ? nil : app.settings.disclosure)
    }
}
