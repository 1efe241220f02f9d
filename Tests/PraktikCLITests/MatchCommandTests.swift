import Foundation
import Testing

/// `praktik match` as a user runs it: the real binary, real files, exit status and output.
@Suite("praktik match command line")
struct MatchCommandTests {
    /// The `praktik` binary next to this test bundle (the test target depends on it, so it is built).
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("praktik")
    }

    struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            output: String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            errors: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    func files(postings: String, edges: String) throws -> (URL, URL, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("praktik-match-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let p = folder.appendingPathComponent("postings.csv"), e = folder.appendingPathComponent("edges.csv")
        try postings.write(to: p, atomically: true, encoding: .utf8)
        try edges.write(to: e, atomically: true, encoding: .utf8)
        return (p, e, folder.appendingPathComponent("out.csv"))
    }

    @Test("solves a small round, writes the assignment and one JSON line")
    func solves() throws {
        // Greedy would give a0 the 9 at P1 and leave a1 without a seat; the optimum fills both.
        let (p, e, out) = try files(
            postings: "posting,capacity\nP1,1\nP2,1\n", edges: "applicant,posting,score\na0,P1,9\na0,P2,8\na1,P1,7\n")
        let result = try run(["match", "--postings", p.path, "--edges", e.path, "--out", out.path])
        #expect(result.status == 0, "\(result.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["filled"] as? Int == 2)
        #expect((json["total_score"] as? NSNumber)?.doubleValue == 15)
        #expect(json["seconds"] != nil)
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "applicant,posting")
        #expect(Set(lines.dropFirst()) == ["a0,P2", "a1,P1"])
    }

    @Test("a bad file is named with its line, and the exit status is non-zero")
    func malformed() throws {
        let (p, e, _) = try files(postings: "posting,capacity\nP1,1\n", edges: "applicant,posting,score\na0,P1,9\na1,P7,3\n")
        let result = try run(["match", "--postings", p.path, "--edges", e.path])
        #expect(result.status != 0)
        #expect(result.errors.contains("line 3"), "\(result.errors)")
        #expect(result.errors.contains("P7"))
        #expect(result.output.isEmpty)

        let (p2, e2, _) = try files(postings: "posting,capacity\nP1,many\n", edges: "applicant,posting,score\n")
        let capacity = try run(["match", "--postings", p2.path, "--edges", e2.path])
        #expect(capacity.status != 0)
        #expect(capacity.errors.contains("line 2"), "\(capacity.errors)")
    }

    @Test("shortlists respect the per-applicant cap")
    func shortlists() throws {
        let edges = (0..<4).flatMap { a in (1...3).map { "a\(a),P\($0),\(10 - a)" } }.joined(separator: "\n")
        let (p, e, out) = try files(postings: "posting,capacity\nP1,1\nP2,1\nP3,1\n", edges: "applicant,posting,score\n" + edges + "\n")
        let result = try run([
            "match", "--postings", p.path, "--edges", e.path, "--mode", "shortlist", "--k", "2", "--b", "1", "--out", out.path,
        ])
        #expect(result.status == 0, "\(result.errors)")
        let rows = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").dropFirst()
        let perApplicant = Dictionary(grouping: rows, by: { $0.split(separator: ",")[0] })
        #expect(perApplicant.values.allSatisfy { $0.count <= 1 })
        #expect(rows.count == 4, "4 applicants, one list each, 6 slots")
    }
}
