/// A unit's short code made from its name, for units the history import creates ("Jobbtorg
/// Järva" → `JOBBTORG-JARVA`): ASCII capitals, digits and hyphens, at most 40 characters, and
/// different from every code in use (`-2`, `-3`… when taken).
public enum UnitCode {
    public static let maximumLength = 40

    public static func derived(from name: String, avoiding taken: Set<String>) -> String {
        var code = ""
        var lastWasHyphen = true
        for character in name.uppercased() {
            let letter = folded(character)
            if let letter, letter.isASCII, letter.isLetter || letter.isNumber {
                code.append(letter)
                lastWasHyphen = false
            } else if !lastWasHyphen {
                code.append("-")
                lastWasHyphen = true
            }
        }
        while code.hasSuffix("-") { code.removeLast() }
        if code.isEmpty { code = "UNIT" }
        code = String(code.prefix(maximumLength - 4))
        var candidate = code
        var number = 2
        while taken.contains(candidate) {
            candidate = "\(code)-\(number)"
            number += 1
        }
        return candidate
    }

    /// Å, Ä, Æ → A; Ö, Ø → O; É → E; other letters as they are.
    private static func folded(_ character: Character) -> Character? {
        switch character {
        case "Å", "Ä", "Æ", "À", "Á", "Â": "A"
        case "Ö", "Ø", "Ó", "Ò", "Ô": "O"
        case "É", "È", "Ê", "Ë": "E"
        case "Ü", "Ú": "U"
        case "Í", "Ï": "I"
        default: character
        }
    }
}
