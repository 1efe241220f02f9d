import PraktikCore

extension EducationField {
    /// The words for a participant's stored field of education: an application stores one of the
    /// listed fields by its code, a case worker's registration form stores free text as typed.
    static func translationKey(forStored value: String?) -> String? {
        value.flatMap(EducationField.init(rawValue:)).map { "education-field.\($0.rawValue)" }
    }
}
