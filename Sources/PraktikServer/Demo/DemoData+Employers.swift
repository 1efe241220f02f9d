import Fluent
import Foundation
import PraktikCore
import SQLKit

/// The demo employer register: about 300 employers across the public, private and non-profit
/// sectors in Stockholm's districts and a few in Copenhagen, their workplaces, about 1,500 places,
/// employer contacts (the demo contact among them), check results, and placements for the board's
/// compilation. Generated deterministically and inserted in bulk so `serve --demo` stays fast.
enum DemoEmployers {
    struct Generated {
        var employers: [[any Encodable & Sendable]] = []
        var workplaces: [[any Encodable & Sendable]] = []
        var places: [[any Encodable & Sendable]] = []
        var checks: [[any Encodable & Sendable]] = []
        var contacts: [[any Encodable & Sendable]] = []
        var users: [[any Encodable & Sendable]] = []
        var requests: [[any Encodable & Sendable]] = []
        /// Places with their workplace, unit and period, for placements.
        var placeFacts: [(place: UUID, workplace: UUID, employer: Int, unit: UUID, start: CivilDate, end: CivilDate)] = []
    }

    /// Loads the register into `db` (inside the demo transaction). `units` maps unit codes to ids;
    /// `demoContactID` is the listed employer contact, linked to two workplaces of one employer.
    static func load(on db: any Database, units: [String: UUID], demoContactID: UUID?, passwordHash: String, today: CivilDate) async throws
    {
        let sql = try db.sql
        var random = SeededGenerator(seed: 3_000)
        let now = Date()
        var data = Generated()
        let unitCodes = ["JT-CITY", "JT-JARVA", "JT-SODER", "JT-VASTER", "JOBBSPRANGET"].compactMap { units[$0] }
        guard let copenhagen = units["JC-KBH"], !unitCodes.isEmpty else { return }
        let checkTypes = try await EmployerCheckType.query(on: db).sort(\.$position).all()

        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

        var usedNumbers: Set<String> = []
        for index in 0..<300 {
            let danish = index >= 288
            let sector: EmployerSector =
                danish ? (index % 3 == 0 ? .public : .private) : (index % 10 < 3 ? .public : index % 10 < 8 ? .private : .nonProfit)
            var identifier: EmployerIdentifier?
            while identifier == nil {
                let candidate = danish ? cvr(&random) : organisationNumber(for: sector, &random)
                if let candidate, !usedNumbers.contains(candidate.storageValue) {
                    usedNumbers.insert(candidate.storageValue)
                    identifier = candidate
                }
            }
            guard let identifier else { continue }
            let (name, industry) = danish ? danishName(index, &random) : swedishName(sector, index, &random)
            let employees = sector == .public ? 80 + Int(random.next() % 2_000) : 3 + Int(random.next() % 400)
            let employerID = UUID()
            data.employers.append([
                employerID, name, identifier.storageValue, identifier.country, sector.rawValue, industry, employees, true,
                Employer.searchText(name: name, identifier: identifier, industry: industry), now, now,
            ])

            // Checks: most employers have all passed within the year; some failed or lapsed.
            // The first employer is the demo contact's: checked last month and in good standing, so
            // that a proposal it makes can be approved and opened in a walk-through.
            let inGoodStanding = index == 0
            for type in checkTypes {
                // The same random draws as for any employer, so the rest of the demo data stays as it was.
                guard let typeID = type.id else { continue }
                let skipped = chance(6)
                if skipped && !inGoodStanding { continue }
                let daysAgo = skipped ? 0 : Int(random.next() % 420)
                let failedDraw = skipped ? false : chance(4)
                let checked = today.adding(days: inGoodStanding ? -30 : -daysAgo) ?? today
                let failed = !inGoodStanding && failedDraw
                data.checks.append([
                    UUID(), employerID, typeID, failed ? "failed" : "passed", checked.description,
                    type.validityDays.flatMap { checked.adding(days: $0)?.description }, type.needsUnion ? pick(unions) : nil,
                    "", noID, now,
                ])
            }
            if index % 37 == 5 {
                for _ in 0..<3 {
                    data.requests.append([UUID(), employerID, noID, "information", now.addingTimeInterval(-30 * 86_400), noDate])
                }
            }

            let workplaceCount = sector == .public ? 2 + Int(random.next() % 3) : 1 + Int(random.next() % 2)
            for w in 0..<workplaceCount {
                let district = danish ? pick(copenhagenDistricts) : pick(stockholmDistricts)
                let street = danish ? pick(danishStreets) : pick(swedishStreets)
                let address = "\(street) \(1 + random.next() % 80)"
                let pNumber = danish ? String(1_000_000_000 + random.next() % 8_999_999_999) : nil
                let workplace = RegisterRow.Workplace(
                    name: workplaceCount > 1 ? "\(name) – \(district)" : "", address: address,
                    postalCode: danish ? String(1000 + random.next() % 1500) : "1\(random.next() % 90 + 10) \(random.next() % 90 + 10)",
                    city: danish ? "København" : "Stockholm", district: district,
                    pNumber: pNumber.flatMap { try? DanishPNumber(parsing: $0) })
                let workplaceID = UUID()
                if data.workplaces.contains(where: { ($0[1] as? UUID) == employerID && ($0[8] as? String) == workplace.naturalKey }) {
                    continue
                }
                data.workplaces.append([
                    workplaceID, employerID, workplace.name, workplace.address, workplace.postalCode, workplace.city, workplace.district,
                    workplace.pNumber?.storageValue, workplace.naturalKey, true, now, now,
                ])
                if w == 0, index % 3 == 0 || index == 0 {
                    data.contacts.append([workplaceID, pick(contactFirstNames) + " " + pick(contactLastNames)])
                }

                // Places: two intakes a year, as Jobbsprånget runs them.
                let placeCount = 1 + Int(random.next() % (sector == .public ? 5 : 4))
                for p in 0..<placeCount {
                    let title = pick(titles[industry] ?? titles["Övrigt"] ?? ["Praktikant"])
                    let monthsAgo = Int(random.next() % 24) - 6
                    let start = firstOfMonth(today, monthsAgo: monthsAgo)
                    let end = start.adding(days: 119) ?? start
                    let unit = danish ? copenhagen : unitCodes[(index + p) % unitCodes.count]
                    let status: PlaceStatus = end < today ? .closed : chance(8) ? .proposed : chance(10) ? .filled : .open
                    let regime: PlaceRegime = sector == .public && chance(50) ? .inHouse : chance(10) ? .procured : .external
                    let place = RegisterRow.Place(
                        title: title, occupationField: industry, tasks: tasks(for: title), capacity: 1 + Int(random.next() % 3),
                        periodStart: start, periodEnd: end, hoursPerWeek: pick([20, 30, 40, 40, 40]),
                        languageRequirement: danish ? "Dansk eller engelsk" : pick(languages),
                        remotePossible: chance(10), regime: regime, unitCode: "", status: status)
                    let placeID = UUID()
                    if data.places.contains(where: { ($0[1] as? UUID) == workplaceID && ($0[15] as? String) == place.naturalKey }) {
                        continue
                    }
                    data.places.append([
                        placeID, workplaceID, employerID, unit, place.title, place.occupationField, place.tasks, place.capacity,
                        start.description, end.description, place.hoursPerWeek, place.languageRequirement, place.remotePossible,
                        regime.rawValue, status.rawValue, place.naturalKey, Place.searchText(title: title, field: industry), now, now,
                    ])
                    data.placeFacts.append((placeID, workplaceID, index, unit, start, end))
                }
            }
        }

        try await DemoParticipants.insert(
            sql, Employer.schema,
            [
                "id", "name", "identifier", "country", "sector", "industry", "employees", "is_active", "search_text", "created_at",
                "updated_at",
            ], data.employers)
        try await DemoParticipants.insert(
            sql, Workplace.schema,
            [
                "id", "employer_id", "name", "address", "postal_code", "city", "district", "p_number", "natural_key", "is_active",
                "created_at", "updated_at",
            ], data.workplaces)
        try await DemoParticipants.insert(
            sql, Place.schema,
            [
                "id", "workplace_id", "employer_id", "unit_id", "title", "occupation_field", "tasks", "capacity", "period_start",
                "period_end", "hours_per_week", "language_requirement", "remote_possible", "regime", "status", "natural_key", "search_text",
                "created_at", "updated_at",
            ], data.places)
        try await DemoParticipants.insert(
            sql, EmployerCheck.schema,
            [
                "id", "employer_id", "check_type_id", "result", "checked_on", "expires_on", "union_name", "note", "recorded_by",
                "recorded_at",
            ], data.checks)
        try await DemoParticipants.insert(
            sql, EmployerRequest.schema, ["id", "employer_id", "workplace_id", "kind", "sent_at", "answered_at"], data.requests)

        // Employer contacts: accounts with the demo password, each linked to its workplace; the
        // listed demo contact gets the first employer's workplaces.
        var contactRows: [[any Encodable & Sendable]] = []
        var userRows: [[any Encodable & Sendable]] = []
        for (number, contact) in data.contacts.enumerated() {
            guard let workplaceID = contact[0] as? UUID, let name = contact[1] as? String else { continue }
            let userID = UUID()
            let email = "kontakt\(number + 1)@arbetsgivare.demo"
            userRows.append([userID, email, name, Role.employerContact.rawValue, noID, "sv", passwordHash, true, now, now])
            contactRows.append([
                UUID(), userID, workplaceID, "08-\(100_000 + number * 37 % 900_000)", pick(["Handledare", "HR", "Platschef", "Rektor"]),
                now,
            ])
        }
        try await DemoParticipants.insert(
            sql, User.schema,
            ["id", "email", "display_name", "role", "unit_id", "language", "password_hash", "is_active", "created_at", "updated_at"],
            userRows)
        if let demoContactID, let firstEmployer = data.employers.first?[0] as? UUID {
            for workplace in data.workplaces where (workplace[1] as? UUID) == firstEmployer {
                if let workplaceID = workplace[0] as? UUID {
                    contactRows.append([UUID(), demoContactID, workplaceID, "08-123 456 78", "Handledare", now])
                }
            }
        }
        try await DemoParticipants.insert(
            sql, WorkplaceContact.schema, ["id", "user_id", "workplace_id", "phone", "job_title", "created_at"], contactRows)

        try await loadPlacements(on: db, sql: sql, facts: data.placeFacts, today: today, random: &random)
    }

