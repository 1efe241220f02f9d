/// The outcome of one employer check (F-tax registration, no labour dispute, union consultation…).
public enum EmployerCheckResult: String, CaseIterable, Codable, Sendable, Hashable {
    case passed
    case failed
}
