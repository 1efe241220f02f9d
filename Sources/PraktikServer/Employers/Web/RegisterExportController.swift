import Fluent
import PraktikCore
import SQLKit
import Vapor

/// The register as CSV, in the import's format, so an export can be edited and imported again.
enum RegisterExportController {
    @Sendable static func export(_ request: Request) async throws -> Response {
        let filter = EmployerDirectory.Filter(
            search: request.query("q"), sector: EmployerSector(rawValue: request.query("sector")), district: request.query("district"),
            includeInactive: request.query("inactive") == "on")
        let text = try await RegisterExport(sql: try request.sql).csv(filter)
        try await request.auditLog().record(.export, by: request.auditActor, recordType: .employerRegister, recordID: nil)
        return CSVResponse.make(text, fileName: "praktik-employers.csv")
    }
}
