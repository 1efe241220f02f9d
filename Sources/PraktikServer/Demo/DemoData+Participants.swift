import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Demo participants at the seeds' scale: a few thousand people across the units, about 55% women,
/// most born outside Europe (Jobbtorg), Danish benefit groups in Copenhagen, and three years of
/// exits whose outcomes roughly follow seed 001 (a quarter to work or studies, a third referred back).
enum DemoParticipants {
    struct Unit {
        let id: UUID
        let code: String
    }

    static func load(on sql: any SQLDatabase, units: [Unit], caseWorkers: [UUID: [UUID]], now: Date, count: Int) async throws -> [UUID] {
        var generator = SeededGenerator(seed: 4711)
        func pick<T>(_ weighted: [(T, Int)]) -> T {
            let total = weighted.reduce(0) { $0 + $1.1 }
            var roll = Int(generator.next() % UInt64(total))
            for (value, weight) in weighted {
                if roll < weight { return value }
                roll -= weight
            }
            return weighted[weighted.count - 1].0
        }
        func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }

        let participantUnits = units.filter { !$0.code.hasPrefix("SDF") }
        var participantRows: [[any Encodable & Sendable]] = []
        var languageRows: [[any Encodable & Sendable]] = []
        var consentRows: [[any Encodable & Sendable]] = []
        var outcomeRows: [[any Encodable & Sendable]] = []
        var ids: [UUID] = []
        guard let today = CivilDate(now) else { return [] }
        var usedNumbers = Set<String>()

        for index in 0..<count {
            let id = UUID()
            ids.append(id)
            let unit = participantUnits[index % participantUnits.count]
            let danish = unit.code == "JC-KBH"
            let gender: Gender = pick([(.woman, 55), (.man, 43), (.other, 1), (.notStated, 1)])
            let region: BirthRegion =
                danish
                ? pick([(.sweden, 2), (.europeOutsideSweden, 50), (.outsideEurope, 48)])
                : pick([(.sweden, 30), (.europeOutsideSweden, 12), (.outsideEurope, 58)])
            let first = gender == .man ? menNames[number(0...(menNames.count - 1))] : womenNames[number(0...(womenNames.count - 1))]
            let last = lastNames[number(0...(lastNames.count - 1))]
            let birthYear = today.year - number(19...61)
            let month = number(1...12), day = number(1...28)

            var identifier: String?
            var kind = IdentifierKind.swedishPersonalNumber
            if danish {
                kind = .danishCPR
                let text = String(
                    format: "%02d%02d%02d%04d", day, month, birthYear % 100, birthYear >= 2000 ? 4000 + number(0...999) : number(0...3999))
                if let cpr = try? DanishCPRNumber(parsing: text, referenceDate: today) {
                    identifier = PersonIdentifier.danishCPR(cpr).storageValue
                }
            } else if number(0...99) < 2 {
                kind = .protected
            } else {
                let yymmdd = String(format: "%02d%02d%02d", birthYear % 100, month, day)
                let serial = String(format: "%03d", number(0...999))
                let digits = (yymmdd + serial).compactMap { Int(String($0)) }
                let check = LuhnChecksum.checkDigit(for: digits) ?? 0
                let text = String(format: "%04d", birthYear) + yymmdd.dropFirst(2) + serial + String(check)
                if let pn = try? SwedishPersonalNumber(parsing: text, referenceDate: today) {
                    identifier = PersonIdentifier.swedish(pn).storageValue
                }
            }
            if let value = identifier, !usedNumbers.insert(value).inserted { identifier = nil; kind = .foreign }

            let education: EducationLevel = pick([
                (.lessThanCompulsory, 12), (.compulsory, 25), (.upperSecondary, 33), (.postSecondaryShort, 14), (.postSecondaryLong, 13),
                (.unknown, 3),
            ])
            let benefit: BenefitType =
                danish
                ? pick([(.kontanthjaelpJobReady, 45), (.kontanthjaelpActivityReady, 35), (.dagpenge, 20)])
                : unit.code == "JOBBSPRANGET"
                    ? pick([(.aktivitetsstod, 70), (.none, 30)]) : pick([(.forsorjningsstod, 85), (.aktivitetsstod, 10), (.none, 5)])

            // Two in three have left, within the retention period (older exits would already be erased).
            let exited = number(0...2) > 0
            var exitDate: String?
            var exitReason: ExitReason?
            if exited {
                let daysAgo = number(10...700)
                exitDate = CivilDate(now.addingTimeInterval(Double(-daysAgo) * 86400))?.description
                exitReason = pick([
                    (.work, 18), (.studies, 6), (.referredBack, 33), (.otherProgramme, 15), (.illness, 8), (.movedAway, 5),
                    (.ownRequest, 5), (.noContact, 7), (.other, 3),
                ])
            }
            let responsible = caseWorkers[unit.id].flatMap { $0.isEmpty ? nil : $0[index % $0.count] }
            let created = now.addingTimeInterval(Double(-number(400...(4 * 365))) * 86400)
            let email = "\(first).\(last).\(index)@example.se".lowercased().folding(options: .diacriticInsensitive, locale: nil)
            participantRows.append([
                id, unit.id, responsible, first, last, email,
                "07\(number(0...9))-\(number(100...999)) \(number(10...99)) \(number(10...99))", kind.rawValue, identifier, birthYear,
                gender.rawValue, region.rawValue, education.rawValue, benefit.rawValue,
                exited ? ParticipantStatus.exited.rawValue : ParticipantStatus.active.rawValue, exitDate, exitReason?.rawValue, created,
                created, Participant.searchText(firstName: first, lastName: last, email: email),
            ])

            let home: SpokenLanguage =
                danish
                ? pick([(.da, 10), (.ar, 25), (.so, 15), (.tr, 15), (.pl, 15), (.uk, 20)])
                : region == .sweden ? .sv : pick([(.ar, 30), (.so, 20), (.fa, 12), (.ti, 10), (.pl, 6), (.es, 6), (.ku, 6), (.uk, 10)])
            languageRows.append([UUID(), id, home.rawValue, LanguageLevel.native.rawValue])
            if home != .sv, !danish {
                languageRows.append([
                    UUID(), id, SpokenLanguage.sv.rawValue,
                    pick([(LanguageLevel.a1, 15), (.a2, 25), (.b1, 30), (.b2, 20), (.c1, 10)]).rawValue,
                ])
            }
            if number(0...99) < 45 {
                languageRows.append([
                    UUID(), id, SpokenLanguage.en.rawValue, pick([(LanguageLevel.a2, 20), (.b1, 40), (.b2, 30), (.c1, 10)]).rawValue,
                ])
            }

            var sequence = 0
            for (purpose, share) in [(BuiltInConsentPurpose.programmePartners, 85), (.employerProfile, 65), (.postExitFollowUp, 55)]
            where number(0...99) < share {
                sequence += 1
                consentRows.append([
                    UUID(), id, purpose.rawValue, ConsentAction.given.rawValue,
                    pick([(ConsentChannel.webForm, 60), (.paper, 30), (.phone, 10)]).rawValue, 1, created, nil as UUID?, sequence,
                ])
            }
            // The ledger's counter, which `ConsentService.record` continues from.
            participantRows[participantRows.count - 1].append(sequence)
            if exited, let reason = exitReason {
                let status: OutcomeStatus =
                    switch reason {
                    case .work: pick([(.work, 80), (.subsidisedWork, 20)])
                    case .studies: .studies
                    case .referredBack: .referredBack
                    case .otherProgramme: .otherProgramme
                    default: .unknown
                    }
                outcomeRows.append([
                    UUID(), id, OutcomeHorizon.atExit.rawValue, status.rawValue, status == .work ? number(0...1) == 0 : nil as Bool?,
                    OutcomeSource.caseWorker.rawValue, created, nil as UUID?,
                ])
            }
        }

