/// The weighted modulus-11 test of the Danish registers: CPR-kontoret's modulus-11 control
/// (weights 4,3,2,7,6,5,4,3,2,1) and Erhvervsstyrelsen's CVR check (weights 2,7,6,5,4,3,2,1).
/// A number passes when the weighted sum of all its digits, check digit included, is divisible by 11.
enum Modulus11 {
    static func passes(_ digits: [Int], weights: [Int]) -> Bool {
        guard digits.count == weights.count else { return false }
        let total = zip(digits, weights).reduce(0) { sum, pair in sum + pair.0 * pair.1 }
        return total % 11 == 0
    }
}
