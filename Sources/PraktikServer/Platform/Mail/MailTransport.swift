import Foundation
import Logging
import NIOConcurrencyHelpers
import Vapor

struct OutgoingMail: Sendable, Equatable {
    let id: UUID
    let to: String
    let subject: String
    let body: String
}

/// Where outbound mail goes. Development writes files; production plugs in SMTP here.
protocol MailTransport: Sendable {
    func send(_ mail: OutgoingMail) async throws
}

/// Writes each message as an `.eml` file into a folder, for development and demos.
struct FileMailTransport: MailTransport {
    let directory: String

    func send(_ mail: OutgoingMail) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let text = "To: \(mail.to)\r\nSubject: \(mail.subject)\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\(mail.body)\r\n"
        let path = directory + "/" + mail.id.uuidString + ".eml"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw MailTransportError(reason: "could not write \(path)")
        }
    }
}

/// Keeps messages in memory; tests read the links they contain.
final class CapturingMailTransport: MailTransport {
    private let box = NIOLockedValueBox<[OutgoingMail]>([])

    var sent: [OutgoingMail] { box.withLockedValue { $0 } }

    func send(_ mail: OutgoingMail) async throws {
        box.withLockedValue { $0.append(mail) }
    }
}

struct MailTransportError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

extension Application {
    private struct MailTransportKey: StorageKey { typealias Value = any MailTransport }

    var mailTransport: any MailTransport {
        get { storage[MailTransportKey.self] ?? FileMailTransport(directory: settings.outboxDirectory) }
        set { storage[MailTransportKey.self] = newValue }
    }
}
