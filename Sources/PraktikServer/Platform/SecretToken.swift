import Crypto
import Foundation

/// Random bearer secrets (session cookies, API tokens, signed links) and the digests we store.
///
/// 32 bytes from the system's cryptographic generator, URL-safe base64 so they travel in cookies,
/// headers and links untouched. Only the SHA-256 digest goes into the database.
enum SecretToken {
    static func generate(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func digest(of token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
