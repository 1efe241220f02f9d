import Foundation
import PraktikCore

/// Small view-model pieces shared by the register's pages.
enum EmployerViews {
    /// The number as its register prints it, with a sole trader's personnummer masked.
    static func identifierText(_ storage: String) -> String {
        guard let identifier = try? EmployerIdentifier(storageValue: storage) else { return storage }
        switch identifier {
        case .foreign(let country, _): return country + " " + identifier.masked
        default: return identifier.masked
        }
    }

    static func registerKey(_ storage: String) -> String {
        switch (try? EmployerIdentifier(storageValue: storage))?.kind {
        case .swedishOrganisationNumber?: "employer.register.se"
        case .danishCVR?: "employer.register.dk"
        default: "employer.register.foreign"
        }
    }
}
