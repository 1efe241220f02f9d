import Fluent

extension Migrations {
    /// Every migration, in order. Append only: a migration that has landed is never edited.
    func addPraktikMigrations() {
        add(M0001_CreateUnits())
        add(M0002_CreateUsers())
        add(M0003_CreateUserSessions())
        add(M0004_CreateLoginAttempts())
        add(M0005_CreateAPITokens())
        add(M0006_CreateAuditEvents())
        add(M0011_CreateScheduledJobs())

        // Participants
        add(M0200_CreateParticipants())
        add(M0201_CreateParticipantLanguages())
        add(M0202_CreateParticipantTargetGroups())
        add(M0203_CreateConsentPurposes())
        add(M0204_CreateConsentEvents())
        add(M0205_CreateParticipantOutcomes())
        add(M0206_AddParticipantToUsers())
        add(M0207_CreatePortalSignInLinks())

        // Mail
        add(M0210_CreateOutboxMessages())
    }
}
