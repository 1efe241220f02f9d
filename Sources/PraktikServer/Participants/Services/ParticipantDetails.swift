import Fluent
import Foundation
import SQLKit

/// What a participant's pages show besides the record itself: languages, target groups, outcomes
/// and the record's history. Read-only; the caller has already resolved the participant through
/// its `ParticipantScope`.
struct ParticipantDetails: Sendable {
    let database: any Database

    /// The languages the person speaks, by language code.
    func languages(of participantID: UUID) async throws -> [ParticipantLanguage] {
        try await ParticipantLanguage.query(on: database).filter(\.$participant.$id == participantID).sort(\.$language).all()
    }

    /// The person's target groups, by tag.
    func targetGroups(of participantID: UUID) async throws -> [ParticipantTargetGroup] {
        try await ParticipantTargetGroup.query(on: database).filter(\.$participant.$id == participantID).sort(\.$tag).all()
    }

    /// Recorded outcomes, oldest first.
    func outcomes(of participantID: UUID) async throws -> [OutcomeRecord] {
        try await OutcomeRecord.query(on: database).filter(\.$participant.$id == participantID).sort(\.$recordedAt).all()
    }

    /// The name of the case worker responsible for the person, if any.
    func responsibleName(of participant: Participant) async throws -> String? {
        try await participant.$responsibleCaseWorker.get(on: database)?.displayName
    }

    /// One change to the record, from the audit log.
    struct Change: Decodable, Sendable {
        let occurred_at: Date
        let action: String
        let detail: String?
        let display_name: String?
        let actor_role: String
    }

    /// What was done to the record and by whom (views left out), newest first, at most `limit`.
    func changes(of participantID: UUID, limit: Int = 100) async throws -> [Change] {
        try await database.sql.raw(
            """
            SELECT a.occurred_at, a.action, a.detail, u.display_name, a.actor_role
            FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
            WHERE a.record_type = 'participant' AND a.record_id = \(bind: participantID.uuidString) AND a.action <> 'view'
            ORDER BY a.occurred_at DESC LIMIT \(literal: limit)
            """
        ).all(decoding: Change.self)
    }
}
