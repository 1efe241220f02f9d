/// The failures every identifier parser reports the same way; each identifier's error enum
/// provides them as cases so that `ScannedDigits` can throw the caller's own error type.
protocol IdentifierSyntaxError: Error {
    static var empty: Self { get }
    static var invalidCharacter: Self { get }
    static var invalidSeparator: Self { get }
}

/// An identifier as typed: surrounding whitespace trimmed, ASCII digits kept in order, and at most
/// one separator from an allowed set. Length and separator position are the caller's rules.
struct ScannedDigits {
    let digits: [Int]
    let separator: Character?
    /// How many digits came before the separator.
    let separatorOffset: Int?

    init<Failure: IdentifierSyntaxError>(
        scanning text: String, separators: Set<Character> = [], reporting _: Failure.Type
    ) throws(Failure) {
        let trimmed = text.trimmingSurroundingWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        var digits: [Int] = []
        var separator: Character?
        var separatorOffset: Int?
        // Bytes, not Characters: any non-ASCII scalar (other digit systems, combining marks,
        // look-alike dashes) is a byte >= 0x80 and is refused as an invalid character.
        for byte in trimmed.utf8 {
            if let digit = byte.asciiDigitValue {
                digits.append(digit)
                continue
            }
            let character = Character(Unicode.Scalar(byte))
            guard byte < 0x80, separators.contains(character) else { throw .invalidCharacter }
            guard separator == nil else { throw .invalidSeparator }
            separator = character
            separatorOffset = digits.count
        }
        self.digits = digits
        self.separator = separator
        self.separatorOffset = separatorOffset
    }

    /// The registers write a separator only between the date (or first part) and the last four digits.
    var separatorIsBeforeLastFour: Bool {
        guard let separatorOffset else { return true }
        return separatorOffset == digits.count - 4
    }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// Drops leading and trailing whitespace and newlines, as pasted from e-mails and spreadsheets.
    func trimmingSurroundingWhitespace() -> SubSequence {
        // Nearly every cell and field starts and ends with a visible ASCII character, which no
        // whitespace can be part of: answered from the two bytes, without reading the text as
        // characters (a history import trims 17 million cells).
        if let head = utf8.first, let tail = utf8.last, Self.isVisibleASCII(head), Self.isVisibleASCII(tail) {
            return self[startIndex..<endIndex]
        }
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return self[endIndex...] }
        return self[first...last]
    }

    private static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}
