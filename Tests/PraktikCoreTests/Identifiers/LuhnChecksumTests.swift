import PraktikCore
import Testing

@Suite("LuhnChecksum")
struct LuhnChecksumTests {
    @Test(
        "computes the check digit of known numbers",
        arguments: [
            // 19121212-1212: 1 2 1 2 1 2 1 2 1 doubled alternately from the left gives 2 2 2 2 2 2 2 2 2
            // (products 2,2,...), sum 18, check (10 - 8) % 10 = 2.
            ([1, 2, 1, 2, 1, 2, 1, 2, 1], 2),
            // 556016-0680: products 10,5,12,0,2,6,0,6,16 give digit sums 1+5+3+0+2+6+0+6+7 = 30, check 0.
            ([5, 5, 6, 0, 1, 6, 0, 6, 8], 0),
            // Wikipedia's example 7992739871-3: an even-length payload, so doubling starts at the
            // rightmost payload digit, not the leftmost.
            ([7, 9, 9, 2, 7, 3, 9, 8, 7, 1], 3),
            ([0], 0),
            ([], 0),
        ])
    func checkDigit(payload: [Int], expected: Int) {
        #expect(LuhnChecksum.checkDigit(for: payload) == expected)
        #expect(LuhnChecksum.isValid(payload + [expected]))
    }

    @Test("exactly one check digit in 0...9 is valid for a payload", arguments: 0...9)
    func onlyOneCheckDigitFits(candidate: Int) {
        let payload = [8, 1, 1, 2, 1, 8, 9, 8, 7]
        #expect(LuhnChecksum.isValid(payload + [candidate]) == (candidate == 6))
    }

    @Test("refuses values that are not decimal digits")
    func nonDigits() {
        #expect(LuhnChecksum.checkDigit(for: [1, 10]) == nil)
        #expect(LuhnChecksum.checkDigit(for: [-1]) == nil)
        #expect(!LuhnChecksum.isValid([]))
        // Both sums would be multiples of ten if the values were taken at face value.
        #expect(!LuhnChecksum.isValid([10]))
        #expect(!LuhnChecksum.isValid([-1, 2]))
    }
}
