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
        add(M0012_CreateOneOffJobs())

        // Employers
        add(M0100_CreateEmployers())
        add(M0101_CreateWorkplaces())
        add(M0102_CreatePlaces())
        add(M0103_CreateWorkplaceContacts())
        add(M0104_CreateEmployerCheckTypes())
        add(M0105_CreateEmployerChecks())
        add(M0106_CreateEmployerRequests())
        add(M0107_CreateImportBatches())
        add(M0108_AddImportBatchResumeLine())
        add(M0109_FoldEmployerAndPlaceSearchText())
        add(M0110_AddCheckTypeDanishNames())
        add(M0120_AddPlaceListIndex())
        add(M0121_AddPlaceFilterVersion())

        // Participants
        add(M0200_CreateParticipants())
        add(M0201_CreateParticipantLanguages())
        add(M0202_CreateParticipantTargetGroups())
        add(M0203_CreateConsentPurposes())
        add(M0204_CreateConsentEvents())
        add(M0205_CreateParticipantOutcomes())
        add(M0206_AddParticipantToUsers())
        add(M0207_CreatePortalSignInLinks())
        add(M0220_AddConsentSequenceToParticipants())
        add(M0221_AddParticipantSearchText())
        add(M0230_AddParticipantListIndexes())
        add(M0231_AddParticipantMessageLanguage())
        add(M0232_AddConsentPurposeDanishText())
        add(M0222_CreateParticipantTransfers())

        // Mail
        add(M0210_CreateOutboxMessages())
        add(M0013_AddOutboxClaims())

        // Placements
        add(M0300_CreatePlacements())
        add(M0301_ExtendPlacements())
        add(M0302_CreatePlacementEvents())
        add(M0303_CreatePlacementProgrammes())
        add(M0304_CreatePlacementAgreements())
        add(M0305_CreatePlacementHours())
        add(M0306_CreateFollowUpTemplates())
        add(M0307_CreateFollowUps())
        add(M0308_CreatePlacementLinks())
        add(M0309_CreatePlacementOutcomes())
        add(M0310_CreateOutcomeImportBatches())
        add(M0311_CreateBenefitPayments())
        add(M0312_AddSeatsTakenToPlaces())
        add(M0313_NameProgrammesInTheirOwnTerms())

        // Intake
        add(M0400_CreateProgrammes())
        add(M0401_CreateEligibilityRuleSets())
        add(M0402_CreateIntakes())
        add(M0403_CreateApplications())
        add(M0404_CreateApplicationLanguages())
        add(M0405_CreateApplicationPreferences())
        add(M0406_CreateEligibilityAssessments())
        add(M0407_CreateCompletionRequests())
        add(M0408_CreateApplicationLinks())
        add(M0409_CreateApplicationAttempts())
        add(M0410_CreateOutreach())

        // Selection
        add(M0500_CreateMatchingRuns())
        add(M0501_CreateMatchingProposals())
        add(M0502_AddProposalReview())
        add(M0503_CreateOffers())
        add(M0504_CreateInterviews())
        add(M0505_AddMatchingRound())
        add(M0510_CreateUnfilledPlaceNotes())

        // Reports and costs
        add(M0600_CreateHistoryImports())
        add(M0601_AddReportPeriodIndexes())
        add(M0602_CreateApplicantOutcomes())
        add(M0603_AddPlacementApplicationIndex())
        add(M0604_CreateReportPlacements())
        add(M0605_GroupOrderedReportIndexes())

        // The case worker's start page at a large history
        add(M0606_StartPageIndexes())
    }
}
