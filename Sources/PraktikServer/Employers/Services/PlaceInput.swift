import Foundation

/// What a person typed into the place form.
struct PlaceInput: Sendable {
    var title: String = ""
    var occupationField: String = ""
    var tasks: String = ""
    var capacity: String = "1"
    var periodStart: String = ""
    var periodEnd: String = ""
    var hoursPerWeek: String = "40"
    var languageRequirement: String = ""
    var remotePossible: Bool = false
    var regime: String = "external"
    var unitID: String = ""
}
