import Foundation
import Testing

@testable import PraktikServer

/// `UUIDText` replaces Foundation's UUID text conversions on the hot paths; it must answer as they do.
@Suite("UUID text")
struct UUIDTextTests {
    @Test("reads what Foundation reads, in either case, and writes what uuidString writes")
    func sameAsFoundation() {
        var ids = (0..<2_000).map { _ in UUID() }
        ids += [
            UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
            UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255)),
        ]
        for id in ids {
            #expect(UUIDText.format(id) == id.uuidString)
            #expect(UUIDText.parse(id.uuidString) == id)
            #expect(UUIDText.parse(id.uuidString.lowercased()) == id)
        }
    }

    /// Stricter than Foundation on Linux, whose `sscanf` skips spaces and reads a short last group
    /// (" E621E1F8-C36C-495A-93FC-0C247A3E6E5" comes back as a UUID ending in 05).
    @Test(
        "refuses text that is not a UUID's 36 characters",
        arguments: [
            "", "not a uuid", "E621E1F8-C36C-495A-93FC-0C247A3E6E5", "E621E1F8-C36C-495A-93FC-0C247A3E6E5FF",
            "E621E1F8C36C-495A-93FC-0C247A3E6E5F0", "E621E1F8-C36C-495A-93FC-0C247A3E6E5G", "E621E1F8-C36C-495A-93FC+0C247A3E6E5F",
            "{E621E1F8-C36C-495A-93FC-0C247A3E6E5F}", "E621E1F8-C36C-495A-93FC-0C247A3E6E5\u{00C5}", " E621E1F8-C36C-495A-93FC-0C247A3E6E5",
        ])
    func refuses(_ text: String) {
        #expect(UUIDText.parse(text) == nil)
    }
}
