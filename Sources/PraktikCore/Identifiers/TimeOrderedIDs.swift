import Foundation

/// UUIDs that sort in the order they were made (RFC 9562 version 7): the time the sequence began
/// in milliseconds, then 12 random bits, then a 62-bit counter that starts at a random value below
/// 2^61 and counts up. A bulk import makes hundreds of thousands of rows at once; with random
/// (version 4) ids every insert lands on a different page of every index on an id, and once the
/// indexes outgrow the page cache each insert reads a page from disk. Ids from one sequence go to
/// the end of those indexes instead. Unique as version 4 ids are, in practice: two sequences begun
/// in the same millisecond share their 12 random bits and overlapping counters with a chance of
/// about 2^-12 × n / 2^61 for n ids.
public struct TimeOrderedIDs: Sendable {
    private let prefix: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)
    private var counter: UInt64

    public init(now: Date = Date()) {
        var random = SystemRandomNumberGenerator()
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        let randomA = UInt16.random(in: 0...0x0FFF, using: &random)
        prefix = (
            UInt8(truncatingIfNeeded: millis >> 40), UInt8(truncatingIfNeeded: millis >> 32), UInt8(truncatingIfNeeded: millis >> 24),
            UInt8(truncatingIfNeeded: millis >> 16), UInt8(truncatingIfNeeded: millis >> 8), UInt8(truncatingIfNeeded: millis),
            0x70 | UInt8(randomA >> 8), UInt8(truncatingIfNeeded: randomA)
        )
        counter = UInt64.random(in: 0..<(1 << 61), using: &random)
    }

    /// The next id: larger than every id this sequence made before.
    public mutating func next() -> UUID {
        let id = id(at: 0)
        counter &+= 1
        return id
    }

    /// Sets aside the next `count` ids for a write that makes them out of order or from several
    /// places, and returns a sequence that begins with the first of them (`id(at:)` reads any of
    /// them); this sequence goes on after the last.
    public mutating func reserve(_ count: Int) -> TimeOrderedIDs {
        let reserved = self
        counter &+= UInt64(max(0, count))
        return reserved
    }

    /// The id `offset` places after the one `next()` would make now, without making it: larger
    /// for a larger offset, so rows given ids by position have ids in their order.
    public func id(at offset: Int) -> UUID {
        let value = counter &+ UInt64(max(0, offset))
        let (p0, p1, p2, p3, p4, p5, p6, p7) = prefix
        return UUID(
            uuid: (
                p0, p1, p2, p3, p4, p5, p6, p7,
                0x80 | UInt8(truncatingIfNeeded: (value >> 56) & 0x3F), UInt8(truncatingIfNeeded: value >> 48),
                UInt8(truncatingIfNeeded: value >> 40), UInt8(truncatingIfNeeded: value >> 32), UInt8(truncatingIfNeeded: value >> 24),
                UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)
            ))
    }
}
