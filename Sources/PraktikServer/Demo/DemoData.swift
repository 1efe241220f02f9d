import Fluent
import Foundation
import PraktikCore
import SQLKit
import Vapor

/// A realistic synthetic data set for trying Praktik out, loaded by `praktik serve --demo` into an
/// empty database. Later capabilities add their records here. Everything is invented.
public enum DemoData {
    public struct Login: Sendable {
        public let role: String
        public let email: String
    }

    public static let defaultPassword = "praktik-demo-2026"
    /// The demo participant's address, for the portal's e-mailed sign-in link.
    public static let participantEmail = "deltagare@praktik.demo"

    /// Jobbsprånget alone had 5,080 applicants in 2023 (seed 004); a few thousand across the units
    /// gives lists, searches and statistics a realistic load.
    static let participantCount = 4_000

    /// Loads the demo set unless the database already has users. Returns the sign-ins to print,
    /// or nil when nothing was loaded.
    public static func loadIfEmpty(_ app: Application, password: String) async throws -> [Login]? {
        guard try await User.query(on: app.db).count() == 0 else { return nil }
        let hash = try await app.password.async.hash(password)

        return try await app.db.writingTransaction { db in
            var units: [String: UUID] = [:]
            for (name, code, kind) in unitSeeds {
                let unit = OrganisationUnit(name: name, code: code, kind: kind)
                try await unit.create(on: db)
                units[code] = unit.id
            }

            var logins: [Login] = []
            var caseWorkers: [UUID: [UUID]] = [:]
            @discardableResult
            func add(_ email: String, _ name: String, _ role: Role, unit: String?, language: AppLanguage = .swedish, listed: Bool)
                async throws -> User
            {
                let user = User(
                    email: email, displayName: name, role: role, unitID: unit.flatMap { units[$0] }, language: language, passwordHash: hash)
                try await user.create(on: db)
                if listed { logins.append(Login(role: role.rawValue, email: email)) }
                if role == .caseWorker, let unitID = user.$unit.id, let id = user.id { caseWorkers[unitID, default: []].append(id) }
                return user
            }

            try await add("admin@praktik.demo", "Alva Lindqvist", .admin, unit: nil, listed: true)
            try await add("handlaggare@praktik.demo", "Samir Haddad", .caseWorker, unit: "JT-CITY", listed: true)
            try await add("arbetsgivare@praktik.demo", "Karin Ek", .employerContact, unit: nil, listed: true)
            try await add("analytiker@praktik.demo", "Jonas Berg", .analyst, unit: nil, language: .english, listed: true)

            // The rest of the staff: a few case workers per unit, names drawn deterministically.
            var generator = SeededGenerator(seed: 2026)
            let caseWorkerUnits = unitSeeds.filter { $0.2 != .district }.map(\.1)
            for index in 0..<(caseWorkerUnits.count * 4) {
                let first = firstNames[Int(generator.next() % UInt64(firstNames.count))]
                let last = lastNames[Int(generator.next() % UInt64(lastNames.count))]
                let unit = caseWorkerUnits[index % caseWorkerUnits.count]
                let email = "\(first).\(last).\(index)@praktik.demo".lowercased().folding(options: .diacriticInsensitive, locale: nil)
                try await add(email, "\(first) \(last)", .caseWorker, unit: unit, listed: false)
            }

            let sql = try db.sql
            let participantIDs = try await DemoParticipants.load(
                on: sql, units: unitSeeds.compactMap { seed in units[seed.1].map { DemoParticipants.Unit(id: $0, code: seed.1) } },
                caseWorkers: caseWorkers, now: app.clock.now(), count: participantCount)
            // The demo participant (the first record) signs in to the portal with a link sent to this
            // address; the portal creates her account then. Participants have no passwords.
            if let first = participantIDs.first, let record = try await Participant.find(first, on: db) {
                record.firstName = "Leyla"
                record.lastName = "Ahmadi"
                record.email = participantEmail
                record.searchText = Participant.searchText(firstName: "Leyla", lastName: "Ahmadi", email: participantEmail)
                record.status = ParticipantStatus.active.rawValue
                record.exitDate = nil
                record.exitReason = nil
                try await record.save(on: db)
            }

            try await DemoParticipants.loadTransferRequest(on: db, units: units, caseWorkers: caseWorkers, now: app.clock.now())

            // The employer register; its placements use the participants above.
            let demoContact = try await User.query(on: db).filter(\.$email == "arbetsgivare@praktik.demo").first()
            try await DemoEmployers.load(
                on: db, units: units, demoContactID: demoContact?.id, passwordHash: hash, today: try app.clock.today())

            // Programmes, intakes and applications at Jobbsprånget's scale, and its case worker.
            if let login = try await DemoIntake.load(
                on: db, units: units, passwordHash: hash, now: app.clock.now(), today: try app.clock.today())
            {
                logins.append(login)
            }
            // Years of finished placements with outcomes and answers, for reports with real shapes.
            try await DemoPlacements.load(on: db, clock: app.clock, today: try app.clock.today())
            // The closed intake's placed and not placed applicants 3 months on, for the comparison.
            try await DemoComparison.load(on: db, clock: app.clock, today: try app.clock.today())
            // The demo inserts placements in bulk, past `PlaceSeats.take`: count the seats they hold.
            try await PlaceSeats.recount(on: db)
            // A published matching run of the intake in matching, with offers in every state.
            try await DemoSelection.load(on: db, app: app, demoContactID: demoContact?.id)
            return logins
        }
    }

    private static let unitSeeds: [(String, String, UnitKind)] = [
        ("Jobbtorg Stockholm City", "JT-CITY", .jobCentre),
        ("Jobbtorg Järva", "JT-JARVA", .jobCentre),
        ("Jobbtorg Söderort", "JT-SODER", .jobCentre),
        ("Jobbtorg Västerort", "JT-VASTER", .jobCentre),
        ("Jobbsprånget (IVA)", "JOBBSPRANGET", .programmeOperator),
        ("Jobcenter København", "JC-KBH", .jobCentre),
        ("Rinkeby-Kista stadsdelsförvaltning", "SDF-RK", .district),
        ("Skärholmens stadsdelsförvaltning", "SDF-SKH", .district),
    ]

    private static let firstNames = [
        "Anna", "Erik", "Fatima", "Mohammed", "Sara", "Johan", "Amira", "Lars", "Elin", "Ahmed",
        "Maria", "Karl", "Nour", "Oskar", "Emma", "Yusuf", "Ida", "Ali", "Frida", "Mikael",
    ]
    private static let lastNames = [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Hassan", "Larsson", "Olsson",
        "Persson", "Ali", "Svensson", "Gustafsson", "Pettersson", "Yilmaz", "Jonsson", "Jensen",
    ]
}

/// A small deterministic generator (SplitMix64), so the demo data is the same on every machine.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
