import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

/// Search finds Swedish and Danish names whatever their case, and full names in any order, on
/// SQLite as on PostgreSQL (issue 8).
@Suite("Search")
struct SearchTests {
    @Test("participants: Öberg, ÖBERG, Åsa, a Danish spelling, a full name in either order, a person number")
    func participants() async throws {
        try await withPraktikApp { app in
            let (browser, worker) = try await Fixtures.signedIn(app, as: .caseWorker)
            let unit = try #require(try await OrganisationUnit.find(worker.$unit.id, on: app.db))
            let people: [(String, Participant)] = [
                ("Öberg", try await Fixtures.participant(app, unit: unit, firstName: "Åsa", lastName: "Öberg", email: "asa@example.se")),
                (
                    "Abdullahi",
                    try await Fixtures.participant(app, unit: unit, firstName: "Aisha", lastName: "Abdullahi", email: "a@example.se")
                ),
                ("Kjær", try await Fixtures.participant(app, unit: unit, firstName: "Søren", lastName: "Kjær", email: "s@example.dk")),
                (
                    "Warsame",
                    try await Fixtures.participant(
                        app, unit: unit, firstName: "Hodan", lastName: "Warsame",
                        personNumber: Fixtures.personNumber(year: 1991, month: 2, day: 3, serial: 456), email: "h@example.se")
                ),
            ]

            /// The people whose record the result list links to (the query itself is echoed in the form).
            func found(_ query: String) async throws -> [String] {
                let page = try await browser.get(
                    "/participants?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                return try people.filter { page.body.string.contains("href=\"/participants/\(try $0.1.requireID().uuidString)\"") }.map(\.0)
            }
            #expect(try await found("Öberg") == ["Öberg"])
            #expect(try await found("öberg") == ["Öberg"])
            #expect(try await found("ÖBERG") == ["Öberg"])
            #expect(try await found("Åsa") == ["Öberg"])
            #expect(try await found("åsa öberg") == ["Öberg"])
            #expect(try await found("Aisha Abdullahi") == ["Abdullahi"])
            #expect(try await found("Abdullahi, Aisha") == ["Abdullahi"])
            #expect(try await found("Aisha Öberg").isEmpty, "every word must match")
            #expect(try await found("Sören Kjär") == ["Kjær"], "a Swedish spelling finds the Danish name")
            #expect(try await found("KJÆR") == ["Kjær"])
            #expect(try await found("19910203") == ["Warsame"])
            #expect(try await found("910203-456") == ["Warsame"])
            #expect(try await found("hodan 19910203") == ["Warsame"])
            #expect(try await found("50%").isEmpty)
        }
    }

    @Test("an erased participant's folded names are erased with them")
    func erasure() async throws {
        try await withPraktikApp { app in
            let participant = try await Fixtures.participant(app, firstName: "Åsa", lastName: "Öberg")
            #expect(participant.searchText?.contains("öberg") == true)
            try await ErasureService(database: app.db, clock: app.clock).erase(participant, by: Fixtures.adminActor)
            #expect(try await Participant.find(participant.id, on: app.db)?.searchText == nil)
        }
    }

    @Test("employers and places: Danish letters, any case, words in any order, the number with or without its hyphen")
    func register() async throws {
        try await withPraktikApp { app in
            let unit = try await Fixtures.unit(app)
            let bakery = try await Fixtures.employer(app, name: "Østerbro Bageri ApS", number: "10150817", register: "dk")
            let ica = try await Fixtures.employer(app, name: "ICA Maxi Älvsjö", number: Fixtures.organisationNumber(4))
            _ = try await Fixtures.place(app, at: try await Fixtures.workplace(app, of: bakery), unit: unit, title: "Bagerilærling")
            _ = try await Fixtures.place(app, at: try await Fixtures.workplace(app, of: ica), unit: unit, title: "Kock")
            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            func employers(_ query: String) async throws -> [String] {
                let page = try await browser.get(
                    "/employers?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                return ["Østerbro", "ICA Maxi"].filter { page.body.string.contains($0) }
            }
            #expect(try await employers("østerbro") == ["Østerbro"])
            #expect(try await employers("ÖSTERBRO bageri") == ["Østerbro"])
            #expect(try await employers("älvsjö ica") == ["ICA Maxi"])
            #expect(try await employers("ÄLVSJÖ") == ["ICA Maxi"])
            let number = Fixtures.organisationNumber(4)
            #expect(try await employers(number) == ["ICA Maxi"])
            #expect(try await employers(number.replacingOccurrences(of: "-", with: "")) == ["ICA Maxi"])
            func places(_ query: String) async throws -> [String] {
                let page = try await browser.get("/places?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                return ["Bagerilærling", "Kock"].filter { page.body.string.contains($0) }
            }
            #expect(try await places("BAGERILÄRLING") == ["Bagerilærling"])
            #expect(try await places("kock ica") == ["Kock"], "a word of the place and a word of its employer")
            #expect(try await places("kock østerbro").isEmpty)
        }
    }

    @Test("the migration fills the folded text of rows that existed before it")
    func migrationFillsExistingRows() async throws {
        try await withPraktikApp { app in
            let participant = try await Fixtures.participant(app, firstName: "Åsa", lastName: "ÖBERG")
            let employer = try await Fixtures.employer(app, name: "Kjær Smørrebrød", number: "10150817", register: "dk")
            let sql = try app.db.sql
            // As before the migration: no participant search text, employers' lower-cased only.
            try await sql.raw("UPDATE participants SET search_text = NULL").run()
            try await sql.raw("UPDATE employers SET search_text = 'kjær smørrebrød'").run()
            try await M0221_AddParticipantSearchText.fill(on: sql)
            try await M0109_FoldEmployerAndPlaceSearchText().prepare(on: app.db)
            #expect(try await Participant.find(participant.id, on: app.db)?.searchText?.hasPrefix("åsa öberg") == true)
            #expect(try await Employer.find(employer.id, on: app.db)?.searchText.hasPrefix("kjär smörrebröd") == true)
        }
    }
}
