import Foundation
import PraktikCore
import SQLKit
import Vapor

extension Request {
    var employerService: EmployerService { EmployerService(database: db, clock: application.clock) }
    var workplaceService: WorkplaceService { WorkplaceService(database: db, clock: application.clock) }
    var placeService: PlaceService { PlaceService(database: db, clock: application.clock) }
    var employerCheckService: EmployerCheckService { EmployerCheckService(database: db, clock: application.clock) }

    var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw AppError.unavailable }
            return sql
        }
    }

    func misuseSignalService() throws -> MisuseSignalService {
        MisuseSignalService(sql: try sql, thresholds: application.settings.misuseThresholds, today: try application.clock.today(), now: now)
    }

    /// The signed-in employer contact's reach; every portal handler starts here.
    func employerContactScope() throws -> EmployerContactScope {
        EmployerContactScope(database: db, userID: try requireUser().id)
    }

    /// The `:id` parameter as a UUID, or nil (then the lookup answers "not found").
    var idParameter: UUID? { parameters.get("id", as: UUID.self) }

    func query(_ name: String) -> String { (try? self.query.get(String.self, at: name)) ?? "" }

    /// A check type's name in the reader's language.
    func name(of type: EmployerCheckType) -> String {
        language == .english ? type.nameEnglish : type.nameSwedish
    }
}
