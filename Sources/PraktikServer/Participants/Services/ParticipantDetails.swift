import Fluent
import Foundation
import SQLKit

/// What a participant's pages show besides the record itself: languages, target groups and
/// outcomes (the record's history is `ParticipantHistory`). Read-only; the caller has already
/// resolved the participant through its `ParticipantScope`.
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
}
