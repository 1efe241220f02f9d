/// Which part of the economy an employer belongs to; the board's compilation is split by it.
public enum EmployerSector: String, CaseIterable, Codable, Sendable, Hashable {
    case `public`
    case `private`
    case nonProfit = "non_profit"
}
