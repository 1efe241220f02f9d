/// Exact "fill the most seats, then maximise total score" flow, by successive shortest paths.
///
/// The network: every posting supplies its seats; a seat goes to an applicant over a pair (cost
/// `highestScore - score`) or stays empty over a private arc whose cost `emptySeatCost` exceeds any
/// possible score difference, so one more filled seat always wins (lexicographic objective).
/// Applicants absorb up to `applicantCapacity` units (1 for assignments, b for shortlists).
///
/// Each unrouted seat is sent along a shortest residual path found by Dijkstra on reduced costs
/// (node potentials keep them non-negative), stopping at the first applicant with spare capacity.
/// Potentials are updated only on the nodes the search settled, so a short search costs little;
/// applicants with spare capacity keep potential 0, which is what makes that shortcut exact.
/// Perfect rounds can instead start from auction prices (`run(postingPotentials:)`), which turns
/// the long searches at the end of a cold run into short ones.
final class SeatFlowSolver {
    let graph: SeatFlowGraph
    let applicantCapacity: Int
    let highestScore: Int64
    /// Costs are `costScale * (highestScore - score)`; warm starts use auction prices in that unit.
    let costScale: Int64
    let emptySeatCost: Int64
    /// No applicant potential exceeds this, so `cost - ceiling` bounds a pair's reduced cost from below.
    private var applicantPotentialCeiling: Int64 = 0
    /// False in a warm start, where every seat goes to an applicant (see `run`).
    private var emptySeatsAllowed = true

    // Flow state.
    let pairUsed: FixedBuffer<UInt8>
    let load: FixedBuffer<Int32>
    /// Applicant `a` holds pairs `slotPair[a * applicantCapacity ..< + load[a]]`.
    let slotPair: FixedBuffer<Int32>
    let slotPosting: FixedBuffer<Int32>
    let unrouted: FixedBuffer<Int32>
    let emptySeats: FixedBuffer<Int32>
    /// Postings are nodes `0 ..< postingCount`, applicants follow.
    let potential: FixedBuffer<Int64>

    // Search scratch, reset after every search through `touched`.
    private let distance: FixedBuffer<Int64>
    private let reachedByPair: FixedBuffer<Int32>
    private let reachedFromApplicant: FixedBuffer<Int32>
    private let reachedThroughSlot: FixedBuffer<Int32>
    private let touched: ReusableStack<Int32>
    private let settled: ReusableStack<Int32>
    private let heap = DistanceHeap()

    private static let unreached = Int64.max

    init(
        graph: SeatFlowGraph, applicantCapacity: Int, highestScore: Int32, lowestScore: Int32, costScale: Int64 = 1
    ) {
        self.graph = graph
        self.applicantCapacity = applicantCapacity
        self.highestScore = Int64(highestScore)
        self.costScale = costScale
        let postingCount = graph.postingCount
        let applicantCount = graph.applicantCount
        var seats: Int64 = 0
        for posting in 0..<postingCount { seats += Int64(graph.capacity[posting]) }
        let units = min(seats, Int64(applicantCount) * Int64(applicantCapacity))
        let scoreSpread = Int64(highestScore) - Int64(lowestScore)
        // Capped so that sums of a few scaled costs cannot overflow; no real round comes near it.
        let (product, overflow) = scoreSpread.multipliedReportingOverflow(by: units)
        let unscaled = overflow || product >= 1 << 54 ? 1 << 54 : product + 1
        emptySeatCost = unscaled * costScale

        pairUsed = FixedBuffer(repeating: 0, count: graph.pairCount)
        load = FixedBuffer(repeating: 0, count: applicantCount)
        slotPair = FixedBuffer(repeating: -1, count: applicantCount * applicantCapacity)
        slotPosting = FixedBuffer(repeating: -1, count: applicantCount * applicantCapacity)
        unrouted = FixedBuffer(repeating: 0, count: postingCount)
        emptySeats = FixedBuffer(repeating: 0, count: postingCount)
        potential = FixedBuffer(repeating: 0, count: postingCount + applicantCount)
        distance = FixedBuffer(repeating: Self.unreached, count: postingCount + applicantCount)
        reachedByPair = FixedBuffer(repeating: -1, count: applicantCount)
        reachedFromApplicant = FixedBuffer(repeating: -1, count: postingCount)
        reachedThroughSlot = FixedBuffer(repeating: -1, count: postingCount)
        touched = ReusableStack(capacity: 1024)
        settled = ReusableStack(capacity: 1024)
    }