    /// Placements over the places' periods, for the compilation and the misuse signals. Uses the
    /// demo's participants if another loader made them, else anonymous demo participants.
    private static func loadPlacements(
        on db: any Database, sql: any SQLDatabase,
        facts: [(place: UUID, workplace: UUID, employer: Int, unit: UUID, start: CivilDate, end: CivilDate)],
        today: CivilDate, random: inout SeededGenerator
    ) async throws {
        struct ID: Decodable { let id: UUID }
        var participantIDs = try await sql.raw("SELECT id FROM participants ORDER BY id").all(decoding: ID.self).map(\.id)
        if participantIDs.isEmpty {
            var rows: [[any Encodable & Sendable]] = []
            let now = Date()
            for index in 0..<900 {
                let id = UUID()
                participantIDs.append(id)
                // Jobbsprånget's applicants were 70 per cent women (seed 004).
                let gender = index % 10 < 6 ? "woman" : index % 10 < 9 ? "man" : index % 20 == 9 ? "other" : "not_stated"
                let unit = facts[index % max(1, facts.count)].unit
                rows.append([id, unit, "protected", gender, "not_stated", "unknown", "none", "active", now, now])
            }
            try await DemoParticipants.insert(
                sql, Participant.schema,
                [
                    "id", "unit_id", "identifier_kind", "gender", "birth_region", "education_level", "benefit_type", "status", "created_at",
                    "updated_at",
                ], rows)
        }
        guard !participantIDs.isEmpty else { return }
        var rows: [[any Encodable & Sendable]] = []
        let now = Date()
        for (index, fact) in facts.enumerated() where fact.start <= today && index % 2 == 0 {
            let participant = participantIDs[Int(random.next() % UInt64(participantIDs.count))]
            let status = fact.end < today ? "completed" : "active"
            let hired: Bool? = status == "completed" ? random.next() % 100 < 18 : nil
            rows.append([
                UUID(), participant, fact.place, fact.workplace, fact.unit, status, fact.start.description, fact.end.description, noText,
                noText, hired, now,
            ])
            // A few employers take the same person again and again: the misuse list shows them.
            if fact.employer % 41 == 7, let again = fact.start.adding(days: -150), let againEnd = fact.start.adding(days: -31) {
                rows.append([
                    UUID(), participant, fact.place, fact.workplace, fact.unit, "completed", again.description, againEnd.description,
                    noText,
                    noText, false, now,
                ])
            }
        }
        try await DemoParticipants.insert(
            sql, Placement.schema,
            [
                "id", "participant_id", "place_id", "workplace_id", "unit_id", "status", "planned_start", "planned_end", "actual_start",
                "actual_end", "hired_by_host", "created_at",
            ], rows)
    }

