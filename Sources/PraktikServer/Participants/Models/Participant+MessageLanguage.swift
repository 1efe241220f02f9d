import PraktikCore

extension Participant {
    /// The language of everything sent to this person (mail, letters, forms, link pages): their
    /// own, else the installation's. Never the language of the case worker who sends it.
    func messageLanguage(or installation: AppLanguage) -> AppLanguage {
        messageLanguage.flatMap(AppLanguage.init(rawValue:)) ?? installation
    }
}
