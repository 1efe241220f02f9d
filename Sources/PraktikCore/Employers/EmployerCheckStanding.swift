/// One required check as it stands for an employer on a given day: the latest recorded result, if
/// any, and when it runs out.
public struct EmployerCheckStanding: Sendable, Hashable {
    /// The check's configured key, e.g. `f_tax`.
    public let checkKey: String
    public let result: EmployerCheckResult?
    public let recordedOn: CivilDate?
    /// The last day the result holds; nil means it does not expire.
    public let expiresOn: CivilDate?

    public init(checkKey: String, result: EmployerCheckResult?, recordedOn: CivilDate?, expiresOn: CivilDate?) {
        self.checkKey = checkKey
        self.result = result
        self.recordedOn = recordedOn
        self.expiresOn = expiresOn
    }

    public static func missing(_ checkKey: String) -> EmployerCheckStanding {
        EmployerCheckStanding(checkKey: checkKey, result: nil, recordedOn: nil, expiresOn: nil)
    }

    public enum State: String, Sendable, Hashable, CaseIterable {
        case missing, passed, failed, expired
    }

    /// What the check says on `day`: a pass that has run out counts as expired, whatever it was.
    public func state(on day: CivilDate) -> State {
        guard let result else { return .missing }
        if let expiresOn, expiresOn < day { return .expired }
        return result == .passed ? .passed : .failed
    }
}