        try await insert(
            sql, Participant.schema,
            [
                "id", "unit_id", "responsible_user_id", "first_name", "last_name", "email", "phone", "identifier_kind", "person_identifier",
                "birth_year", "gender", "birth_region", "education_level", "benefit_type", "status", "exit_date", "exit_reason",
                "created_at", "updated_at", "search_text", "consent_sequence",
            ], participantRows)
        try await insert(sql, ParticipantLanguage.schema, ["id", "participant_id", "language", "level"], languageRows)
        try await insert(
            sql, ConsentEvent.schema,
            ["id", "participant_id", "purpose_code", "action", "channel", "text_version", "occurred_at", "recorded_by", "sequence"],
            consentRows)
        try await insert(
            sql, OutcomeRecord.schema,
            ["id", "participant_id", "horizon", "status", "employer_is_host", "source", "recorded_at", "recorded_by"], outcomeRows)
        return ids
    }

    /// A request from Järva for a person Stockholm City holds, waiting, so that the demo case
    /// worker's start page and the transfer page show what the unit that holds a person sees.
    static func loadTransferRequest(on db: any Database, units: [String: UUID], caseWorkers: [UUID: [UUID]], now: Date) async throws {
        guard let city = units["JT-CITY"], let jarva = units["JT-JARVA"], let asker = caseWorkers[jarva]?.first,
            let person = try await Participant.query(on: db).filter(\.$unit.$id == city)
                .filter(\.$status == ParticipantStatus.active.rawValue).filter(\.$email != DemoData.participantEmail)
                .sort(\.$lastName).sort(\.$firstName).first()
        else { return }
        let transfer = ParticipantTransfer()
        transfer.$participant.id = try person.requireID()
        transfer.$toUnit.id = jarva
        transfer.$requestedBy.id = asker
        transfer.requestedAt = now.addingTimeInterval(-2 * 86400)
        transfer.status = TransferStatus.pending.rawValue
        try await transfer.create(on: db)
    }

    /// The demo's short form of `BulkInsert.insert`.
    static func insert(_ sql: any SQLDatabase, _ table: String, _ columns: [String], _ rows: [BulkInsert.Row]) async throws {
        try await BulkInsert.insert(into: table, columns: columns, rows: rows, on: sql)
    }

    static let womenNames = [
        "Amina", "Fatima", "Hodan", "Leyla", "Sara", "Maryam", "Zahra", "Anna", "Elin", "Nour", "Rahel", "Marta", "Yasmin", "Hanna",
        "Aisha", "Ikram", "Selam", "Dilan", "Olena", "Ewa",
    ]
    static let menNames = [
        "Ahmed", "Mohammed", "Yonas", "Ali", "Omar", "Erik", "Johan", "Hassan", "Abdi", "Karim", "Mehmet", "Dawit", "Samir", "Jonas",
        "Bilal", "Tesfay", "Andriy", "Piotr", "Reza", "Mustafa",
    ]
    static let lastNames = [
        "Mohamed", "Ali", "Hassan", "Ahmadi", "Warsame", "Tesfaye", "Yilmaz", "Andersson", "Johansson", "Karimi", "Haile", "Nielsen",
        "Jensen", "Kowalski", "Shevchenko", "Osman", "Rahimi", "Lindberg", "Gebremedhin", "Abdullahi",
    ]
}