    // Typed nils for the rows of `any Encodable & Sendable`: a bare nil has no type to encode.
    private static let noID: UUID? = nil
    private static let noDate: Date? = nil
    private static let noText: String? = nil

    // MARK: Numbers

    static func organisationNumber(for sector: EmployerSector, _ random: inout SeededGenerator) -> EmployerIdentifier? {
        // Aktiebolag 556…/559…, municipalities and regions 212…/232…, non-profit associations 802…
        let prefix =
            sector == .private
            ? ["556", "559"][Int(random.next() % 2)] : sector == .public ? ["212", "232"][Int(random.next() % 2)] : "802"
        let body = prefix + String(100_000 + random.next() % 900_000)
        var digits = body.compactMap(\.wholeNumberValue)
        var sum = 0
        for (index, digit) in digits.enumerated() {
            let product = digit * (index % 2 == 0 ? 2 : 1)
            sum += product / 10 + product % 10
        }
        digits.append((10 - sum % 10) % 10)
        return try? EmployerIdentifier.parse(kind: .swedishOrganisationNumber, raw: digits.map(String.init).joined())
    }

    static func cvr(_ random: inout SeededGenerator) -> EmployerIdentifier? {
        let weights = [2, 7, 6, 5, 4, 3, 2, 1]
        var digits = String(1_000_000 + random.next() % 8_999_999).compactMap(\.wholeNumberValue)
        let sum = zip(digits, weights).map(*).reduce(0, +)
        let check = (11 - sum % 11) % 11
        guard check < 10 else { return nil }
        digits.append(check)
        return try? EmployerIdentifier.parse(kind: .danishCVR, raw: digits.map(String.init).joined())
    }