    /// Routes every seat; afterwards the flow is optimal for the lexicographic objective.
    ///
    /// `postingPotentials` (warm start) may only be given for a perfect round: seats exactly as many
    /// as applicants with a pair, and all of them placeable at once. Every seat then goes to an
    /// applicant, each applicant is a sink of its own, its potential is unconstrained, and any
    /// posting potentials become a valid start by giving each applicant the smallest
    /// `cost + posting potential` over its pairs.
    func run(postingPotentials: [Int64]? = nil) {
        if let postingPotentials {
            seedWithTightPairs(postingPotentials)
        } else {
            seedWithCheapestPairs()
        }
        for posting in 0..<graph.postingCount {
            while unrouted[posting] > 0 { routeOneSeat(from: posting) }
        }
    }

    /// Gives each posting its cheapest pairs while those applicants have room, with the posting's
    /// potential set to minus its cheapest cost so that all reduced costs start non-negative.
    private func seedWithCheapestPairs() {
        let postingCount = graph.postingCount
        let capacityPerApplicant = Int32(applicantCapacity)
        for posting in 0..<postingCount {
            let capacity = graph.capacity[posting]
            let first = graph.start[posting]
            let end = graph.start[posting + 1]
            guard first < end else {
                emptySeats[posting] = capacity
                potential[posting] = -emptySeatCost
                continue
            }
            unrouted[posting] = capacity
            let best = graph.score[first]
            potential[posting] = -costScale * (highestScore - Int64(best))
            var pair = first
            while pair < end && unrouted[posting] > 0 && graph.score[pair] == best {
                let applicant = Int(graph.applicant[pair])
                if load[applicant] < capacityPerApplicant {
                    take(pair: pair, posting: posting, applicant: applicant)
                    unrouted[posting] -= 1
                }
                pair += 1
            }
        }
    }

    private func seedWithTightPairs(_ postingPotentials: [Int64]) {
        emptySeatsAllowed = false
        let postingCount = graph.postingCount
        let applicantCount = graph.applicantCount
        for posting in 0..<postingCount { potential[posting] = postingPotentials[posting] }
        // Start every applicant at its cheapest reduced pair, which makes all reduced costs >= 0.
        var lowest = [Int64](repeating: Int64.max, count: applicantCount)
        for posting in 0..<postingCount {
            for pair in graph.start[posting]..<graph.start[posting + 1] {
                let applicant = Int(graph.applicant[pair])
                let cost = costScale * (highestScore - Int64(graph.score[pair])) + potential[posting]
                lowest[applicant] = min(lowest[applicant], cost)
            }
        }
        var ceiling = Int64.min
        for applicant in 0..<applicantCount {
            let value = lowest[applicant] == Int64.max ? 0 : lowest[applicant]
            potential[postingCount + applicant] = value
            ceiling = max(ceiling, value)
        }
        applicantPotentialCeiling = max(ceiling, 0)
        let capacityPerApplicant = Int32(applicantCapacity)
        for posting in 0..<postingCount {
            let capacity = graph.capacity[posting]
            guard graph.start[posting] < graph.start[posting + 1] else {
                emptySeats[posting] = capacity
                potential[posting] = min(potential[posting], -emptySeatCost)
                continue
            }
            unrouted[posting] = capacity
            for pair in graph.start[posting]..<graph.start[posting + 1] where unrouted[posting] > 0 {
                let applicant = Int(graph.applicant[pair])
                let reduced =
                    costScale * (highestScore - Int64(graph.score[pair])) + potential[posting]
                    - potential[postingCount + applicant]
                if reduced == 0 && load[applicant] < capacityPerApplicant {
                    take(pair: pair, posting: posting, applicant: applicant)
                    unrouted[posting] -= 1
                }
            }
        }
    }

