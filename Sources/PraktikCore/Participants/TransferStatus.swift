/// The life of a request to move a participant's record to another unit (issue 8: the enrolment
/// oracle). A case worker who may not register a person number, because another unit holds the
/// person, asks for the record; the unit that holds it decides.
///
/// Until it is accepted the request names neither the person nor the unit that holds them to the
/// unit that asked; accepting moves the record.
public enum TransferStatus: String, CaseIterable, Codable, Sendable, Hashable {
    /// Waiting for the unit that holds the record.
    case pending
    /// The record was moved to the unit that asked.
    case accepted
    /// The unit that holds the record kept it.
    case declined
    /// The unit that asked no longer wants it.
    case withdrawn
    /// The record was erased while the request waited.
    case cancelled

    /// Who acts on a request: the unit that holds the record, the unit that asked, or the system
    /// (erasure).
    public enum Actor: String, Sendable, Hashable, CaseIterable {
        case holder
        case requester
        case system
    }

    /// Why a decision was refused; `code` is a stable translation key.
    public enum Refusal: String, Error, Sendable, Hashable, CaseIterable {
        /// Decided already (two people answered at once, or it was withdrawn meanwhile).
        case alreadyDecided = "transfer.refusal.already-decided"
        case notAllowed = "transfer.refusal.not-allowed"

        public var code: String { rawValue }
    }

    /// The allowed decisions and who may make them. Anything not listed is refused.
    public static let transitions: [TransferStatus: [TransferStatus: Set<Actor>]] = [
        .pending: [.accepted: [.holder], .declined: [.holder], .withdrawn: [.requester], .cancelled: [.system]]
    ]

    /// Whether `actor` may move a request from this status to `target`; throws the reason if not.
    public func checkTransition(to target: TransferStatus, by actor: Actor) throws(Refusal) {
        guard self == .pending else { throw .alreadyDecided }
        guard Self.transitions[self]?[target]?.contains(actor) == true else { throw .notAllowed }
    }

    /// Whether the request still waits for an answer.
    public var isOpen: Bool { self == .pending }
}