    static func firstOfMonth(_ today: CivilDate, monthsAgo: Int) -> CivilDate {
        var month = today.month - monthsAgo
        var year = today.year
        while month < 1 { month += 12; year -= 1 }
        while month > 12 { month -= 12; year += 1 }
        return CivilDate(year: year, month: month, day: 1) ?? today
    }

    // MARK: Words

    static func swedishName(_ sector: EmployerSector, _ index: Int, _ random: inout SeededGenerator) -> (String, String) {
        func pick(_ items: [String]) -> String { items[Int(random.next() % UInt64(items.count))] }
        switch sector {
        case .public:
            let (name, industry) = publicEmployers[index % publicEmployers.count]
            return (index < publicEmployers.count ? name : "\(name), enhet \(index / publicEmployers.count + 1)", industry)
        case .private:
            let industry = pick(Array(privatePatterns.keys).sorted())
            let pattern = pick(privatePatterns[industry] ?? ["{} AB"])
            return (pattern.replacingOccurrences(of: "{}", with: pick(companyWords)) + (index % 7 == 0 ? " i Stockholm" : ""), industry)
        case .nonProfit:
            let (pattern, industry) = nonProfitPatterns[index % nonProfitPatterns.count]
            return (pattern.replacingOccurrences(of: "{}", with: pick(companyWords)), industry)
        }
    }

