/// The screening colours of seed 004: green (eligible), orange (needs a check by hand or a
/// completion), red (not eligible). Ordered from best to worst, so the worst fired rule decides.
public enum EligibilityColour: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    case green
    case orange
    case red

    private var severity: Int {
        switch self {
        case .green: 0
        case .orange: 1
        case .red: 2
        }
    }

    public static func < (lhs: EligibilityColour, rhs: EligibilityColour) -> Bool { lhs.severity < rhs.severity }
}
