import Testing

@testable import PraktikCore

@Suite("Transfer requests")
struct TransferStatusTests {
    @Test("only the unit that holds the person answers, only the asking unit withdraws, only erasure cancels")
    func whoDecides() {
        #expect(throws: Never.self) { try TransferStatus.pending.checkTransition(to: .accepted, by: .holder) }
        #expect(throws: Never.self) { try TransferStatus.pending.checkTransition(to: .declined, by: .holder) }
        #expect(throws: Never.self) { try TransferStatus.pending.checkTransition(to: .withdrawn, by: .requester) }
        #expect(throws: Never.self) { try TransferStatus.pending.checkTransition(to: .cancelled, by: .system) }
        #expect(throws: TransferStatus.Refusal.notAllowed) { try TransferStatus.pending.checkTransition(to: .accepted, by: .requester) }
        #expect(throws: TransferStatus.Refusal.notAllowed) { try TransferStatus.pending.checkTransition(to: .withdrawn, by: .holder) }
        #expect(throws: TransferStatus.Refusal.notAllowed) { try TransferStatus.pending.checkTransition(to: .pending, by: .holder) }
    }

    @Test("a decided request takes no other decision")
    func decidedOnce() {
        for decided in TransferStatus.allCases where decided != .pending {
            #expect(!decided.isOpen)
            for target in TransferStatus.allCases {
                for actor in TransferStatus.Actor.allCases {
                    #expect(throws: TransferStatus.Refusal.alreadyDecided) { try decided.checkTransition(to: target, by: actor) }
                }
            }
        }
        #expect(TransferStatus.pending.isOpen)
    }
}
