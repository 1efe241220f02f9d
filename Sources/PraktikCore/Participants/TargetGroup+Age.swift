extension TargetGroup {
    /// The ages, on the day the person is registered, that define the group; nil when age plays
    /// no part. "Young adult" is 18–24 as the programmes report it; "over 55" is 55 and older.
    public var ageRange: ClosedRange<Int>? {
        switch self {
        case .youngAdult: 18...24
        case .over55: 55...150
        case .newlyArrived, .longTermUnemployed, .disability, .singleParent: nil
        }
    }

    /// Why a person cannot be in this group when registered on `day`; nil when they can.
    ///
    /// With a full birth date (from the person number) the age on that day decides. With only a
    /// birth year (protected identity, a foreign number) the person is either of two ages, and is
    /// accepted when either fits. Without either, an age-based group cannot be checked and is refused.
    public func ageRefusal(birthDate: CivilDate?, birthYear: Int?, registeredOn day: CivilDate) -> String? {
        guard let range = ageRange else { return nil }
        let possibleAges: [Int]
        if let birthDate {
            possibleAges = [Self.age(bornOn: birthDate, on: day)]
        } else if let birthYear {
            possibleAges = [day.year - birthYear - 1, day.year - birthYear]
        } else {
            return "participant.target-group.needs-birth-year"
        }
        return possibleAges.contains(where: range.contains) ? nil : "participant.target-group.\(rawValue).age"
    }

    /// Completed years on `day`; someone born on 29 February turns a year older on 1 March in
    /// common years.
    static func age(bornOn birth: CivilDate, on day: CivilDate) -> Int {
        let hadBirthday = (day.month, day.day) >= (birth.month, birth.day)
        return day.year - birth.year - (hadBirthday ? 0 : 1)
    }
}
