/// What a reader of a published table knows, as flow networks (see `ResidualNetwork`): one for the
/// totals and their parts, one for each measure.
///
/// The reader knows every shown figure, that "<5" is 1 to 4, that a withheld figure is at least 0,
/// that a row's parts add up to its total, that the columns add up to the totals row, that a
/// measure is at most its row's total and that a listed row is not empty. The parts network keeps
/// the measures at their true values and the measures' networks keep the totals at theirs, so the
/// tables they find are a subset of what the reader must consider: a cell they cannot pin, the
/// reader cannot pin either.
struct DisclosureModel: Sendable {
    let table: CountTable
    let threshold: Int
    let marks: [CountTable.Position: DisclosedCell]

    private var networks: [ResidualNetwork] = []
    private var edges: [CountTable.Position: (network: Int, edge: Int)] = [:]

    init(table: CountTable, threshold: Int, marks: [CountTable.Position: DisclosedCell]) {
        self.table = table
        self.threshold = threshold
        self.marks = marks
        if table.partCount > 0 { buildPartsNetwork() }
        for measure in 0..<table.measureCount { buildMeasureNetwork(measure) }
    }

    private func isHidden(_ position: CountTable.Position) -> Bool { marks[position]?.isHidden ?? false }

    /// The range the reader allows a cell, before any equation.
    private func domain(_ position: CountTable.Position) -> (lower: Int, upper: Int) {
        let value = table.value(at: position)
        var range: (lower: Int, upper: Int)
        switch marks[position] ?? .shown(value) {
        case .shown(let shown): range = (shown, shown)
        case .small: range = (1, threshold - 1)
        case .withheld: range = (0, ResidualNetwork.unbounded)
        }
        guard let row = position.row else { return range }
        switch position.column {
        case .total:
            // A listed row is not empty, and holds at least its measures (kept at their true values).
            let floor = max(value > 0 ? 1 : 0, table.rows[row].measures.max() ?? 0)
            range.lower = max(range.lower, floor)
        case .measure:
            range.upper = min(range.upper, table.rows[row].total)
        case .part:
            break
        }
        return range
    }

    private static func minus(_ range: (lower: Int, upper: Int), _ known: Int) -> (lower: Int, upper: Int) {
        (
            max(0, range.lower - known),
            range.upper >= ResidualNetwork.unbounded ? ResidualNetwork.unbounded : max(0, range.upper - known)
        )
    }

    private mutating func buildPartsNetwork() {
        let source = 0, sink = 1
        var network = ResidualNetwork(hubCount: 2 + table.partCount)
        let networkIndex = networks.count
        var hiddenInColumn = Array(repeating: 0, count: table.partCount)
        var shownInColumn = Array(repeating: 0, count: table.partCount)
        var flowThrough = 0, shownInRows = 0
        for (index, row) in table.rows.enumerated() {
            let hiddenParts = (0..<table.partCount).filter { isHidden(.init(row: index, column: .part($0))) }
            let shownParts = (0..<table.partCount).filter { !hiddenParts.contains($0) }.reduce(0) { $0 + row.parts[$1] }
            for part in 0..<table.partCount where !hiddenParts.contains(part) { shownInColumn[part] += row.parts[part] }
            shownInRows += shownParts
            let totalPosition = CountTable.Position(row: index, column: .total)
            guard !hiddenParts.isEmpty || isHidden(totalPosition) else { continue }
            let node = network.addNode()
            let flow = row.total - shownParts
            flowThrough += flow
            let range = Self.minus(domain(totalPosition), shownParts)
            let totalEdge = network.addEdge(from: source, to: node, flow: flow, lower: range.lower, upper: range.upper)
            edges[totalPosition] = (networkIndex, totalEdge)
            for part in hiddenParts {
                let position = CountTable.Position(row: index, column: .part(part))
                let range = domain(position)
                hiddenInColumn[part] += row.parts[part]
                edges[position] = (
                    networkIndex,
                    network.addEdge(from: node, to: 2 + part, flow: row.parts[part], lower: range.lower, upper: range.upper)
                )
            }
        }
        for part in 0..<table.partCount {
            let position = CountTable.Position(row: nil, column: .part(part))
            let range =
                table.publishesTotals ? Self.minus(domain(position), shownInColumn[part]) : (0, ResidualNetwork.unbounded)
            let edge = network.addEdge(from: 2 + part, to: sink, flow: hiddenInColumn[part], lower: range.0, upper: range.1)
            if table.publishesTotals { edges[position] = (networkIndex, edge) }
        }
        let grand = CountTable.Position(row: nil, column: .total)
        let range = table.publishesTotals ? Self.minus(domain(grand), shownInRows) : (0, ResidualNetwork.unbounded)
        let edge = network.addEdge(from: sink, to: source, flow: flowThrough, lower: range.0, upper: range.1)
        if table.publishesTotals { edges[grand] = (networkIndex, edge) }
        network.prepare()
        networks.append(network)
    }

    private mutating func buildMeasureNetwork(_ measure: Int) {
        let source = 0, sink = 1
        var network = ResidualNetwork(hubCount: 2)
        let networkIndex = networks.count
        var hidden = 0, shown = 0
        for (index, row) in table.rows.enumerated() {
            let position = CountTable.Position(row: index, column: .measure(measure))
            guard isHidden(position) else {
                shown += row.measures[measure]
                continue
            }
            let range = domain(position)
            hidden += row.measures[measure]
            edges[position] = (
                networkIndex,
                network.addEdge(from: source, to: sink, flow: row.measures[measure], lower: range.lower, upper: range.upper)
            )
        }
        let position = CountTable.Position(row: nil, column: .measure(measure))
        let range = table.publishesTotals ? Self.minus(domain(position), shown) : (0, ResidualNetwork.unbounded)
        let edge = network.addEdge(from: sink, to: source, flow: hidden, lower: range.0, upper: range.1)
        if table.publishesTotals { edges[position] = (networkIndex, edge) }
        network.prepare()
        networks.append(network)
    }

    /// Whether the reader cannot tell this hidden cell's value from what is shown.
    func canMove(_ position: CountTable.Position) -> Bool {
        guard let (network, edge) = edges[position] else { return false }
        return networks[network].canMove(edge)
    }

    /// The smallest and largest values the reader must allow this hidden cell, the largest counted
    /// no further than `threshold` above the true value.
    func bounds(_ position: CountTable.Position) -> ClosedRange<Int> {
        let value = table.value(at: position)
        guard let (network, edge) = edges[position] else { return value...value }
        let down = networks[network].slack(of: edge, up: false, limit: value)
        let up = networks[network].slack(of: edge, up: true, limit: threshold)
        return (value - down)...(value + up)
    }
}
