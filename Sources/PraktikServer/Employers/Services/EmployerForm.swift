import Foundation
import PraktikCore

/// What a person typed into the employer form, as text; `EmployerService` checks it.
struct EmployerInput: Sendable {
    var name: String = ""
    /// `se`, `dk` or `foreign`.
    var register: String = "se"
    var country: String = ""
    var number: String = ""
    var sector: String = ""
    var industry: String = ""
    var employees: String = ""
    var isActive: Bool = true
}

/// A second employer with a number already in the register: the person is pointed at the first.
struct DuplicateEmployer: Error, Sendable {
    let existingID: UUID
    let existingName: String
}
