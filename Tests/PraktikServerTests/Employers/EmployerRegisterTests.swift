import Fluent
import Foundation
import PraktikCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Employer register")
struct EmployerRegisterTests {
    let form: [String: String] = [
        "name": "Ek Bygg AB", "register": "se", "number": "556016-0680", "sector": "private", "industry": "Bygg", "employees": "40",
    ]

    @Test("a case worker registers an employer; it is audited and listed")
    func register() async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            try await browser.get("/employers/new")
            let before = try await Fixtures.auditCount(app)
            let created = try await browser.post("/employers", form: form)
            #expect(created.status == .seeOther)
            let employer = try #require(try await Employer.query(on: app.db).first())
            #expect(employer.identifier == "SE:556016-0680")
            #expect(employer.employees == 40)
            #expect(try await Fixtures.auditCount(app) == before + 1)
            let list = try await browser.get("/employers?q=ek+bygg")
            #expect(list.body.string.contains("Ek Bygg AB"))
            #expect(list.body.string.contains("556016-0680"))
        }
    }

    @Test("the same number twice is refused with a link to the employer already registered")
    func duplicate() async throws {
        try await withPraktikApp { app in
            let existing = try await Fixtures.employer(app, name: "Ek Bygg AB")
            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            try await browser.get("/employers/new")
            var second = form
            second["name"] = "Eek Byggare"
            second["number"] = "5560160680"  // the same number without the hyphen
            let response = try await browser.post("/employers", form: second)
            #expect(response.status == .conflict)
            #expect(response.body.string.contains("/employers/\(try existing.requireID().uuidString)"))
            #expect(response.body.string.contains("Numret finns redan i registret"))
            #expect(try await Employer.query(on: app.db).count() == 1)
        }
    }

    @Test(
        "number validation through the form",
        arguments: [
            ("se", "", "556016-0680", true),
            ("se", "", "556016-0681", false),  // wrong check digit
            ("se", "", "55601606", false),  // wrong length
            ("se", "", "55601A-0680", false),  // letters
            ("se", "", "121212-1212", true),  // Skatteverket's test personnummer: a sole trader
            ("se", "", "000000-0000", false),  // all zeros: neither organisation nor person
            ("dk", "", "10150817", true),
            ("dk", "", "10150818", false),
            ("dk", "", "01234560", false),
            ("foreign", "NO", "923609016", true),
            ("foreign", "SE", "556016-0680", false),  // a Swedish number must be validated as one
        ])
    func numbers(register: String, country: String, number: String, accepted: Bool) async throws {
        try await withPraktikApp { app in
            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            try await browser.get("/employers/new")
            var fields = form
            fields["register"] = register
            fields["country"] = country
            fields["number"] = number
            let response = try await browser.post("/employers", form: fields)
            #expect((response.status == .seeOther) == accepted, "\(register) \(number): \(response.status)")
            #expect(try await Employer.query(on: app.db).count() == (accepted ? 1 : 0))
            if !accepted { #expect(response.body.string.contains("aria-invalid=\"true\"")) }
        }
    }

    @Test("a sole trader's personnummer is masked in the list")
    func soleTraderMasked() async throws {
        try await withPraktikApp { app in
            _ = try await Fixtures.employer(app, name: "Anna Frisör", number: "121212-1212")
            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            let list = try await browser.get("/employers")
            #expect(list.body.string.contains("121212-****"))
            #expect(!list.body.string.contains("121212-1212"))
            // The edit form shows the whole number, and that view is logged.
            let employer = try #require(try await Employer.query(on: app.db).first())
            let before = try await Fixtures.auditCount(app)
            let form = try await browser.get("/employers/\(try employer.requireID().uuidString)/edit")
            #expect(form.body.string.contains("121212-1212"))
            #expect(try await Fixtures.auditCount(app) == before + 1)
        }
    }

    @Test("the list filters, sorts and pages in SQL")
    func listing() async throws {
        try await withPraktikApp { app in
            let numbers = (1...5).map(Fixtures.organisationNumber)
            for (index, number) in numbers.enumerated() {
                let employer = try await Fixtures.employer(
                    app, name: "Företag \(["Ö", "Å", "A", "B", "C"][index])", number: number, sector: index < 2 ? .public : .private)
                _ = try await Fixtures.workplace(app, of: employer, district: index == 0 ? "Skärholmen" : "Kista")
            }
            let directory = EmployerDirectory(sql: try app.db.sql)
            let sort = SQLSort(requested: "-name", allowed: EmployerDirectory.sortColumns, default: "name")
            let (rows, total) = try await directory.page(.init(sector: .private), sort: sort, limit: 2, offset: 0)
            #expect(total == 3)
            #expect(rows.map(\.name) == ["Företag C", "Företag B"])
            let (inDistrict, districtTotal) = try await directory.page(.init(district: "Skärholmen"), sort: sort, limit: 10, offset: 0)
            #expect(districtTotal == 1)
            #expect(inDistrict.first?.name == "Företag Ö")
            // Search is case-insensitive for å, ä and ö too.
            let (found, _) = try await directory.page(.init(search: "företag å"), sort: sort, limit: 10, offset: 0)
            #expect(found.map(\.name) == ["Företag Å"])
            // A sort key outside the whitelist falls back to the name.
            let injected = SQLSort(requested: "name; DROP TABLE employers", allowed: EmployerDirectory.sortColumns, default: "name")
            #expect(injected.key == "name")
        }
    }

    @Test("workplaces: a P-number is validated and the same address twice is refused")
    func workplaces() async throws {
        try await withPraktikApp { app in
            let employer = try await Fixtures.employer(app)
            let (browser, _) = try await Fixtures.signedIn(app, as: .caseWorker)
            let path = "/employers/\(try employer.requireID().uuidString)/workplaces"
            try await browser.get(path + "/new")
            let bad = try await browser.post(path, form: ["address": "Vesterbrogade 1", "pNumber": "012345678"])
            #expect(bad.status == .badRequest)
            let good = try await browser.post(path, form: ["address": "Vesterbrogade 1", "pNumber": "1000000000", "district": "Vesterbro"])
            #expect(good.status == .seeOther)
            let again = try await browser.post(path, form: ["address": "vesterbrogade  1", "pNumber": ""])
            #expect(again.status == .seeOther)  // no P-number: matched on the address, which differs from "p:"-keyed one
            let duplicate = try await browser.post(path, form: ["address": "Vesterbrogade 1", "pNumber": ""])
            #expect(duplicate.status == .conflict, "a value another record holds is a conflict")
            #expect(try await Workplace.query(on: app.db).count() == 2)
        }
    }
}
