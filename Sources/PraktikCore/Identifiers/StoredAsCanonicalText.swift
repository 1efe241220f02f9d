/// An error whose `code` names it for a translated message (and, unlike the value that caused
/// it, may be logged).
public protocol CodedError: Error {
    var code: String { get }
}

extension PersonalNumberError: CodedError {}
extension CompanyNumberError: CodedError {}

/// An identifier kept as its canonical text: stored in a text column and encoded in JSON as that
/// text, and read back strictly (`init(storageValue:)`), never with the lenient parsing meant for
/// what people type.
public protocol StoredAsCanonicalText: Codable {
    associatedtype StorageError: CodedError
    var storageValue: String { get }
    init(storageValue: String) throws(StorageError)
}

extension StoredAsCanonicalText {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do throws(StorageError) {
            self = try Self(storageValue: text)
        } catch {
            // The code only: the value itself may be personal data and must not reach logs.
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.code)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(storageValue)
    }
}
