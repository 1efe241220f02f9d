import Fluent
import Foundation
import PraktikCore
import SQLKit

/// Who speaks for a workplace: links between employer-contact accounts and workplaces. Names,
/// e-mail addresses and phone numbers are personal data, so every view and change is audited.
struct WorkplaceContactService: Sendable {
    let database: any Database
    let clock: AppClock

    struct Row: Decodable, Sendable {
        let id: UUID
        let user_id: UUID
        let display_name: String
        let email: String
        let phone: String
        let job_title: String
    }

    func contacts(of workplaceID: UUID) async throws -> [Row] {
        let sql = try database.sql
        return try await sql.raw(
            """
            SELECT c.id, c.user_id, u.display_name, u.email, c.phone, c.job_title
            FROM workplace_contacts c JOIN users u ON u.id = c.user_id
            WHERE c.workplace_id = \(bind: workplaceID) ORDER BY u.display_name
            """
        ).all(decoding: Row.self)
    }

    /// Links the employer-contact account with this e-mail address to the workplace.
    func link(email: String, phone: String, jobTitle: String, to workplace: Workplace, by actor: AuditLog.Actor) async throws {
        var errors = FormErrors()
        let address = errors.text("email", email, .email, required: true).lowercased()
        let phone = errors.text("phone", phone, .phone)
        let jobTitle = errors.text("jobTitle", jobTitle, .name)
        try errors.throwIfAny()
        guard let workplaceID = workplace.id else { throw AppError.notFound }
        guard let user = try await User.query(on: database).filter(\.$email == address).first(), let userID = user.id else {
            throw FormErrors(fields: ["email": "contact.unknown"])
        }
        guard user.role == Role.employerContact.rawValue else { throw FormErrors(fields: ["email": "contact.not-employer-contact"]) }
        @Sendable func refuseIfLinked() async throws {
            let existing = try await WorkplaceContact.query(on: database).filter(\.$user.$id == userID)
                .filter(\.$workplace.$id == workplaceID).count()
            if existing > 0 { throw FormErrors.duplicate("email", "contact.already-linked") }
        }
        try await refuseIfLinked()
        let contact = WorkplaceContact()
        contact.$user.id = userID
        contact.$workplace.id = workplaceID
        contact.phone = phone
        contact.jobTitle = jobTitle
        try await UniqueIndex.guarding {
            try await database.writingTransaction { db in
                try await contact.create(on: db)
                try await AuditLog(database: db, clock: clock).record(
                    .create, by: actor, recordType: .workplaceContact, recordID: contact.id, detail: "user=\(userID.uuidString)")
            }
        } whenTaken: {
            try await refuseIfLinked()
        }
    }

    /// Ends a link; returns the workplace it belonged to.
    func unlink(_ contactID: UUID?, by actor: AuditLog.Actor) async throws -> UUID {
        guard let contactID, let contact = try await WorkplaceContact.find(contactID, on: database) else { throw AppError.notFound }
        let workplaceID = contact.$workplace.id
        try await database.writingTransaction { db in
            try await contact.delete(on: db)
            try await AuditLog(database: db, clock: clock).record(
                .delete, by: actor, recordType: .workplaceContact, recordID: contactID, detail: "user=\(contact.$user.id.uuidString)")
        }
        return workplaceID
    }
}
