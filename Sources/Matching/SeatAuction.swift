/// Approximate posting prices from an ε-scaling auction, used to warm-start the exact flow solver.
///
/// When every applicant can be placed (square rounds such as 10,000 x 10,000), the exact solver's
/// last searches are long: cold potentials make large regions look equally cheap. Prices from a few
/// auction phases are close to the optimal duals, so almost every seat then finds its applicant in
/// a few steps. The auction itself is not trusted for the answer; the flow solver stays exact.
///
/// Applicants bid for seats; a posting's seats form a min-heap of prices so a bidder always takes
/// the cheapest seat (the posting's "price"), evicting its holder.
struct SeatAuction {
    let instance: MatchingInstance
    /// Benefits are `score * scale`, so the final ε of 1 is 1/scale of a score point.
    let scale: Int64

    /// Posting prices (cheapest seat, in scaled units), or nil when some phase did not place every
    /// applicant within its bid budget (the caller then starts cold).
    ///
    /// Success also proves that every applicant with a pair can be placed at once, which is the
    /// condition the warm start needs; a round where that is impossible exhausts the budget instead.
    func postingPrices() -> [Int64]? {
        let postingCount = instance.postingCount
        let applicantCount = instance.applicantCount
        var seatStart = [Int](repeating: 0, count: postingCount + 1)
        for posting in 0..<postingCount {
            seatStart[posting + 1] = seatStart[posting] + instance.postingCapacities[posting]
        }
        let range = instance.scoreRange
        let spread = max(Int64(range.highest) - Int64(range.lowest), 1) * scale
        let seatPrice = FixedBuffer<Int64>(repeating: 0, count: seatStart[postingCount])
        let seatHolder = FixedBuffer<Int32>(repeating: -1, count: seatStart[postingCount])
        let holding = FixedBuffer<Int32>(repeating: -1, count: applicantCount)
        let waiting = ReusableStack<Int32>(capacity: applicantCount)
        // Square rounds settle in under ten bids per applicant and phase; forty leaves room.
        let phaseBudget = 40 * applicantCount + 1_000
        var budget = phaseBudget
        var settled = true
        var unplaceable = false
        var epsilon = max(spread / 4, 1)
        let scale = self.scale

        instance.pairPosting.withUnsafeBufferPointer { postings in
            instance.pairScore.withUnsafeBufferPointer { scores in
                instance.postingCapacities.withUnsafeBufferPointer { capacities in
                    seatStart.withUnsafeBufferPointer { seatStart in
                        instance.pairStart.withUnsafeBufferPointer { pairStart in
                            while settled {
                                budget = phaseBudget
                                for applicant in 0..<applicantCount { holding[applicant] = -1 }
                                seatHolder.fill(with: -1)
                                waiting.removeAll()
                                for applicant in (0..<applicantCount).reversed()
                                where pairStart[applicant + 1] > pairStart[applicant] {
                                    waiting.append(Int32(applicant))
                                }
                                while waiting.count > 0 && budget > 0 {
                                    waiting.count -= 1
                                    let applicant = Int(waiting[waiting.count])
                                    budget -= 1
                                    var best = Int64.min
                                    var second = Int64.min
                                    var bestPosting = -1
                                    var bestScore: Int64 = 0
                                    for pair in pairStart[applicant]..<pairStart[applicant + 1] {
                                        let posting = Int(postings[pair])
                                        let first = seatStart[posting]
                                        guard first < seatStart[posting + 1] else { continue }
                                        let value = Int64(scores[pair]) * scale - seatPrice[first]
                                        if value > best {
                                            second = best
                                            best = value
                                            bestPosting = posting
                                            bestScore = Int64(scores[pair]) * scale
                                        } else if value > second {
                                            second = value
                                        }
                                    }
                                    guard bestPosting >= 0 else {
                                        // Only seatless postings: this applicant can never be placed.
                                        unplaceable = true
                                        break
                                    }
                                    // The posting's second-cheapest seat is an alternative too.
                                    let root = seatStart[bestPosting]
                                    let seats = capacities[bestPosting]
                                    if seats >= 2 {
                                        var cheapest = seatPrice[root + 1]
                                        if seats >= 3 { cheapest = min(cheapest, seatPrice[root + 2]) }
                                        second = max(second, bestScore - cheapest)
                                    }
                                    let increment = second == Int64.min ? spread + epsilon : best - second + epsilon
                                    let evicted = seatHolder[root]
                                    seatHolder[root] = Int32(applicant)
                                    seatPrice[root] += increment
                                    holding[applicant] = Int32(bestPosting)
                                    if evicted >= 0 {
                                        holding[Int(evicted)] = -1
                                        waiting.append(evicted)
                                    }
                                    Self.siftDown(
                                        root: root, count: seats, price: seatPrice.base, holder: seatHolder.base)
                                }
                                settled = waiting.count == 0 && !unplaceable
                                if epsilon == 1 { break }
                                epsilon = max(epsilon / 4, 1)
                            }
                        }
                    }
                }
            }
        }
        guard settled else { return nil }
        return (0..<postingCount).map { seatStart[$0] < seatStart[$0 + 1] ? seatPrice[seatStart[$0]] : 0 }
    }

    private static func siftDown(
        root: Int, count: Int, price: UnsafeMutablePointer<Int64>, holder: UnsafeMutablePointer<Int32>
    ) {
        var index = 0
        while true {
            let left = 2 * index + 1
            if left >= count { return }
            var child = left
            if left + 1 < count && price[root + left + 1] < price[root + left] { child = left + 1 }
            if price[root + child] >= price[root + index] { return }
            price.swapAt(root + index, root + child)
            holder.swapAt(root + index, root + child)
            index = child
        }
    }
}

extension UnsafeMutablePointer {
    @inline(__always)
    fileprivate func swapAt(_ first: Int, _ second: Int) {
        let value = self[first]
        self[first] = self[second]
        self[second] = value
    }
}
