import Foundation
import PraktikCore
import Vapor

/// Transfer requests: a case worker asks for the record of a person another unit holds (from the
/// registration form that refused the number), the unit that holds it answers (`TransferService`).
enum TransfersController {
    struct Page: Encodable {
        struct Waiting: Encodable {
            let participantHref: String
            let name: String
            let personNumber: String
            let holderUnit: String
            let askingUnit: String
            let askedBy: String
            let requestedAt: Date
            let acceptAction: String
            let declineAction: String
        }

        struct Sent: Encodable {
            let personNumber: String
            let askedBy: String
            let requestedAt: Date
            let statusKey: String
            let decidedAt: Date?
            /// Set once the record has moved to the unit that asked.
            let participantHref: String?
            let name: String?
            /// Set while the request waits.
            let withdrawAction: String?
        }

        let listHref = SiteURL.participants.path
        /// Just after a request was sent: what happens next.
        let justSent: Bool
        let waiting: [Waiting]
        let hasWaiting: Bool
        /// An admin sees every unit's waiting requests, so each says which unit holds the person.
        let showsHolderUnit: Bool
        let sent: [Sent]
        let hasSent: Bool
        let showsSent: Bool
    }

    @Sendable static func list(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let scope = ParticipantScope(user: user)
        let directory = TransferDirectory(sql: try request.sql, scope: scope)
        let waiting = try await directory.incoming().rows.map { row in
            Page.Waiting(
                participantHref: SiteURL.participant(row.participant_id).path,
                name: [row.first_name, row.last_name].compactMap { $0 }.joined(separator: " "),
                personNumber: masked(row.person_identifier), holderUnit: row.holder_unit_name, askingUnit: row.asking_unit_name,
                askedBy: row.asked_by ?? "", requestedAt: row.requested_at,
                acceptAction: SiteURL.participantTransferAccept(row.id).path,
                declineAction: SiteURL.participantTransferDecline(row.id).path)
        }
        var sent: [Page.Sent] = []
        if case .unit(let unitID) = scope.reach {
            sent = try await directory.sent(by: unitID).map { row in
                let named = row.namesPerson(in: unitID)
                let isOpen = TransferStatus(rawValue: row.status)?.isOpen == true
                return Page.Sent(
                    personNumber: masked(row.person_identifier), askedBy: row.asked_by ?? "", requestedAt: row.requested_at,
                    statusKey: "transfer-status.\(row.status)", decidedAt: row.decided_at,
                    participantHref: named ? SiteURL.participant(row.participant_id).path : nil,
                    name: named ? [row.first_name, row.last_name].compactMap { $0 }.joined(separator: " ") : nil,
                    withdrawAction: isOpen ? SiteURL.participantTransferWithdraw(row.id).path : nil)
            }
        }
        let page = Page(
            justSent: request.query(Self.sentParameter) == "true", waiting: waiting, hasWaiting: !waiting.isEmpty,
            showsHolderUnit: scope.reach == .all, sent: sent, hasSent: !sent.isEmpty,
            showsSent: user.role == .caseWorker)
        return try await request.render(
            "Participants/transfers", page, layout: .init(request: request, titleKey: "transfers.title"))
    }

    static let sentParameter = "sent"

    struct RequestForm: Content {
        var identifierKind: String?
        var personNumber: String?
    }

    /// Sent from the registration form that refused a number held elsewhere. The answer is the same
    /// whether this is the first request or a repeated one.
    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(RequestForm.self)
        do {
            try await service(request).request(personNumber: form.personNumber ?? "", identifierKind: form.identifierKind ?? "")
        } catch let errors as FormErrors {
            throw AppError.badRequest(messageKey: errors.fields.values.sorted().first ?? "error.bad-request")
        } catch is ParticipantService.DuplicatePersonNumber {
            throw AppError.conflict(messageKey: "participant.transfer.already-in-unit")
        }
        return request.redirect(to: SiteURL.participantTransfers.path(query: [Self.sentParameter: "true"]))
    }

    @Sendable static func accept(_ request: Request) async throws -> Response {
        try await decide(request) { try await $0.accept($1) }
    }

    @Sendable static func decline(_ request: Request) async throws -> Response {
        try await decide(request) { try await $0.decline($1) }
    }

    @Sendable static func withdraw(_ request: Request) async throws -> Response {
        try await decide(request) { try await $0.withdraw($1) }
    }

    private static func decide(
        _ request: Request, _ decision: (TransferService, UUID?) async throws -> Void
    ) async throws -> Response {
        do {
            try await decision(try service(request), request.idParameter)
        } catch let refusal as TransferStatus.Refusal {
            throw AppError.conflict(messageKey: refusal.code)
        }
        return request.redirectShowingSaved(to: .participantTransfers)
    }

    private static func masked(_ storage: String?) -> String {
        storage.flatMap { try? PersonIdentifier(storageValue: $0) }?.masked ?? "–"
    }

    private static func service(_ request: Request) throws -> TransferService {
        TransferService(
            database: request.db, clock: request.application.clock, scope: ParticipantScope(user: try request.requireUser()),
            actor: request.auditActor)
    }
}