    /// Resumes a perfect round from an earlier optimal state on a subset of these pairs: previous
    /// potentials and placements (`postingOf[a]`, -1 when unplaced), applicants' potentials
    /// lowered where a new pair demands it, and applicants whose placement that makes non-tight
    /// unplaced again (their seats are routed anew). Valid for the same reason as the warm start.
    func resume(potentials previous: [Int64], postingOf: [Int32]) {
        emptySeatsAllowed = false
        let postingCount = graph.postingCount
        let applicantCount = graph.applicantCount
        for node in 0..<(postingCount + applicantCount) { potential[node] = previous[node] }
        var cheapestUnused = [Int64](repeating: Int64.max, count: applicantCount)
        var placedPair = [Int](repeating: -1, count: applicantCount)
        for posting in 0..<postingCount {
            for pair in graph.start[posting]..<graph.start[posting + 1] {
                let applicant = Int(graph.applicant[pair])
                if postingOf[applicant] == Int32(posting) {
                    placedPair[applicant] = pair
                } else {
                    let cost = costScale * (highestScore - Int64(graph.score[pair])) + potential[posting]
                    cheapestUnused[applicant] = min(cheapestUnused[applicant], cost)
                }
            }
        }
        for posting in 0..<postingCount { unrouted[posting] = graph.capacity[posting] }
        var ceiling = Int64.min
        for applicant in 0..<applicantCount {
            let node = postingCount + applicant
            potential[node] = min(potential[node], cheapestUnused[applicant])
            ceiling = max(ceiling, potential[node] == Int64.max ? 0 : potential[node])
            let pair = placedPair[applicant]
            guard pair >= 0 else { continue }
            let posting = Int(postingOf[applicant])
            let reduced = costScale * (highestScore - Int64(graph.score[pair])) + potential[posting] - potential[node]
            if reduced <= 0 {
                take(pair: pair, posting: posting, applicant: applicant)
                unrouted[posting] -= 1
            }
        }
        applicantPotentialCeiling = max(ceiling, 0)
        for posting in 0..<postingCount {
            while unrouted[posting] > 0 { routeOneSeat(from: posting) }
        }
    }

    @inline(__always)
    private func take(pair: Int, posting: Int, applicant: Int) {
        let slot = applicant * applicantCapacity + Int(load[applicant])
        slotPair[slot] = Int32(pair)
        slotPosting[slot] = Int32(posting)
        load[applicant] += 1
        pairUsed[pair] = 1
    }

