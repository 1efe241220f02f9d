/// The kinds of programme that take job seekers in intakes (DOMAIN.md).
public enum ProgrammeKind: String, CaseIterable, Codable, Sendable, Hashable {
    /// An internship programme with intakes, such as Jobbsprånget (arbetspraktik, seed 004).
    case internshipProgramme = "internship_programme"
    /// Stockholm's work training (arbetsträning).
    case workTraining = "work_training"
    /// Copenhagen's company internship (virksomhedspraktik).
    case companyInternship = "company_internship"
}
