import Testing

@testable import Matching

@Suite struct PortableInstanceFormatTests {
    let postings = "posting,capacity\nP1,2\nP2,1\n"

    private func read(_ postings: String, _ edges: String) throws(MatchingInstanceError) -> PortableInstance {
        try PortableInstanceFormat.read(postings: Array(postings.utf8), edges: Array(edges.utf8))
    }

    private func error(_ postings: String, _ edges: String) -> MatchingInstanceError? {
        do {
            _ = try read(postings, edges).makeMatchingInstance()
            return nil
        } catch {
            return error
        }
    }

    @Test func readsIdsCapacitiesAndScores() throws {
        let portable = try read(postings, "applicant,posting,score\nann,P2,7\nbo,P1,3\nann,P1,5\n")
        #expect(portable.postingIDs == ["P1", "P2"])
        #expect(portable.applicantIDs == ["ann", "bo"])
        #expect(portable.capacities == [2, 1])
        let round = try portable.makeMatchingInstance()
        #expect(round.score(applicant: 0, posting: 1) == 7)
        #expect(round.score(applicant: 0, posting: 0) == 5)
        #expect(round.score(applicant: 1, posting: 0) == 3)
        #expect(round.score(applicant: 1, posting: 1) == nil)
    }

    @Test func scalesDecimalScoresExactly() throws {
        let portable = try read(postings, "applicant,posting,score\na,P1,12\nb,P1,3.25\nc,P2,-0.5\nd,P2,7.10\n")
        #expect(portable.scoreDecimals == 2)
        let round = try portable.makeMatchingInstance()
        #expect(round.allPairs.map(\.score) == [1200, 325, -50, 710])
        #expect(portable.scoreText(1200 + 325) == "15.25")
        #expect(portable.scoreText(-50) == "-0.5")
        #expect(portable.scoreText(1200) == "12")
    }

    @Test func acceptsQuotesCarriageReturnsBlankLinesAndByteOrderMark() throws {
        let portable = try read(
            "\u{FEFF}posting,capacity\r\n\"P, one\",1\r\n\r\nP2 , 2\r\n",
            "applicant,posting,score\n\n\"x \"\"y\"\"\",\"P, one\",4\n  z ,P2, 5 \n")
        #expect(portable.postingIDs == ["P, one", "P2"])
        #expect(portable.applicantIDs == ["x \"y\"", "z"])
        #expect(portable.capacities == [1, 2])
        let csv = PortableInstanceFormat.csv(
            for: Assignment(placements: [Placement(applicant: 0, posting: 0, score: 4)]), in: portable)
        #expect(csv == "applicant,posting\n\"x \"\"y\"\"\",\"P, one\"\n")
    }

    @Test func zeroPostingsAndNoPairsAreValid() throws {
        let portable = try read("posting,capacity\n", "applicant,posting,score\n")
        let round = try portable.makeMatchingInstance()
        #expect(round.postingCount == 0)
        #expect(round.applicantCount == 0)
    }

    @Test func missingHeaderNamesLineOne() {
        let found = error("P1,2\n", "applicant,posting,score\n")
        #expect(
            found
                == MatchingInstanceError(file: .postings, line: 1, reason: .missingHeader(expected: "posting,capacity"))
        )
        let edges = error(postings, "a,P1,3\n")
        #expect(edges?.file == .edges)
        #expect(edges?.line == 1)
    }

    @Test func emptyFilesAreRejected() {
        #expect(error("", "applicant,posting,score\n")?.reason == .emptyFile)
        #expect(error(postings, " \n\n")?.reason == .emptyFile)
        #expect(error(postings, "")?.file == .edges)
    }

    @Test func wrongColumnCountNamesTheLine() {
        let found = error(postings, "applicant,posting,score\na,P1,3\nb,P1\n")
        #expect(found == MatchingInstanceError(file: .edges, line: 3, reason: .wrongColumnCount(expected: 3, found: 2)))
        let extra = error("posting,capacity\nP1,1,9\n", "applicant,posting,score\n")
        #expect(
            extra == MatchingInstanceError(file: .postings, line: 2, reason: .wrongColumnCount(expected: 2, found: 3)))
    }

    @Test func nonNumericAndNegativeCapacities() {
        #expect(
            error("posting,capacity\nP1,two\n", "applicant,posting,score\n")
                == MatchingInstanceError(file: .postings, line: 2, reason: .invalidCapacity("two")))
        #expect(
            error("posting,capacity\nP1,1\nP2,-3\n", "applicant,posting,score\n")
                == MatchingInstanceError(file: .postings, line: 3, reason: .negativeCapacity("-3")))
        #expect(error("posting,capacity\nP1,1.5\n", "applicant,posting,score\n")?.reason == .invalidCapacity("1.5"))
    }

    @Test func nonNumericScores() {
        for bad in ["high", "", "1.2.3", "-", "1e3", "0x10"] {
            let found = error(postings, "applicant,posting,score\na,P1,1\nb,P1,\(bad)\n")
            #expect(found?.line == 3, "score \(bad)")
            #expect(found?.file == .edges)
        }
        #expect(error(postings, "applicant,posting,score\na,P1,0.0000001\n")?.reason == .scoreOutOfRange("0.0000001"))
        #expect(error(postings, "applicant,posting,score\na,P1,99999999999\n")?.line == 2)
    }

    @Test func unknownPostingInEdges() {
        let found = error(postings, "applicant,posting,score\na,P1,1\n\nb,P9,2\n")
        #expect(found == MatchingInstanceError(file: .edges, line: 4, reason: .unknownPosting("P9")))
    }

    @Test func duplicatePairNamesTheSecondLine() {
        let found = error(postings, "applicant,posting,score\na,P1,1\nb,P1,2\n\na,P2,3\na,P1,4\n")
        #expect(
            found == MatchingInstanceError(file: .edges, line: 6, reason: .duplicatePair(applicant: "a", posting: "P1"))
        )
        let unordered = error(postings, "applicant,posting,score\nb,P1,2\na,P1,1\nb,P2,3\nb,P1,4\n")
        #expect(unordered?.line == 5)
    }

    @Test func duplicatePostingAndEmptyIds() {
        #expect(
            error("posting,capacity\nP1,1\nP1,2\n", "applicant,posting,score\n")
                == MatchingInstanceError(file: .postings, line: 3, reason: .duplicatePosting("P1")))
        #expect(error(postings, "applicant,posting,score\n,P1,1\n")?.reason == .emptyField(column: "applicant"))
    }

    @Test func streamingInTinyChunksGivesTheSameInstance() throws {
        let edges = "applicant,posting,score\nann,P2,7\r\nbo,P1,3.5\nann,P1,5"
        var reader = PortableEdgesReader(postings: try PortablePostings(Array(postings.utf8)))
        for byte in Array(edges.utf8) {
            try [byte].withUnsafeBufferPointer { (chunk) throws(MatchingInstanceError) in try reader.read(chunk) }
        }
        let streamed = try reader.finish()
        let whole = try read(postings, edges)
        #expect(streamed.applicantIDs == whole.applicantIDs)
        #expect(try streamed.makeMatchingInstance().allPairs == whole.makeMatchingInstance().allPairs)
    }

    @Test func errorsDescribeFileLineAndReason() {
        let described = MatchingInstanceError(file: .edges, line: 12, reason: .invalidScore("x")).description
        #expect(described == "edges file, line 12: score \"x\" is not a number")
    }
}
