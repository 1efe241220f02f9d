import PraktikCore

/// The register's forms name their fields differently from the file's columns; the validation
/// (`RegisterFields`) is the same, and its problems are shown next to the form's own fields.
extension RegisterFields {
    /// Reads a form's values, given by the form's field name for each column.
    init(form: [RegisterColumn: String]) {
        self.init { form[$0] ?? "" }
    }
}

extension FormErrors {
    mutating func add(_ problems: [FieldProblem], as formFields: [RegisterColumn: String]) {
        for problem in problems { add(formFields[problem.field] ?? problem.field.rawValue, problem.code) }
    }
}

extension EmployerInput {
    /// The form's field for each column it has.
    static let formFields: [RegisterColumn: String] = [
        .employerName: "name", .sector: "sector", .industry: "industry", .employees: "employees",
    ]

    var registerFields: RegisterFields {
        RegisterFields(form: [.employerName: name, .sector: sector, .industry: industry, .employees: employees])
    }
}

extension WorkplaceInput {
    static let formFields: [RegisterColumn: String] = [
        .workplaceName: "name", .address: "address", .postalCode: "postalCode", .city: "city", .district: "district",
        .pNumber: "pNumber",
    ]

    var registerFields: RegisterFields {
        RegisterFields(form: [
            .workplaceName: name, .address: address, .postalCode: postalCode, .city: city, .district: district, .pNumber: pNumber,
        ])
    }
}

extension PlaceInput {
    static let formFields: [RegisterColumn: String] = [
        .placeTitle: "title", .occupationField: "occupationField", .tasks: "tasks", .capacity: "capacity",
        .periodStart: "periodStart", .periodEnd: "periodEnd", .hoursPerWeek: "hoursPerWeek",
        .languageRequirement: "languageRequirement", .remotePossible: "remotePossible", .regime: "regime",
    ]

    var registerFields: RegisterFields {
        RegisterFields(form: [
            .placeTitle: title, .occupationField: occupationField, .tasks: tasks, .capacity: capacity, .periodStart: periodStart,
            .periodEnd: periodEnd, .hoursPerWeek: hoursPerWeek, .languageRequirement: languageRequirement,
            .remotePossible: remotePossible ? "yes" : "no", .regime: regime,
        ])
    }
}
