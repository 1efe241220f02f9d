/// A flow network with lower and upper bounds on each edge and a feasible flow on it, kept as its
/// residual graph. A published table's equations form such a network (a row's hidden parts flow
/// from the row into their columns, the columns into the totals), and every other table
/// consistent with what is shown is the flow moved around cycles of the residual graph. So a
/// cell can take another value exactly when a cycle passes through its edge, and how far it can
/// move is a maximum flow. (Written by hand: the packages at hand have no flow algorithm with
/// bounds, and this needs about a hundred lines.)
struct ResidualNetwork: Sendable {
    /// Larger than any count a table holds; stands for "no upper bound".
    static let unbounded = 1 << 40

    private struct Arc: Sendable {
        let to: Int
        var residual: Int
    }

    private var arcs: [Arc] = []
    private var outgoing: [[Int]]
    /// The first nodes (the totals: source, sink, columns). Every node added later (a row) is
    /// joined only to these, which `canMove` uses to answer without walking the rows.
    private let hubCount: Int
    /// `routes[a][b]`: how many residual arcs lead from hub a to hub b, directly or through one row.
    private var routes: [[Int]] = []

    init(hubCount: Int) {
        self.hubCount = hubCount
        outgoing = Array(repeating: [], count: hubCount)
    }

    mutating func addNode() -> Int {
        outgoing.append([])
        return outgoing.count - 1
    }

    /// Adds an edge carrying `flow` within `lower...upper`; returns its handle. The forward arc is
    /// `handle`, the backward arc `handle + 1`.
    @discardableResult
    mutating func addEdge(from: Int, to: Int, flow: Int, lower: Int, upper: Int) -> Int {
        precondition(from < hubCount || to < hubCount, "rows are joined to totals only")
        routes = []
        let handle = arcs.count
        arcs.append(Arc(to: to, residual: max(0, min(upper, Self.unbounded) - flow)))
        arcs.append(Arc(to: from, residual: max(0, flow - lower)))
        outgoing[from].append(handle)
        outgoing[to].append(handle + 1)
        return handle
    }

    private func tail(of arc: Int) -> Int { arcs[arc ^ 1].to }

    /// The arcs of a shortest path from `source` to `sink` with residual capacity, never using the
    /// arcs of `excluded`; nil when there is none.
    private func path(from source: Int, to sink: Int, excluding excluded: Int) -> [Int]? {
        guard source != sink else { return [] }
        var cameBy = Array(repeating: -1, count: outgoing.count)
        var visited = Array(repeating: false, count: outgoing.count)
        visited[source] = true
        var queue = [source]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for arc in outgoing[node] where arc >> 1 != excluded >> 1 && arcs[arc].residual > 0 {
                let next = arcs[arc].to
                guard !visited[next] else { continue }
                visited[next] = true
                cameBy[next] = arc
                if next == sink {
                    var result: [Int] = []
                    var at = sink
                    while at != source {
                        result.append(cameBy[at])
                        at = tail(of: cameBy[at])
                    }
                    return result
                }
                queue.append(next)
            }
        }
        return nil
    }

    /// How far the flow on `edge` can rise (`up`) or fall, up to `limit`: the maximum flow that
    /// can return around the edge through the rest of the network.
    func slack(of edge: Int, up: Bool, limit: Int) -> Int {
        let arc = up ? edge : edge ^ 1
        var network = self
        var moved = 0
        while moved < limit, network.arcs[arc].residual > 0,
            let path = network.path(from: network.arcs[arc].to, to: network.tail(of: arc), excluding: edge)
        {
            let bottleneck = min(
                path.map { network.arcs[$0].residual }.min() ?? 0, network.arcs[arc].residual, limit - moved)
            guard bottleneck > 0 else { break }
            for step in path + [arc] {
                network.arcs[step].residual -= bottleneck
                network.arcs[step ^ 1].residual += bottleneck
            }
            moved += bottleneck
        }
        return moved
    }

    /// Whether the flow on `edge` can take any other value: a single residual cycle through it.
    /// Call `prepare()` first when asking for many edges.
    func canMove(_ edge: Int) -> Bool {
        for arc in [edge, edge ^ 1] where arcs[arc].residual > 0 {
            let found =
                routes.isEmpty
                ? path(from: arcs[arc].to, to: tail(of: arc), excluding: edge) != nil
                : hubPath(from: arcs[arc].to, to: tail(of: arc), excluding: edge)
            if found { return true }
        }
        return false
    }

    /// Counts the routes between hubs once, so that each `canMove` walks the hubs only.
    mutating func prepare() {
        var counts = Array(repeating: Array(repeating: 0, count: hubCount), count: hubCount)
        for node in 0..<outgoing.count {
            for (from, to) in routes(through: node, excluding: -2) { counts[from][to] += 1 }
        }
        routes = counts
    }

    /// The hub-to-hub steps that `node` offers: its own arcs when it is a hub, the pairs
    /// (in-arc, out-arc) through it when it is a row; never using the arcs of edge `excluded`.
    private func routes(through node: Int, excluding excluded: Int) -> [(Int, Int)] {
        let usable = outgoing[node].filter { arcs[$0].residual > 0 && $0 >> 1 != excluded >> 1 }
        if node < hubCount {
            return usable.compactMap { arcs[$0].to < hubCount ? (node, arcs[$0].to) : nil }
        }
        // Arcs into the row are the partners of arcs out of it.
        let incoming = outgoing[node].filter { arcs[$0 ^ 1].residual > 0 && $0 >> 1 != excluded >> 1 }.map { arcs[$0].to }
        let leaving = usable.map { arcs[$0].to }
        return incoming.flatMap { from in leaving.compactMap { to in from == to ? nil : (from, to) } }
    }

    /// `path(from:to:excluding:)` over the hubs, with the one row that `excluded` touches (if any)
    /// walked on its own, since the counted routes through it may use the excluded arcs.
    private func hubPath(from start: Int, to goal: Int, excluding excluded: Int) -> Bool {
        var counts = routes
        var row: Int?
        let ends = [arcs[excluded].to, arcs[excluded ^ 1].to]
        for node in ends where node >= hubCount { row = node }
        if ends.allSatisfy({ $0 < hubCount }) {
            // The excluded edge's own arcs between two hubs.
            for arc in [excluded, excluded ^ 1] where arcs[arc].residual > 0 { counts[tail(of: arc)][arcs[arc].to] -= 1 }
        }
        if let row {
            for (from, to) in routes(through: row, excluding: -2) { counts[from][to] -= 1 }
        }
        // Nodes: the hubs, and the row as node `hubCount`.
        let rowNode = hubCount
        func local(_ node: Int) -> Int { node < hubCount ? node : rowNode }
        let target = local(goal)
        var visited = Array(repeating: false, count: hubCount + 1)
        var queue = [local(start)]
        visited[local(start)] = true
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            if node == target { return true }
            var next: [Int] = []
            if node == rowNode, let row {
                next = outgoing[row].filter { arcs[$0].residual > 0 && $0 >> 1 != excluded >> 1 }.map { arcs[$0].to }
            } else {
                next = (0..<hubCount).filter { counts[node][$0] > 0 }
                // An arc from this hub into the row is the partner of an arc out of the row.
                if let row,
                    outgoing[row].contains(where: { arcs[$0].to == node && arcs[$0 ^ 1].residual > 0 && $0 >> 1 != excluded >> 1 })
                {
                    next.append(rowNode)
                }
            }
            for candidate in next where !visited[candidate] {
                visited[candidate] = true
                queue.append(candidate)
            }
        }
        return false
    }
}
