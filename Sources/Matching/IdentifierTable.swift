/// Interns identifiers given as raw bytes and numbers them in order of first appearance.
///
/// The edges file of a large round has tens of millions of lines; looking ids up by their bytes in
/// an open-addressing table avoids creating a `String` per line.
struct IdentifierTable: Sendable {
    private var storage: [UInt8] = []
    /// Identifier `i` is `storage[offsets[i] ..< offsets[i + 1]]`.
    private var offsets: [Int] = [0]
    /// Open addressing with linear probing; -1 marks an empty slot.
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    var count: Int { offsets.count - 1 }

    /// The index of `key`, or nil when it was never inserted.
    func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        while true {
            let found = slots[slot]
            if found < 0 { return nil }
            if matches(Int(found), key) { return Int(found) }
            slot = (slot + 1) & mask
        }
    }

    /// The index of `key`, inserting it when new; `inserted` tells which.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        if (count + 1) * 2 > slots.count { rehash(to: slots.count * 2) }
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        while true {
            let found = slots[slot]
            if found < 0 { break }
            if matches(Int(found), key) { return (Int(found), false) }
            slot = (slot + 1) & mask
        }
        let index = count
        slots[slot] = Int32(index)
        storage.append(contentsOf: key)
        offsets.append(storage.count)
        return (index, true)
    }

    func identifier(at index: Int) -> String {
        String(decoding: storage[offsets[index]..<offsets[index + 1]], as: UTF8.self)
    }

    var identifiers: [String] { (0..<count).map(identifier(at:)) }

    @inline(__always)
    private func matches(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = offsets[index]
        guard offsets[index + 1] - first == key.count else { return false }
        for offset in 0..<key.count where storage[first + offset] != key[offset] { return false }
        return true
    }

    private mutating func rehash(to size: Int) {
        slots = Array(repeating: -1, count: size)
        let mask = size - 1
        storage.withUnsafeBufferPointer { all in
            for index in 0..<count {
                let key = UnsafeBufferPointer(rebasing: all[offsets[index]..<offsets[index + 1]])
                var slot = Self.hash(key) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index)
            }
        }
    }

    /// FNV-1a, with a final mix so that short numeric ids spread over the low bits.
    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> Int {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            value ^= UInt64(byte)
            value &*= 0x100_0000_01b3
        }
        value ^= value >> 29
        value &*= 0xbf58_476d_1ce4_e5b9
        value ^= value >> 32
        return Int(truncatingIfNeeded: value)
    }
}
