import Fluent
import Foundation
import PraktikCore
import Vapor

/// The admin's pages for programmes' placement settings.
enum PlacementProgrammesController {
    struct ListPage: Encodable {
        struct Row: Encodable {
            let href: String
            let name: String
            let code: String
            let lengthKey: String
            let lengthValue: Int
            let purposes: String
            let isActive: Bool
        }

        let rows: [Row]
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let programmes = PlacementProgrammes(database: request.db)
        let language = request.language.tag
        var rows: [ListPage.Row] = []
        for programme in try await programmes.all() {
            rows.append(
                .init(
                    href: SiteURL.adminPlacementProgramme(programme.id).path, name: programme.name(in: language), code: programme.code,
                    lengthKey: "programme.length.\(programme.lengthUnit)", lengthValue: programme.lengthValue,
                    purposes: try await programmes.purposes(of: programme.code).map { $0.name(in: language) }.joined(separator: ", "),
                    isActive: programme.isActive))
        }
        return try await request.render(
            "Placements/programmes", ListPage(rows: rows), layout: .init(request: request, titleKey: "placement-programmes.title"))
    }

    struct Page: Encodable {
        struct LengthRow: Encodable {
            let benefitKey: String
            let field: String
            let value: String
            let units: [Choice]
        }

        struct PurposeRow: Encodable {
            let index: Int
            let code: String
            let isNew: Bool
            let names: [Text]
            let descriptions: [Text]
            let isActive: Bool
            let errorKey: String
            let hasError: Bool
        }

        struct Text: Encodable {
            let language: String
            let labelKey: String
            let value: String
        }

        let name: String
        let code: String
        let action: String
        let lengthValue: String
        let lengthUnits: [Choice]
        let maximumValue: String
        let maximumUnits: [Choice]
        let consents: [Choice]
        let isActive: Bool
        let lengths: [LengthRow]
        let purposes: [PurposeRow]
        let errors: [String: String]
        let hasErrors: Bool
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let programme = try await PlacementProgrammes(database: request.db).find(request.idParameter)
        return try await render(request, programme: programme, input: nil, errors: [:], status: .ok)
    }

    @Sendable static func save(_ request: Request) async throws -> Response {
        let programme = try await PlacementProgrammes(database: request.db).find(request.idParameter)
        let input = try await read(request, programme: programme)
        do {
            try await PlacementProgrammeSettings(database: request.db, clock: request.application.clock).save(
                input, for: programme, by: request.auditActor)
        } catch let errors as FormErrors {
            return try await render(request, programme: programme, input: input, errors: errors.fields, status: .badRequest)
        }
        return request.redirectShowingSaved(to: .adminPlacementProgramme(programme.id))
    }

    static func read(_ request: Request, programme: PlacementProgramme) async throws -> PlacementProgrammeSettings.Input {
        func field(_ name: String) -> String {
            ((try? request.content.get(String.self, at: name)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var input = PlacementProgrammeSettings.Input()
        input.lengthValue = field("lengthValue")
        input.lengthUnit = field("lengthUnit")
        input.maximumValue = field("maximumValue")
        input.maximumUnit = field("maximumUnit")
        input.isActive = field("isActive") == "on"
        let purposes = try await ConsentService(database: request.db, clock: request.application.clock).purposes()
        input.requiredConsents = purposes.map(\.code).filter { field("consent_" + $0) == "on" }
        for benefit in BenefitType.allCases {
            input.lengths[benefit.rawValue] = (field("length_\(benefit.rawValue)"), field("unit_\(benefit.rawValue)"))
        }
        let existing = try await PlacementProgrammes(database: request.db).purposes(of: programme.code, includingRetired: true)
        for index in 0..<(existing.count + 1) {
            var purpose = PlacementProgrammeSettings.PurposeInput()
            purpose.code = index < existing.count ? existing[index].code : field("purpose\(index)_code")
            for language in FollowUpTemplateService.languages {
                purpose.names[language] = field("purpose\(index)_name_\(language)")
                purpose.descriptions[language] = field("purpose\(index)_description_\(language)")
            }
            purpose.isActive = index >= existing.count || field("purpose\(index)_active") == "on"
            input.purposes.append(purpose)
        }
        return input
    }

    static func render(
        _ request: Request, programme: PlacementProgramme, input: PlacementProgrammeSettings.Input?, errors: [String: String],
        status: HTTPResponseStatus
    ) async throws -> Response {
        let programmes = PlacementProgrammes(database: request.db)
        let existing = try await programmes.purposes(of: programme.code, includingRetired: true)
        let lengths = try await programmes.lengths(of: programme.code)
        let consents = try await ConsentService(database: request.db, clock: request.application.clock).purposes()
        let required = Set(input?.requiredConsents ?? programme.requiredConsentCodes)
        func units(_ selected: String) -> [Choice] { Choice.all(PlacementLength.Unit.self, prefix: "programme.unit", selected: selected) }
        var purposeRows: [Page.PurposeRow] = []
        for index in 0..<(existing.count + 1) {
            let row = index < existing.count ? existing[index] : nil
            let given = input.flatMap { index < $0.purposes.count ? $0.purposes[index] : nil }
            purposeRows.append(
                Page.PurposeRow(
                    index: index, code: given?.code ?? row?.code ?? "", isNew: row == nil,
                    names: FollowUpTemplateService.languages.map {
                        Page.Text(
                            language: $0, labelKey: "programme.purpose.name.\($0)", value: given?.names[$0] ?? row?.name(in: $0) ?? "")
                    },
                    descriptions: FollowUpTemplateService.languages.map {
                        Page.Text(
                            language: $0, labelKey: "programme.purpose.description.\($0)",
                            value: given?.descriptions[$0] ?? row?.description(in: $0) ?? "")
                    },
                    isActive: given?.isActive ?? row?.isActive ?? true, errorKey: errors["purpose_\(index)"] ?? "",
                    hasError: errors["purpose_\(index)"] != nil))
        }
        let page = Page(
            name: programme.name(in: request.language.tag), code: programme.code,
            action: SiteURL.adminPlacementProgramme(programme.id).path,
            lengthValue: input?.lengthValue ?? String(programme.lengthValue), lengthUnits: units(input?.lengthUnit ?? programme.lengthUnit),
            maximumValue: input?.maximumValue ?? programme.maximumValue.map(String.init) ?? "",
            maximumUnits: units(input?.maximumUnit ?? programme.maximumUnit ?? "weeks"),
            consents: consents.map {
                Choice(value: $0.code, labelKey: "consent-purpose.\($0.code)", isSelected: required.contains($0.code))
            },
            isActive: input?.isActive ?? programme.isActive,
            lengths: BenefitType.allCases.map { benefit in
                let row = lengths.first { $0.benefitType == benefit.rawValue }
                let given = input?.lengths[benefit.rawValue]
                return Page.LengthRow(
                    benefitKey: "benefit-type.\(benefit.rawValue)", field: benefit.rawValue,
                    value: given?.0 ?? row.map { String($0.lengthValue) } ?? "", units: units(given?.1 ?? row?.lengthUnit ?? "weeks"))
            },
            purposes: purposeRows, errors: errors, hasErrors: !errors.isEmpty)
        return try await request.render(
            "Placements/programme", page, layout: .init(request: request, titleKey: "programmes.edit.title"), status: status)
    }
}
