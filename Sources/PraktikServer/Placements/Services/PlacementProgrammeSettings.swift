import Fluent
import Foundation
import PraktikCore

/// The admin's changes to a programme's placement settings: lengths (default and longest, per
/// benefit group), the consents a decision needs, and the purposes offered. Purposes are retired,
/// never deleted: placements and reports keep their codes.
struct PlacementProgrammeSettings: Sendable {
    let database: any Database
    let clock: AppClock

    struct Input: Sendable {
        var lengthValue = ""
        var lengthUnit = ""
        var maximumValue = ""
        var maximumUnit = ""
        var requiredConsents: [String] = []
        var isActive = true
        /// Benefit type to (value, unit); an empty value means "the programme's default".
        var lengths: [String: (String, String)] = [:]
        var purposes: [PurposeInput] = []
    }

    struct PurposeInput: Sendable {
        var code = ""
        var names: [String: String] = [:]
        var descriptions: [String: String] = [:]
        var isActive = true
    }

    func save(_ input: Input, for programme: PlacementProgramme, by actor: AuditLog.Actor) async throws {
        var errors = FormErrors()
        func length(_ value: String, _ unit: String, field: String, required: Bool) -> PlacementLength? {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if required { errors.add(field, "form.required") }
                return nil
            }
            guard let number = Int(trimmed), let unit = PlacementLength.Unit(rawValue: unit) else {
                errors.add(field, "programme.length.invalid")
                return nil
            }
            let length = PlacementLength(value: number, unit: unit)
            if !length.isReasonable { errors.add(field, "programme.length.invalid") }
            return length
        }
        let defaultLength = length(input.lengthValue, input.lengthUnit, field: "length", required: true)
        let maximum = length(input.maximumValue, input.maximumUnit, field: "maximum", required: false)
        var byBenefit: [(BenefitType, PlacementLength)] = []
        for benefit in BenefitType.allCases {
            guard let (value, unit) = input.lengths[benefit.rawValue],
                let length = length(value, unit, field: "length_\(benefit.rawValue)", required: false)
            else { continue }
            byBenefit.append((benefit, length))
        }
        let knownPurposes = Set(try await ConsentService(database: database, clock: clock).purposes().map(\.code))
        if input.requiredConsents.contains(where: { !knownPurposes.contains($0) }) {
            errors.add("requiredConsents", "consent.unknown-purpose")
        }
        let existing = try await PlacementProgrammes(database: database).purposes(of: programme.code, includingRetired: true)
        for (index, purpose) in input.purposes.enumerated() {
            let isNew = !existing.contains { $0.code == purpose.code }
            let blank = purpose.code.isEmpty && purpose.names.values.allSatisfy(\.isEmpty)
            if isNew && blank { continue }
            if !FollowUpTemplateContent.isValidKey(purpose.code) { errors.add("purpose_\(index)", "programme.purpose.code-invalid") }
            for language in FollowUpTemplateService.languages {
                let name = purpose.names[language]?.trimmingCharacters(in: .whitespaces) ?? ""
                if name.isEmpty || name.count > 100 { errors.add("purpose_\(index)", "programme.purpose.name-missing") }
                if (purpose.descriptions[language] ?? "").count > 500 { errors.add("purpose_\(index)", "placement.too-long") }
            }
        }
        try errors.throwIfAny()
        guard let defaultLength else { throw errors }
        let benefitLengths = byBenefit

        try await database.writingTransaction { db in
            programme.lengthValue = defaultLength.value
            programme.lengthUnit = defaultLength.unit.rawValue
            programme.maximumValue = maximum?.value
            programme.maximumUnit = maximum?.unit.rawValue
            programme.requiredConsents = input.requiredConsents.sorted().joined(separator: ",")
            programme.isActive = input.isActive
            try await programme.save(on: db)
            try await PlacementProgrammeLength.query(on: db).filter(\.$programmeCode == programme.code).delete()
            for (benefit, length) in benefitLengths {
                let row = PlacementProgrammeLength()
                row.programmeCode = programme.code
                row.benefitType = benefit.rawValue
                row.lengthValue = length.value
                row.lengthUnit = length.unit.rawValue
                try await row.create(on: db)
            }
            for (index, purpose) in input.purposes.enumerated() {
                let row = existing.first { $0.code == purpose.code } ?? ProgrammePurpose()
                if row.id == nil {
                    if purpose.code.isEmpty { continue }
                    row.programmeCode = programme.code
                    row.code = purpose.code
                    row.position = existing.count + index
                }
                row.nameSwedish = purpose.names["sv"] ?? ""
                row.nameEnglish = purpose.names["en"] ?? ""
                row.nameDanish = purpose.names["da"] ?? ""
                row.descriptionSwedish = purpose.descriptions["sv"] ?? ""
                row.descriptionEnglish = purpose.descriptions["en"] ?? ""
                row.descriptionDanish = purpose.descriptions["da"] ?? ""
                row.isActive = purpose.isActive
                try await row.save(on: db)
            }
            try await AuditLog(database: db, clock: clock).record(
                .update, by: actor, recordType: .placementProgramme, recordID: programme.id, detail: "settings")
        }
    }
}
