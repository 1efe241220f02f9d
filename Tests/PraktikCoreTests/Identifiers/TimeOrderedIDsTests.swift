import Foundation
import PraktikCore
import Testing

@Suite("Time-ordered ids (UUID version 7)")
struct TimeOrderedIDsTests {
    @Test("each id is a version 7 UUID with RFC 9562's variant, carrying the sequence's start in milliseconds")
    func layout() {
        let start = Date(timeIntervalSince1970: 1_764_806_400.123)  // 2025-12-04 00:00:00.123 UTC
        var ids = TimeOrderedIDs(now: start)
        let bytes = ids.next().uuid
        #expect(bytes.6 >> 4 == 7)
        #expect(bytes.8 >> 6 == 0b10)
        let millis = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(millis == 1_764_806_400_123)
    }

    @Test("ids sort in the order they were made, as bytes and as the text SQLite stores")
    func ordered() {
        var ids = TimeOrderedIDs()
        let made = (0..<10_000).map { _ in ids.next() }
        #expect(Set(made).count == made.count)
        let texts = made.map(\.uuidString)
        #expect(texts == texts.sorted())
        #expect(zip(texts, texts.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("two sequences begun at the same moment make different ids")
    func distinctSequences() {
        let now = Date()
        var first = TimeOrderedIDs(now: now)
        var second = TimeOrderedIDs(now: now)
        let a = Set((0..<1_000).map { _ in first.next() })
        let b = Set((0..<1_000).map { _ in second.next() })
        #expect(a.isDisjoint(with: b))
    }

    @Test("reserved ids are the ones the sequence would have made, read by position, and the sequence goes on after them")
    func reserved() {
        var ids = TimeOrderedIDs()
        var copy = ids
        let expected = (0..<300).map { _ in copy.next() }
        let first = ids.reserve(100)
        let second = ids.reserve(200)
        #expect((0..<100).map { first.id(at: $0) } == Array(expected[0..<100]))
        #expect((0..<200).map { second.id(at: $0) } == Array(expected[100..<300]))
        #expect(ids.next() == copy.next())
        // Reading does not make: a reserved range's first id is still its sequence's next.
        var fromFirst = first
        #expect(fromFirst.next() == expected[0])
    }
}
