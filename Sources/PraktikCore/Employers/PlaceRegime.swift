/// Who runs an internship place: the city itself (egen regi), another employer (extern regi), or a
/// procured provider (upphandlad). Stockholm reports work training split this way (seed 001).
public enum PlaceRegime: String, CaseIterable, Codable, Sendable, Hashable {
    case inHouse = "in_house"
    case external
    case procured
}
