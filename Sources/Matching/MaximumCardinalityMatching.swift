/// The most seats any assignment can fill, ignoring scores (Hopcroft–Karp with seat capacities).
///
/// Cheap next to the scored solve: it needs no costs and finds many augmenting paths per phase.
/// Candidate pruning keeps the pairs of one maximum matching so that the pruned graph can still
/// fill every seat the whole graph can.
public enum MaximumCardinalityMatching {
    /// A maximum-cardinality assignment of `instance` (scores are carried along, not optimised).
    public static func assignment(for instance: MatchingInstance) -> Assignment {
        var matcher = CardinalityMatcher(instance: instance)
        matcher.seedGreedily()
        matcher.augmentToMaximum()
        return matcher.assignment()
    }
}

/// Hopcroft–Karp over an instance's applicant-major pairs.
///
/// Postings with capacity c are c seats sharing one adjacency; a posting with a spare seat ends an
/// augmenting path, a full one leads on to the applicants in its seats.
struct CardinalityMatcher {
    let instance: MatchingInstance
    /// The pair (index into the instance's pair arrays) each applicant is matched by, or -1.
    var matchedPair: [Int32]
    /// Seats of posting p are `seatStart[p] ..< seatStart[p] + capacity`; `seatHolder` holds applicants.
    let seatStart: [Int]
    var seatHolder: [Int32]
    var seatsTaken: [Int32]
    private(set) var matchedCount = 0

    init(instance: MatchingInstance) {
        self.instance = instance
        matchedPair = Array(repeating: -1, count: instance.applicantCount)
        var starts = [Int](repeating: 0, count: instance.postingCount + 1)
        for posting in 0..<instance.postingCount {
            starts[posting + 1] = starts[posting] + instance.postingCapacities[posting]
        }
        seatStart = starts
        seatHolder = Array(repeating: -1, count: starts[instance.postingCount])
        seatsTaken = Array(repeating: 0, count: instance.postingCount)
    }

    /// Gives applicants with the fewest pairs their pick first, each taking the posting with a spare
    /// seat that the fewest applicants compete for: a cheap start that leaves few augmenting paths.
    mutating func seedGreedily() {
        let applicantCount = instance.applicantCount
        var demand = [Int32](repeating: 0, count: instance.postingCount)
        for posting in instance.pairPosting { demand[Int(posting)] += 1 }
        var byDegree = [Int](repeating: 0, count: 1)
        for applicant in 0..<applicantCount {
            let degree = instance.pairStart[applicant + 1] - instance.pairStart[applicant]
            if degree + 2 > byDegree.count { byDegree += Array(repeating: 0, count: degree + 2 - byDegree.count) }
            byDegree[degree + 1] += 1
        }
        for degree in 1..<byDegree.count { byDegree[degree] += byDegree[degree - 1] }
        var order = [Int32](repeating: 0, count: applicantCount)
        for applicant in 0..<applicantCount {
            let degree = instance.pairStart[applicant + 1] - instance.pairStart[applicant]
            order[byDegree[degree]] = Int32(applicant)
            byDegree[degree] += 1
        }
        for applicant in order.lazy.map(Int.init) where matchedPair[applicant] < 0 {
            var chosen = -1
            var chosenDemand = Int32.max
            for pair in instance.pairStart[applicant]..<instance.pairStart[applicant + 1] {
                let posting = Int(instance.pairPosting[pair])
                if Int(seatsTaken[posting]) < instance.postingCapacities[posting] && demand[posting] < chosenDemand {
                    chosen = pair
                    chosenDemand = demand[posting]
                }
            }
            if chosen >= 0 { place(applicant: applicant, pair: chosen, posting: Int(instance.pairPosting[chosen])) }
        }
    }

    /// Adopts an existing assignment (pairs must exist in the instance) as the starting point.
    mutating func seed(with pairs: [(applicant: Int, pair: Int)]) {
        for (applicant, pair) in pairs where matchedPair[applicant] < 0 {
            let posting = Int(instance.pairPosting[pair])
            if Int(seatsTaken[posting]) < instance.postingCapacities[posting] {
                place(applicant: applicant, pair: pair, posting: posting)
            }
        }
    }

    private mutating func place(applicant: Int, pair: Int, posting: Int) {
        matchedPair[applicant] = Int32(pair)
        seatHolder[seatStart[posting] + Int(seatsTaken[posting])] = Int32(applicant)
        seatsTaken[posting] += 1
        matchedCount += 1
    }

