import Fluent
import Foundation
import PraktikCore
import Testing
import Vapor
import VaporTesting

@testable import PraktikServer

@Suite("Audit log page")
struct AuditPageTests {
    @Test("record kinds are named and linked, actors described, details in words; no id or code on the page")
    func readable() async throws {
        try await withPraktikApp { app in
            let (admin, _) = try await Fixtures.signedIn(app, as: .admin)
            let participant = try await Fixtures.participant(app)
            let id = try participant.requireID()
            try await admin.get("/participants/\(id)")
            try await admin.post(
                "/participants/\(id)/consents", form: ["purpose": "employer_profile", "action": "given", "channel": "paper"])

            let html = try await admin.get("/admin/audit").body.string
            let text = ParticipantHistoryTests.text(html)
            #expect(html.contains(#"<a href="/participants/\#(id.uuidString)">Deltagare</a>"#))
            #expect(text.contains("Profil synlig för arbetsgivare: Gav samtycke"))
            #expect(!ParticipantHistoryTests.containsUUID(text))
            #expect(!text.contains("employer_profile"))
            #expect(!text.contains("import_batch"))
            #expect(!text.contains(" user "))
            // The record-kind filter is a list of names.
            #expect(html.contains(#"<option value="import_batch">Import</option>"#))
        }
    }

    @Test("every record kind and detail pattern has words")
    func detailWords() throws {
        let translations = try Translations.load(from: packageRoot + "Resources/Locales")
        let detail = AuditDetail { key, arguments in translations.text(for: key, in: .english, arguments: arguments) }
        #expect(detail.describe("changed=email,phone") == "Changed: E-mail, Phone")
        #expect(detail.describe("status=proposed->open").contains("→"))
        #expect(detail.describe("user=0F3C2B4A-1111-2222-3333-444455556666") == "")
        #expect(detail.describe("exit reason=work").hasPrefix("Exit: "))
        #expect(detail.describe("something_internal=1") == "")
        for language in AppLanguage.allCases {
            let missing = AuditRecordKind.allCases.map(\.nameKey).filter { !translations.keys(in: language).contains($0) }
            #expect(missing.isEmpty, "\(language): \(missing)")
        }
    }
}
