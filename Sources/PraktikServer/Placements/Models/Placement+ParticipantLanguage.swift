import PraktikCore

extension Placement {
    /// The language of this placement's mail, letter, forms and link pages for the participant:
    /// the person's own language when it is recorded (it may have changed since the decision),
    /// else the one chosen at the decision. Never the language of whoever triggers the message.
    func participantLanguage(_ participant: Participant) -> String {
        participant.messageLanguage ?? language ?? AppLanguage.default.tag
    }
}