    /// Runs phases until no augmenting path is left.
    mutating func augmentToMaximum() {
        let applicantCount = instance.applicantCount
        var layer = [Int32](repeating: -1, count: applicantCount)
        var queue: [Int32] = []
        queue.reserveCapacity(applicantCount)
        var cursor = [Int](repeating: 0, count: applicantCount)
        var stack: [Int32] = []
        while true {
            // Breadth-first layers from every unmatched applicant; stop at the first layer that
            // reaches a posting with a spare seat.
            for index in layer.indices { layer[index] = -1 }
            queue.removeAll(keepingCapacity: true)
            for applicant in 0..<applicantCount where matchedPair[applicant] < 0 && hasPairs(applicant) {
                layer[applicant] = 0
                queue.append(Int32(applicant))
            }
            var head = 0
            var foundLayer = Int32.max
            while head < queue.count {
                let applicant = Int(queue[head])
                head += 1
                let depth = layer[applicant]
                if depth >= foundLayer { break }
                for pair in instance.pairStart[applicant]..<instance.pairStart[applicant + 1] {
                    if Int32(pair) == matchedPair[applicant] { continue }
                    let posting = Int(instance.pairPosting[pair])
                    if Int(seatsTaken[posting]) < instance.postingCapacities[posting] {
                        foundLayer = depth
                        continue
                    }
                    for seat in seatStart[posting]..<(seatStart[posting] + Int(seatsTaken[posting])) {
                        let holder = Int(seatHolder[seat])
                        if layer[holder] < 0 {
                            layer[holder] = depth + 1
                            queue.append(Int32(holder))
                        }
                    }
                }
            }
            guard foundLayer != Int32.max else { return }

            // Depth-first augmentation along the layers, iteratively (paths can be thousands long).
            // `cursor[a]` rests on the pair through which `a` leads to the next applicant.
            for applicant in 0..<applicantCount { cursor[applicant] = instance.pairStart[applicant] }
            var augmented = 0
            for root in 0..<applicantCount where layer[root] == 0 && matchedPair[root] < 0 {
                stack.removeAll(keepingCapacity: true)
                stack.append(Int32(root))
                searching: while let top = stack.last {
                    let applicant = Int(top)
                    let end = instance.pairStart[applicant + 1]
                    while cursor[applicant] < end {
                        let pair = cursor[applicant]
                        guard Int32(pair) != matchedPair[applicant] else {
                            cursor[applicant] += 1
                            continue
                        }
                        let posting = Int(instance.pairPosting[pair])
                        if Int(seatsTaken[posting]) < instance.postingCapacities[posting] {
                            if layer[applicant] == foundLayer {
                                flip(path: stack, cursor: cursor, lastPair: pair)
                                augmented += 1
                                break searching
                            }
                            cursor[applicant] += 1
                            continue
                        }
                        let next = layer[applicant] + 1
                        if next > foundLayer {
                            cursor[applicant] += 1
                            continue
                        }
                        for seat in seatStart[posting]..<(seatStart[posting] + Int(seatsTaken[posting]))
                        where layer[Int(seatHolder[seat])] == next {
                            stack.append(seatHolder[seat])
                            continue searching
                        }
                        cursor[applicant] += 1
                    }
                    // A dead end for the rest of this phase.
                    layer[applicant] = -1
                    stack.removeLast()
                }
            }
            if augmented == 0 { return }
        }
    }

    private func hasPairs(_ applicant: Int) -> Bool {
        instance.pairStart[applicant + 1] > instance.pairStart[applicant]
    }

    /// Moves every applicant on the path one posting on: each takes the pair its cursor rests on,
    /// the last one takes `lastPair`, whose posting has a spare seat.
    private mutating func flip(path: [Int32], cursor: [Int], lastPair: Int) {
        var incomingPair = lastPair
        var index = path.count - 1
        while index >= 0 {
            let applicant = Int(path[index])
            let newPosting = Int(instance.pairPosting[incomingPair])
            let oldPair = Int(matchedPair[applicant])
            if oldPair >= 0 {
                let oldPosting = Int(instance.pairPosting[oldPair])
                let seats = seatStart[oldPosting]..<(seatStart[oldPosting] + Int(seatsTaken[oldPosting]))
                for seat in seats where seatHolder[seat] == Int32(applicant) {
                    seatHolder[seat] = seatHolder[seats.upperBound - 1]
                    seatHolder[seats.upperBound - 1] = -1
                    seatsTaken[oldPosting] -= 1
                    break
                }
            } else {
                matchedCount += 1
            }
            matchedPair[applicant] = Int32(incomingPair)
            seatHolder[seatStart[newPosting] + Int(seatsTaken[newPosting])] = Int32(applicant)
            seatsTaken[newPosting] += 1
            index -= 1
            if index >= 0 { incomingPair = cursor[Int(path[index])] }
        }
    }

    func assignment() -> Assignment {
        var placements: [Placement] = []
        for applicant in 0..<instance.applicantCount where matchedPair[applicant] >= 0 {
            let pair = Int(matchedPair[applicant])
            placements.append(
                Placement(
                    applicant: applicant, posting: Int(instance.pairPosting[pair]), score: Int(instance.pairScore[pair])
                ))
        }
        return Assignment(placements: placements)
    }
}
