import Foundation
import PraktikCore
import Vapor

extension Request {
    var employerService: EmployerService { EmployerService(database: db, clock: application.clock) }
    var workplaceService: WorkplaceService { WorkplaceService(database: db, clock: application.clock) }
    var placeService: PlaceService { PlaceService(database: db, clock: application.clock) }
    var employerCheckService: EmployerCheckService { EmployerCheckService(database: db, clock: application.clock) }

    func misuseSignalService() throws -> MisuseSignalService {
        MisuseSignalService(sql: try sql, thresholds: application.settings.misuseThresholds, today: try application.clock.today(), now: now)
    }

    /// The signed-in employer contact's reach; every portal handler starts here.
    func employerContactScope() throws -> EmployerContactScope {
        EmployerContactScope(database: db, userID: try requireUser().id)
    }

    /// A check type's name in the reader's language.
    func name(of type: EmployerCheckType) -> String {
        switch language {
        case .swedish: type.nameSwedish
        case .english: type.nameEnglish
        case .danish: type.nameDanish ?? type.nameEnglish
        }
    }
}
