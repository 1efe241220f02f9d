import PraktikCore
import Testing

@Suite("SmallNumberSuppression")
struct SmallNumberSuppressionTests {
    let rule = SmallNumberSuppression(threshold: 5)

    @Test("1 to 4 hidden, 0 and 5 and more shown", arguments: 0...7)
    func cells(count: Int) {
        #expect(rule.cell(count) == ((1...4).contains(count) ? .suppressed : .count(count)))
    }

    @Test("no hidden part: nothing more hidden")
    func noneHidden() {
        let split = rule.split(total: 15, parts: [10, 5, 0, 0])
        #expect(split.total == .count(15))
        #expect(split.parts == [.count(10), .count(5), .count(0), .count(0)])
    }

    @Test("one hidden part: the smallest other non-zero part is hidden too")
    func secondary() {
        let split = rule.split(total: 17, parts: [10, 5, 2, 0])
        #expect(split.parts == [.count(10), .suppressed, .suppressed, .count(0)])
    }

    @Test("two hidden parts are enough on their own")
    func twoHidden() {
        #expect(rule.split(total: 13, parts: [10, 2, 1, 0]).parts == [.count(10), .suppressed, .suppressed, .count(0)])
    }

    @Test("a small total is hidden too, and then its one small part needs no partner")
    func smallTotal() {
        let split = rule.split(total: 3, parts: [3, 0, 0, 0])
        #expect(split.total == .suppressed)
        #expect(split.parts == [.suppressed, .count(0), .count(0), .count(0)])
    }
}