    static func danishName(_ index: Int, _ random: inout SeededGenerator) -> (String, String) {
        let names = [
            ("Nørrebro Bageri ApS", "Restaurang"), ("Vesterbro IT A/S", "IT"), ("Amager Byg ApS", "Bygg"),
            ("Københavns Kommune, Børne- og Ungdomsforvaltningen", "Förskola"), ("Østerbro Lager ApS", "Logistik"),
            ("Valby Rengøring ApS", "Städ"), ("Frederiksberg Plejecenter", "Vård och omsorg"), ("Sydhavn Café ApS", "Restaurang"),
            ("Bispebjerg Auto ApS", "Fordon"), ("Christianshavn Design A/S", "Handel"),
            ("Københavns Kommune, Sundhed og Omsorg", "Vård och omsorg"),
            ("Islands Brygge Hotel A/S", "Hotell"),
        ]
        return names[index % names.count]
    }

    static func tasks(for title: String) -> String {
        "Arbeta som \(title.lowercased()) tillsammans med handledare; introduktion första veckan, sedan eget ansvar för avgränsade uppgifter."
    }

    static let stockholmDistricts = [
        "Rinkeby-Kista", "Spånga-Tensta", "Hässelby-Vällingby", "Bromma", "Kungsholmen", "Norrmalm", "Östermalm", "Södermalm",
        "Enskede-Årsta-Vantör", "Skarpnäck", "Farsta", "Älvsjö", "Hägersten-Älvsjö", "Skärholmen",
    ]
    static let copenhagenDistricts = ["Nørrebro", "Vesterbro", "Amager", "Østerbro", "Valby", "Bispebjerg"]
    static let swedishStreets = [
        "Kistagången", "Hagagatan", "Götgatan", "Fleminggatan", "Rinkebytorget", "Tensta allé", "Vällingbyplan", "Skärholmsgången",
        "Farstaplan", "Årstavägen", "Sveavägen", "Hornsgatan", "Drottningholmsvägen", "Bergsunds strand", "Valhallavägen",
    ]
    static let danishStreets = ["Nørrebrogade", "Vesterbrogade", "Amagerbrogade", "Østerbrogade", "Valby Langgade", "Tagensvej"]
    static let unions = ["Kommunal", "Handels", "Byggnads", "Vision", "Unionen", "Hotell- och restaurangfacket", "Transport", "Fastighets"]
    static let languages = ["Svenska B1", "Svenska A2", "Svenska B2, engelska", "Engelska", "Svenska grundläggande", ""]
    static let contactFirstNames = [
        "Karin", "Per", "Ahmed", "Lena", "Johan", "Sofia", "Mehmet", "Eva", "Anders", "Zeynep", "Maja", "Björn",
    ]
    static let contactLastNames = ["Lind", "Sjöberg", "Nordin", "Öberg", "Hussein", "Wallin", "Ek", "Berglund", "Holm", "Demir"]
    static let companyWords = [
        "Norrsken", "Söderljus", "Kvarnen", "Björk", "Ekbacken", "Stjärnan", "Hamnen", "Ljusglimten", "Fyren", "Granen", "Ankaret",
        "Torget", "Bryggan", "Linden", "Solrosen", "Nova", "Norden", "Mälar", "Kungs", "Vasa",
    ]
    static let publicEmployers: [(String, String)] = [
        ("Stockholms stad, utbildningsförvaltningen", "Förskola"), ("Stockholms stad, äldreförvaltningen", "Vård och omsorg"),
        ("Region Stockholm, Södersjukhuset", "Vård och omsorg"), ("Region Stockholm, Karolinska universitetssjukhuset", "Vård och omsorg"),
        ("Stockholms stad, trafikkontoret", "Kontor och administration"), ("Stockholms stad, idrottsförvaltningen", "Idrott"),
        ("Stockholms stadsbibliotek", "Kultur"), ("Stockholms stad, fastighetskontoret", "Fastighet"),
        ("Stockholm Vatten och Avfall", "Teknik"), ("Stockholms stad, socialförvaltningen", "Kontor och administration"),
        ("Rinkeby-Kista stadsdelsförvaltning", "Förskola"), ("Skärholmens stadsdelsförvaltning", "Vård och omsorg"),
        ("Region Stockholm, SL", "Logistik"), ("Statens fastighetsverk", "Fastighet"),
        ("Stockholms universitet", "Kontor och administration"),
    ]
    static let privatePatterns: [String: [String]] = [
        "Bygg": ["{} Bygg AB", "{} Entreprenad AB", "{} Måleri AB"],
        "Restaurang": ["Restaurang {} AB", "{} Café & Bageri AB", "{} Kök AB"],
        "IT": ["{} IT-konsult AB", "{} Digital AB", "{} Systemutveckling AB"],
        "Städ": ["{} Städ & Service AB", "{} Lokalvård AB"],
        "Logistik": ["{} Logistik AB", "{} Åkeri AB", "{} Lager & Distribution AB"],
        "Handel": ["{} Livs AB", "{} Butik AB", "{} Handel AB"],
        "Hotell": ["Hotell {} AB", "{} Konferens AB"],
        "Vård och omsorg": ["{} Omsorg AB", "{} Hemtjänst AB"],
        "Fordon": ["{} Bil & Däck AB", "{} Verkstad AB"],
    ]
    static let nonProfitPatterns: [(String, String)] = [
        ("Föreningen {}", "Kultur"), ("{} IF", "Idrott"), ("Stiftelsen {}", "Vård och omsorg"),
        ("{} Second Hand, ideell förening", "Handel"),
        ("Kooperativet {}", "Restaurang"), ("{} Fritidsgård, ideell förening", "Idrott"),
    ]
    static let titles: [String: [String]] = [
        "Bygg": ["Snickare", "Målare", "Byggarbetare", "Plattsättare"],
        "Restaurang": ["Kock", "Kallskänka", "Servitör", "Diskare", "Bagare"],
        "IT": ["Systemutvecklare", "IT-support", "Testare", "Webbutvecklare"],
        "Städ": ["Lokalvårdare", "Fönsterputsare"],
        "Logistik": ["Lagerarbetare", "Truckförare", "Chaufför", "Terminalarbetare"],
        "Handel": ["Butikssäljare", "Kassapersonal", "Varupåfyllare"],
        "Hotell": ["Receptionist", "Hotellstädare", "Frukostvärd"],
        "Vård och omsorg": ["Undersköterska", "Vårdbiträde", "Personlig assistent", "Sjukvårdsbiträde"],
        "Fordon": ["Bilmekaniker", "Däckmontör"],
        "Förskola": ["Barnskötare", "Förskoleassistent", "Kock i förskolekök"],
        "Kontor och administration": ["Administratör", "Ekonomiassistent", "Receptionist", "Arkivassistent"],
        "Idrott": ["Fritidsledare", "Idrottsassistent", "Vaktmästare"],
        "Kultur": ["Biblioteksassistent", "Museivärd", "Kulturassistent"],
        "Fastighet": ["Fastighetsskötare", "Vaktmästare"],
        "Teknik": ["Drifttekniker", "Elektrikerlärling"],
        "Övrigt": ["Praktikant"],
    ]
}
