import PraktikCore

/// A report's bars by gender as shapes for the page's SVG (drawn by the template, so every text
/// in it is escaped like the rest of the page): one group per row of the report, a bar for women
/// and one for men, with the value written beside each bar. A hidden figure draws no bar and
/// writes its mark ("<5", "x").
struct ReportChart: Encodable {
    struct Bar: Encodable {
        let y: Int
        let width: Int
        let valueText: String
        let textX: Int
    }

    struct Group: Encodable {
        let label: String
        let labelY: Int
        let women: Bar
        let men: Bar
    }

    let width: Int
    let height: Int
    let labelWidth: Int
    let groups: [Group]
    let legendY: Int
    let legendWomenTextX: Int
    let legendMenX: Int
    let legendMenTextX: Int
    let measureKey: String

    static let barArea = 320
    static let groupHeight = 46
    static let mostGroups = 40

    static func make(_ table: PlacementReports.Table, display: ReportDisplay) -> ReportChart? {
        guard !table.bars.isEmpty else { return nil }
        let isShare = table.barColumn == "share_percent"
        let values = table.bars.flatMap { [Double($0.women), Double($0.men)] }.compactMap { $0 }
        let largest = isShare ? 100 : max(values.max() ?? 1, 1)
        // Room for the longest label (about 7 px a character), so a short one (a year) leaves the bars
        // room on a phone.
        let labels = table.bars.prefix(mostGroups).map { display.label($0.labels, report: table.name) }
        let labelWidth = min(250, max(50, (labels.map(\.count).max() ?? 0) * 7 + 10))
        var groups: [Group] = []
        for (index, bar) in table.bars.prefix(mostGroups).enumerated() {
            let top = 28 + index * groupHeight
            func shape(_ value: String, y: Int) -> Bar {
                let width = Double(value).map { Int(($0 / largest * Double(barArea)).rounded()) } ?? 0
                let text =
                    value.isEmpty
                    ? "–"
                    : isShare && Double(value) != nil
                        ? value + " %" : ReportDisplay.moneyColumns.contains(table.barColumn) ? display.money(value) : value
                return Bar(y: y, width: width, valueText: text, textX: labelWidth + width + 6)
            }
            groups.append(
                Group(
                    label: labels[index], labelY: top + 20,
                    women: shape(bar.women, y: top + 4), men: shape(bar.men, y: top + 22)))
        }
        return ReportChart(
            width: labelWidth + barArea + 70, height: 40 + groups.count * groupHeight, labelWidth: labelWidth, groups: groups,
            legendY: 16, legendWomenTextX: labelWidth + 16, legendMenX: labelWidth + 110, legendMenTextX: labelWidth + 126,
            measureKey: "report.column.\(table.barColumn)")
    }
}
