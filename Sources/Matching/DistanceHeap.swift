/// Min-priority queue of (distance, node) for Dijkstra searches, with lazy deletion.
///
/// Four children per node: pushes outnumber pops several times over in these searches, and a
/// shallower tree makes pushes cheaper. Ties are broken by node index so runs are deterministic.
final class DistanceHeap {
    struct Entry {
        var distance: Int64
        var node: Int32
    }

    private var entries: UnsafeMutablePointer<Entry>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = Swift.max(capacity, 16)
        entries = .allocate(capacity: self.capacity)
    }

    deinit {
        entries.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    func removeAll() { count = 0 }

    /// The smallest distance without removing it; only valid when not empty.
    var minimumDistance: Int64 { entries[0].distance }

    @inline(__always)
    private static func precedes(_ lhs: Entry, _ rhs: Entry) -> Bool {
        lhs.distance < rhs.distance || (lhs.distance == rhs.distance && lhs.node < rhs.node)
    }

    func push(_ distance: Int64, _ node: Int32) {
        if count == capacity { grow() }
        let entry = Entry(distance: distance, node: node)
        var index = count
        count += 1
        while index > 0 {
            let parent = (index - 1) >> 2
            let above = entries[parent]
            guard Self.precedes(entry, above) else { break }
            entries[index] = above
            index = parent
        }
        entries[index] = entry
    }

    /// Removes and returns the smallest entry; only valid when not empty.
    func popMin() -> Entry {
        let top = entries[0]
        count -= 1
        guard count > 0 else { return top }
        let last = entries[count]
        var index = 0
        while true {
            let first = 4 * index + 1
            if first >= count { break }
            var best = first
            var bestEntry = entries[first]
            let end = Swift.min(first + 4, count)
            var child = first + 1
            while child < end {
                let candidate = entries[child]
                if Self.precedes(candidate, bestEntry) {
                    best = child
                    bestEntry = candidate
                }
                child += 1
            }
            guard Self.precedes(bestEntry, last) else { break }
            entries[index] = bestEntry
            index = best
        }
        entries[index] = last
        return top
    }

    private func grow() {
        let larger = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
        larger.initialize(from: entries, count: count)
        entries.deallocate()
        entries = larger
        capacity *= 2
    }
}