    /// One Dijkstra search from `root` and the augmentation along the path it finds.
    private func routeOneSeat(from root: Int) {
        let postingCount = graph.postingCount
        let start = graph.start.base
        let pairApplicant = graph.applicant.base
        let pairScore = graph.score.base
        let capacity = graph.capacity.base
        let used = pairUsed.base
        let load = self.load.base
        let slotPair = self.slotPair.base
        let slotPosting = self.slotPosting.base
        let emptySeats = self.emptySeats.base
        let potential = self.potential.base
        let distance = self.distance.base
        let reachedByPair = self.reachedByPair.base
        let reachedFromApplicant = self.reachedFromApplicant.base
        let reachedThroughSlot = self.reachedThroughSlot.base
        let capacityPerApplicant = Int32(applicantCapacity)
        let slotsPerApplicant = applicantCapacity
        let highestCost = self.highestScore * costScale
        let costScale = self.costScale
        let ceiling = applicantPotentialCeiling
        let emptySeatCost = self.emptySeatCost
        let emptySeatsAllowed = self.emptySeatsAllowed

        heap.removeAll()
        touched.removeAll()
        settled.removeAll()
        distance[root] = 0
        touched.append(Int32(root))
        heap.push(0, Int32(root))

        // The best way found so far to end the path: an applicant with room, or an empty seat.
        var endDistance = Self.unreached
        var endApplicant = -1
        var endPair = -1
        var endPosting = -1

        while !heap.isEmpty {
            let entry = heap.popMin()
            let here = entry.distance
            if here >= endDistance { break }
            let node = Int(entry.node)
            if here > distance[node] { continue }
            settled.append(entry.node)
            if node < postingCount {
                let posting = node

                let base = here + highestCost + potential[posting] - ceiling
                var pair = start[posting]
                let end = start[posting + 1]
                while pair < end {
                    defer { pair += 1 }
                    // Pairs come best first and no applicant potential exceeds the ceiling, so once
                    // this bound reaches the best end found, no later pair can improve on it.
                    let bound = base - costScale * Int64(pairScore[pair])
                    if bound >= endDistance { break }
                    if used[pair] != 0 { continue }
                    let applicant = Int(pairApplicant[pair])
                    let target = postingCount + applicant
                    let reached = bound + ceiling - potential[target]
                    if load[applicant] < capacityPerApplicant {
                        // Applicants with room end the path; they never need a heap entry.
                        if reached < endDistance {
                            endDistance = reached
                            endApplicant = applicant
                            endPair = pair
                            endPosting = posting
                        }
                        continue
                    }
                    if reached < distance[target] {
                        if distance[target] == Self.unreached { touched.append(Int32(target)) }
                        distance[target] = reached
                        reachedByPair[applicant] = Int32(pair)
                        heap.push(reached, Int32(target))
                    }
                }
                if emptySeatsAllowed && emptySeats[posting] < capacity[posting] {
                    let reached = here + emptySeatCost + potential[posting]
                    if reached < endDistance {
                        endDistance = reached
                        endApplicant = -1
                        endPosting = posting
                    }
                }
            } else {
                let applicant = node - postingCount
                let leave = here + potential[node]
                let firstSlot = applicant * slotsPerApplicant
                for slot in firstSlot..<(firstSlot + Int(load[applicant])) {
                    let posting = Int(slotPosting[slot])
                    let pair = Int(slotPair[slot])
                    let reached = leave - (highestCost - costScale * Int64(pairScore[pair])) - potential[posting]
                    if reached < distance[posting] {
                        if distance[posting] == Self.unreached { touched.append(Int32(posting)) }
                        distance[posting] = reached
                        reachedFromApplicant[posting] = Int32(applicant)
                        reachedThroughSlot[posting] = Int32(slot)
                        heap.push(reached, Int32(posting))
                    }
                }
            }
        }

        if endDistance == Self.unreached {
            // Cannot happen in a perfect round (some applicant is always reachable); leaving the
            // seat empty keeps the result feasible should the auction's proof ever be wrong.
            for index in 0..<touched.count { distance[Int(touched[index])] = Self.unreached }
            emptySeats[root] += 1
            unrouted[root] -= 1
            return
        }
        for index in 0..<settled.count {
            let node = Int(settled[index])
            potential[node] += distance[node] - endDistance
        }
        for index in 0..<touched.count { distance[Int(touched[index])] = Self.unreached }

        // Augment: walk back from the end, moving each applicant on the path to its new posting.
        var posting: Int
        if endApplicant >= 0 {
            let slot = endApplicant * slotsPerApplicant + Int(load[endApplicant])
            slotPair[slot] = Int32(endPair)
            slotPosting[slot] = Int32(endPosting)
            load[endApplicant] += 1
            used[endPair] = 1
            posting = endPosting
        } else {
            emptySeats[endPosting] += 1
            posting = endPosting
        }
        while posting != root {
            let applicant = Int(reachedFromApplicant[posting])
            let slot = Int(reachedThroughSlot[posting])
            used[Int(slotPair[slot])] = 0
            let pair = Int(reachedByPair[applicant])
            let next = postingOf(pair: pair)
            slotPair[slot] = Int32(pair)
            slotPosting[slot] = Int32(next)
            used[pair] = 1
            posting = next
        }
        unrouted[root] -= 1
    }

    /// The posting whose range holds `pair` (binary search over the posting offsets).
    @inline(__always)
    private func postingOf(pair: Int) -> Int {
        var low = 0
        var high = graph.postingCount
        let start = graph.start.base
        while high - low > 1 {
            let middle = (low + high) >> 1
            if start[middle] <= pair { low = middle } else { high = middle }
        }
        return low
    }
}
