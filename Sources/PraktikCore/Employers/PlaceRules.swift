/// Limits of a place's terms, shared by forms and imports.
public enum PlaceRules {
    public static let maximumCapacity = 100
    /// Full time in Sweden and Denmark is 40 and 37 hours; nothing above a full week.
    public static let maximumHoursPerWeek = 40
    public static let defaultHoursPerWeek = 40
}
