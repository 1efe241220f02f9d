import PraktikCore
import Vapor

/// Every route of Praktik and who may call it, grouped by capability.
func routes(_ app: Application) throws {
    let r = app.routes

    // MARK: Platform
    r.on(.GET, SiteURL.healthLive.pathComponents, access: .anyone, use: HealthController.live)
    r.on(.GET, SiteURL.healthReady.pathComponents, access: .anyone, use: HealthController.ready)
    r.on(.GET, SiteURL.metrics.pathComponents, access: .metricsScraper, use: HealthController.metrics)
    r.on(.POST, SiteURL.language.pathComponents, access: .anyone, body: .smallForm, use: LoginController.switchLanguage)

    // MARK: Accounts
    r.on(.GET, SiteURL.root.pathComponents, access: .anyone, use: LoginController.root)
    r.on(.GET, SiteURL.glossary.pathComponents, access: .anyone, use: GlossaryController.show)
    r.on(.GET, SiteURL.login(next: nil).pathComponents, access: .anyone, use: LoginController.show)
    r.on(.POST, SiteURL.login(next: nil).pathComponents, access: .anyone, body: .smallForm, use: LoginController.submit)
    r.on(.POST, SiteURL.logout.pathComponents, access: .anySignedIn, use: LoginController.logout)
    r.on(.GET, SiteURL.start.pathComponents, access: .anySignedIn, use: HomeController.start)
    r.on(.GET, SiteURL.account.pathComponents, access: .anySignedIn, use: AccountController.show)
    r.on(
        .POST, SiteURL.accountPassword.pathComponents, access: .roles(.admin, .caseWorker, .employerContact, .analyst),
        use: AccountController.changePassword)
    r.on(.POST, SiteURL.accountLanguage.pathComponents, access: .anySignedIn, use: AccountController.changeLanguage)

    // MARK: Administration
    r.on(.GET, SiteURL.adminUsers.pathComponents, access: .roles(.admin), use: UsersController.list)
    r.on(.GET, SiteURL.adminNewUser.pathComponents, access: .roles(.admin), use: UsersController.new)
    r.on(.POST, SiteURL.adminUsers.pathComponents, access: .roles(.admin), use: UsersController.create)
    r.on(.GET, SiteURL.adminUser(nil).pathComponents, access: .roles(.admin), use: UsersController.show)
    r.on(.POST, SiteURL.adminUser(nil).pathComponents, access: .roles(.admin), use: UsersController.update)
    r.on(.POST, SiteURL.adminUserPassword(nil).pathComponents, access: .roles(.admin), use: UsersController.resetPassword)
    r.on(.GET, SiteURL.adminUnits.pathComponents, access: .roles(.admin), use: UnitsController.list)
    r.on(.POST, SiteURL.adminUnits.pathComponents, access: .roles(.admin), use: UnitsController.create)
    r.on(.GET, SiteURL.adminUnit(nil).pathComponents, access: .roles(.admin), use: UnitsController.show)
    r.on(.POST, SiteURL.adminUnit(nil).pathComponents, access: .roles(.admin), use: UnitsController.update)
    r.on(.GET, SiteURL.adminAPITokens.pathComponents, access: .roles(.admin), use: APITokensController.list)
    r.on(.POST, SiteURL.adminAPITokens.pathComponents, access: .roles(.admin), use: APITokensController.create)
    r.on(.POST, SiteURL.adminAPITokenRevoke(nil).pathComponents, access: .roles(.admin), use: APITokensController.revoke)

    // MARK: Audit
    r.on(.GET, SiteURL.adminAudit.pathComponents, access: .roles(.admin), use: AuditController.search)

    // MARK: Participants (case workers within their unit; admins everywhere)
    let staff = Access.roles(.caseWorker, .admin)
    r.on(.GET, SiteURL.participants.pathComponents, access: staff, use: ParticipantsController.list)
    r.on(.GET, SiteURL.participantNew.pathComponents, access: staff, use: ParticipantsController.new)
    r.on(.POST, SiteURL.participants.pathComponents, access: staff, use: ParticipantsController.create)
    r.on(.GET, SiteURL.participant(nil).pathComponents, access: staff, use: ParticipantsController.show)
    r.on(.GET, SiteURL.participantEdit(nil).pathComponents, access: staff, use: ParticipantsController.edit)
    r.on(.POST, SiteURL.participantEdit(nil).pathComponents, access: staff, use: ParticipantsController.update)
    r.on(.POST, SiteURL.participantConsents(nil).pathComponents, access: staff, use: ParticipantsController.recordConsent)
    r.on(.POST, SiteURL.participantExit(nil).pathComponents, access: staff, use: ParticipantsController.exit)
    r.on(.POST, SiteURL.participantOutcomes(nil).pathComponents, access: staff, use: ParticipantsController.recordOutcome)
    r.on(.GET, SiteURL.participantExport(nil).pathComponents, access: staff, use: ParticipantsController.export)
    r.on(.POST, SiteURL.participantErase(nil).pathComponents, access: staff, use: ParticipantsController.erase)
    // Transfer requests: a case worker asks for a person another unit holds; that unit (or an admin) answers.
    r.on(.GET, SiteURL.participantTransfers.pathComponents, access: staff, use: TransfersController.list)
    r.on(.POST, SiteURL.participantTransfers.pathComponents, access: .roles(.caseWorker), use: TransfersController.create)
    r.on(.POST, SiteURL.participantTransferAccept(nil).pathComponents, access: staff, use: TransfersController.accept)
    r.on(.POST, SiteURL.participantTransferDecline(nil).pathComponents, access: staff, use: TransfersController.decline)
    r.on(.POST, SiteURL.participantTransferWithdraw(nil).pathComponents, access: .roles(.caseWorker), use: TransfersController.withdraw)
    r.on(.GET, SiteURL.adminRetention.pathComponents, access: .roles(.admin), use: PrivacyAdminController.retention)
    r.on(.POST, SiteURL.adminRetention.pathComponents, access: .roles(.admin), use: PrivacyAdminController.runRetention)
    r.on(.GET, SiteURL.adminConsentPurposes.pathComponents, access: .roles(.admin), use: PrivacyAdminController.purposes)
    r.on(.POST, SiteURL.adminConsentPurposes.pathComponents, access: .roles(.admin), use: PrivacyAdminController.addPurpose)

    // MARK: Participant portal
    r.on(.GET, SiteURL.portalSignIn.pathComponents, access: .anyone, use: ParticipantPortalController.signInForm)
    r.on(.POST, SiteURL.portalSignIn.pathComponents, access: .anyone, body: .smallForm, use: ParticipantPortalController.requestLink)
    r.on(.GET, SiteURL.portalLink(nil).pathComponents, access: .anyone, use: ParticipantPortalController.confirmLink)
    r.on(.POST, SiteURL.portalLink(nil).pathComponents, access: .anyone, body: .smallForm, use: ParticipantPortalController.redeemLink)
    r.on(.GET, SiteURL.portal.pathComponents, access: .roles(.participant), use: ParticipantPortalController.home)
    r.on(.POST, SiteURL.portalConsents.pathComponents, access: .roles(.participant), use: ParticipantPortalController.recordConsent)
    r.on(.GET, SiteURL.portalExport.pathComponents, access: .roles(.participant), use: ParticipantPortalController.myData)
    r.on(.GET, SiteURL.portalExportJSON.pathComponents, access: .roles(.participant), use: ParticipantPortalController.myDataJSON)

    // MARK: Employers
    r.on(.GET, SiteURL.employers.pathComponents, access: staff, use: EmployersController.list)
    r.on(.GET, SiteURL.employerNew.pathComponents, access: staff, use: EmployersController.new)
    r.on(.POST, SiteURL.employers.pathComponents, access: staff, use: EmployersController.create)
    r.on(.GET, SiteURL.employer(nil).pathComponents, access: staff, use: EmployersController.show)
    r.on(.GET, SiteURL.employerEdit(nil).pathComponents, access: staff, use: EmployersController.edit)
    r.on(.POST, SiteURL.employer(nil).pathComponents, access: staff, use: EmployersController.update)
    r.on(.POST, SiteURL.employerChecks(nil).pathComponents, access: staff, use: EmployerChecksController.record)
    r.on(.GET, SiteURL.employerWorkplaceNew(nil).pathComponents, access: staff, use: WorkplacesController.new)
    r.on(.POST, SiteURL.employerWorkplaces(nil).pathComponents, access: staff, use: WorkplacesController.create)
    r.on(.GET, SiteURL.employerSignals.pathComponents, access: staff, use: MisuseSignalsController.list)
    r.on(.GET, SiteURL.employerImport.pathComponents, access: staff, use: RegisterImportController.form)
    r.on(.POST, SiteURL.employerImport.pathComponents, access: staff, body: .collect(maxSize: "20mb"), use: RegisterImportController.upload)
    r.on(.GET, SiteURL.employerImportBatch(nil).pathComponents, access: staff, use: RegisterImportController.show)
    r.on(.POST, SiteURL.employerImportBatch(nil).pathComponents, access: staff, use: RegisterImportController.confirm)
    r.on(.GET, SiteURL.employerExport.pathComponents, access: staff, use: RegisterExportController.export)
    r.on(.GET, SiteURL.compilation.pathComponents, access: .roles(.caseWorker, .admin, .analyst), use: CompilationController.show)
    r.on(.GET, SiteURL.reports.pathComponents, access: .roles(.caseWorker, .admin, .analyst), use: ReportsController.index)
    r.on(.GET, SiteURL.report(nil).pathComponents, access: .roles(.caseWorker, .admin, .analyst), use: ReportsController.show)
    r.on(.GET, SiteURL.boardReport.pathComponents, access: .roles(.caseWorker, .admin, .analyst), use: ReportsController.board)
    r.on(.GET, SiteURL.compilationExport.pathComponents, access: .roles(.caseWorker, .admin, .analyst), use: CompilationController.export)
    r.on(.GET, SiteURL.workplace(nil).pathComponents, access: staff, use: WorkplacesController.show)
    r.on(.GET, SiteURL.workplaceEdit(nil).pathComponents, access: staff, use: WorkplacesController.edit)
    r.on(.POST, SiteURL.workplace(nil).pathComponents, access: staff, use: WorkplacesController.update)
    r.on(.POST, SiteURL.workplaceContacts(nil).pathComponents, access: staff, use: WorkplacesController.addContact)
    r.on(.POST, SiteURL.workplaceContactRemove(nil).pathComponents, access: staff, use: WorkplacesController.removeContact)
    r.on(.GET, SiteURL.workplacePlaceNew(nil).pathComponents, access: staff, use: PlacesController.new)
    r.on(.POST, SiteURL.workplacePlaces(nil).pathComponents, access: staff, use: PlacesController.create)
    r.on(.GET, SiteURL.places.pathComponents, access: staff, use: PlacesController.list)
    r.on(.GET, SiteURL.place(nil).pathComponents, access: staff, use: PlacesController.show)
    r.on(.GET, SiteURL.placeEdit(nil).pathComponents, access: staff, use: PlacesController.edit)
    r.on(.POST, SiteURL.place(nil).pathComponents, access: staff, use: PlacesController.update)
    r.on(.POST, SiteURL.placeStatus(nil).pathComponents, access: staff, use: PlacesController.changeStatus)
    r.on(.GET, SiteURL.adminCheckTypes.pathComponents, access: .roles(.admin), use: EmployerChecksController.types)
    r.on(.POST, SiteURL.adminCheckTypes.pathComponents, access: .roles(.admin), use: EmployerChecksController.createType)
    r.on(.POST, SiteURL.adminCheckType(nil).pathComponents, access: .roles(.admin), use: EmployerChecksController.updateType)

    // MARK: Intake: the public application portal (anyone; submissions throttled per address)
    r.on(.GET, SiteURL.apply.pathComponents, access: .anyone, use: ApplyController.list)
    r.on(.GET, SiteURL.applyReceived.pathComponents, access: .anyone, use: ApplyController.received)
    r.on(.GET, SiteURL.applyIntake(nil).pathComponents, access: .anyone, use: ApplyController.form)
    r.on(.POST, SiteURL.applyIntake(nil).pathComponents, access: .anyone, use: ApplyController.submit)
    r.on(.GET, SiteURL.applicationStatusRequest.pathComponents, access: .anyone, use: ApplicationStatusController.requestForm)
    r.on(.POST, SiteURL.applicationStatusRequest.pathComponents, access: .anyone, use: ApplicationStatusController.requestLinks)
    r.on(
        .GET, SiteURL.applicationStatus(nil).pathComponents, access: .anyone,
        use: ApplicationStatusController.guarded(ApplicationStatusController.show))
    r.on(
        .POST, SiteURL.applicationStatusCompletion(nil).pathComponents, access: .anyone,
        use: ApplicationStatusController.guarded(ApplicationStatusController.answerCompletion))
    r.on(
        .POST, SiteURL.applicationStatusWithdraw(nil).pathComponents, access: .anyone,
        use: ApplicationStatusController.guarded(ApplicationStatusController.withdraw))
    r.on(
        .POST, SiteURL.applicationStatusConsent(nil).pathComponents, access: .anyone,
        use: ApplicationStatusController.guarded(ApplicationStatusController.consent))
    r.on(
        .POST, SiteURL.applicationStatusWaitingList(nil).pathComponents, access: .anyone,
        use: ApplicationStatusController.guarded(ApplicationStatusController.waitingList))

    // MARK: Intake: intakes, screening and outreach (case workers of the programme's unit; admins)
    r.on(.GET, SiteURL.intakes.pathComponents, access: .roles(.caseWorker, .admin, .analyst), use: IntakesController.list)
    r.on(.GET, SiteURL.intakeNew.pathComponents, access: staff, use: IntakesController.new)
    r.on(.POST, SiteURL.intakes.pathComponents, access: staff, use: IntakesController.create)
    r.on(.GET, SiteURL.intake(nil).pathComponents, access: staff, use: IntakesController.show)
    r.on(.POST, SiteURL.intake(nil).pathComponents, access: staff, use: IntakesController.update)
    r.on(.GET, SiteURL.intakeEdit(nil).pathComponents, access: staff, use: IntakesController.edit)
    r.on(.POST, SiteURL.intakeStatus(nil).pathComponents, access: staff, use: IntakesController.changeStatus)
    r.on(.POST, SiteURL.intakeWaitingList(nil).pathComponents, access: staff, use: IntakesController.carryWaitingList)
    r.on(.GET, SiteURL.intakeScreening(nil).pathComponents, access: staff, use: ScreeningController.queue)
    r.on(.POST, SiteURL.intakeDecisions(nil).pathComponents, access: staff, use: ScreeningController.decide)
    r.on(.GET, SiteURL.application(nil).pathComponents, access: staff, use: ApplicationsController.show)
    r.on(.POST, SiteURL.applicationDecision(nil).pathComponents, access: staff, use: ApplicationsController.decide)
    r.on(.POST, SiteURL.applicationCompletion(nil).pathComponents, access: staff, use: ApplicationsController.requestCompletion)
    r.on(.POST, SiteURL.applicationAnswers(nil).pathComponents, access: staff, use: ApplicationsController.correct)
    r.on(.POST, SiteURL.applicationOfferAnswer(nil).pathComponents, access: staff, use: ApplicationsController.answerOffer)
    r.on(.GET, SiteURL.intakeOutreach(nil).pathComponents, access: staff, use: OutreachController.show)
    r.on(.POST, SiteURL.intakeOutreach(nil).pathComponents, access: staff, use: OutreachController.submit)
    r.on(.GET, SiteURL.outreachSelection(nil).pathComponents, access: staff, use: OutreachController.selection)
    r.on(.POST, SiteURL.outreachSend(nil).pathComponents, access: staff, use: OutreachController.send)
    r.on(.GET, SiteURL.outreachLetters(nil).pathComponents, access: staff, use: OutreachController.letters)
    r.on(.POST, SiteURL.outreachLettersPosted(nil).pathComponents, access: staff, use: OutreachController.lettersPosted)
    r.on(.GET, SiteURL.eligibilityRules.pathComponents, access: staff, use: EligibilityRulesController.list)
    r.on(.GET, SiteURL.adminProgrammes.pathComponents, access: .roles(.admin), use: ProgrammesController.list)
    r.on(.POST, SiteURL.adminProgrammes.pathComponents, access: .roles(.admin), use: ProgrammesController.create)

    // MARK: Selection: matching runs of an intake (case workers of the programme's unit; admins)
    r.on(.GET, SiteURL.intakeMatching(nil).pathComponents, access: staff, use: MatchingController.show)
    r.on(.POST, SiteURL.intakeMatching(nil).pathComponents, access: staff, use: MatchingController.start)
    r.on(.GET, SiteURL.matchingRun(nil).pathComponents, access: staff, use: ShortlistsController.show)
    r.on(.POST, SiteURL.matchingRunRemove(nil).pathComponents, access: staff, use: ShortlistsController.remove)
    r.on(.GET, SiteURL.matchingRunAdd(nil).pathComponents, access: staff, use: ShortlistsController.addForm)
    r.on(.POST, SiteURL.matchingRunAdd(nil).pathComponents, access: staff, use: ShortlistsController.add)
    r.on(.POST, SiteURL.matchingRunPublish(nil).pathComponents, access: staff, use: ShortlistsController.publish)
    r.on(.GET, SiteURL.employerPortalShortlists.pathComponents, access: .roles(.employerContact), use: EmployerShortlistsController.show)
    r.on(
        .POST, SiteURL.employerPortalShortlistOffers(nil).pathComponents, access: .roles(.employerContact),
        use: EmployerShortlistsController.offer)
    r.on(
        .POST, SiteURL.employerPortalShortlistInterviews(nil).pathComponents, access: .roles(.employerContact),
        use: EmployerShortlistsController.proposeInterview)
    r.on(
        .POST, SiteURL.employerPortalInterviewOutcome(nil).pathComponents, access: .roles(.employerContact),
        use: EmployerShortlistsController.recordInterviewOutcome)
    r.on(
        .POST, SiteURL.employerPortalInterviewCancel(nil).pathComponents, access: .roles(.employerContact),
        use: EmployerShortlistsController.cancelInterview)

    // MARK: Intake: the funnel (analysts see it for every intake, small numbers hidden)
    r.on(.GET, SiteURL.intakeFunnel(nil).pathComponents, access: .roles(.caseWorker, .admin, .analyst), use: FunnelController.show)
    r.on(.GET, SiteURL.intakeFunnelCSV(nil).pathComponents, access: .roles(.caseWorker, .admin, .analyst), use: FunnelController.export)
    r.on(
        .GET, SiteURL.intakeUnfilled(nil).pathComponents, access: .roles(.caseWorker, .admin, .analyst), use: UnfilledPlacesController.show)
    r.on(.POST, SiteURL.intakeUnfilled(nil).pathComponents, access: .roles(.caseWorker, .admin), use: UnfilledPlacesController.setReason)
    r.on(
        .GET, SiteURL.intakeUnfilledCSV(nil).pathComponents, access: .roles(.caseWorker, .admin, .analyst),
        use: UnfilledPlacesController.export)

    // MARK: Employer portal
    let contact = Access.roles(.employerContact)
    r.on(.GET, SiteURL.employerPortal.pathComponents, access: contact, use: EmployerPortalController.start)
    r.on(.GET, SiteURL.employerPortalWorkplace(nil).pathComponents, access: contact, use: EmployerPortalController.workplace)
    r.on(.POST, SiteURL.employerPortalWorkplace(nil).pathComponents, access: contact, use: EmployerPortalController.updateWorkplace)
    r.on(.GET, SiteURL.employerPortalWorkplacePlaceNew(nil).pathComponents, access: contact, use: EmployerPortalController.newPlace)
    r.on(.POST, SiteURL.employerPortalWorkplacePlaces(nil).pathComponents, access: contact, use: EmployerPortalController.proposePlace)
    r.on(.GET, SiteURL.employerPortalPlace(nil).pathComponents, access: contact, use: EmployerPortalController.place)
    r.on(.POST, SiteURL.employerPortalPlace(nil).pathComponents, access: contact, use: EmployerPortalController.updatePlace)
    r.on(.POST, SiteURL.employerPortalPlaceStatus(nil).pathComponents, access: contact, use: EmployerPortalController.changePlaceStatus)

    // MARK: Placements (case workers for their unit's participants; admins everywhere)
    r.on(.GET, SiteURL.worklist.pathComponents, access: staff, use: WorklistController.show)
    r.on(.GET, SiteURL.placements.pathComponents, access: staff, use: PlacementsController.list)
    r.on(.GET, SiteURL.participantPlacementNew(nil).pathComponents, access: staff, use: PlacementsController.new)
    r.on(.POST, SiteURL.participantPlacements(nil).pathComponents, access: staff, use: PlacementsController.create)
    r.on(.GET, SiteURL.placement(nil).pathComponents, access: staff, use: PlacementsController.show)
    r.on(.POST, SiteURL.placementAction(nil).pathComponents, access: staff, use: PlacementsController.act)
    r.on(.POST, SiteURL.placementDecision(nil).pathComponents, access: staff, use: PlacementsController.decideAwaiting)
    r.on(.POST, SiteURL.placementAgreement(nil).pathComponents, access: staff, use: PlacementsController.saveAgreement)
    r.on(.POST, SiteURL.placementHours(nil).pathComponents, access: staff, use: PlacementsController.addHours)
    r.on(.POST, SiteURL.placementOutcomes(nil).pathComponents, access: staff, use: PlacementsController.recordOutcome)
    r.on(.POST, SiteURL.placementHire(nil).pathComponents, access: staff, use: PlacementsController.recordHire)
    r.on(.GET, SiteURL.placementLetter(nil).pathComponents, access: staff, use: PlacementLetterController.staff)
    r.on(.GET, SiteURL.followUp(nil).pathComponents, access: staff, use: FollowUpsController.show)
    r.on(.POST, SiteURL.followUp(nil).pathComponents, access: staff, use: FollowUpsController.answer)
    r.on(.POST, SiteURL.followUpSend(nil).pathComponents, access: staff, use: FollowUpsController.send)
    r.on(.GET, SiteURL.outcomeImport.pathComponents, access: .roles(.admin), use: OutcomeImportController.form)
    r.on(
        .POST, SiteURL.outcomeImport.pathComponents, access: .roles(.admin), body: .collect(maxSize: "20mb"),
        use: OutcomeImportController.upload)
    r.on(.GET, SiteURL.outcomeImportBatch(nil).pathComponents, access: .roles(.admin), use: OutcomeImportController.show)
    r.on(.POST, SiteURL.outcomeImportBatch(nil).pathComponents, access: .roles(.admin), use: OutcomeImportController.confirm)
    r.on(.GET, SiteURL.adminFollowUpTemplates.pathComponents, access: .roles(.admin), use: FollowUpTemplatesController.list)
    r.on(.GET, SiteURL.adminFollowUpTemplate(nil).pathComponents, access: .roles(.admin), use: FollowUpTemplatesController.show)
    r.on(.POST, SiteURL.adminFollowUpTemplate(nil).pathComponents, access: .roles(.admin), use: FollowUpTemplatesController.save)
    r.on(.GET, SiteURL.adminPlacementProgrammes.pathComponents, access: .roles(.admin), use: PlacementProgrammesController.list)
    r.on(.GET, SiteURL.adminPlacementProgramme(nil).pathComponents, access: .roles(.admin), use: PlacementProgrammesController.show)
    r.on(.POST, SiteURL.adminPlacementProgramme(nil).pathComponents, access: .roles(.admin), use: PlacementProgrammesController.save)
    // Signed single-purpose links: no account; the link itself is the access, checked by the handler.
    r.on(.GET, SiteURL.followUpForm(nil).pathComponents, access: .anyone, use: LinkPagesController.showForm)
    r.on(.POST, SiteURL.followUpForm(nil).pathComponents, access: .anyone, use: LinkPagesController.answerForm)
    r.on(.GET, SiteURL.agreementLink(nil).pathComponents, access: .anyone, use: LinkPagesController.showAgreement)
    r.on(.POST, SiteURL.agreementLink(nil).pathComponents, access: .anyone, use: LinkPagesController.confirmAgreement)
    r.on(.GET, SiteURL.checkpointLink(nil).pathComponents, access: .anyone, use: LinkPagesController.showCheckpoint)
    r.on(.POST, SiteURL.checkpointLink(nil).pathComponents, access: .anyone, use: LinkPagesController.answerCheckpoint)
    r.on(.GET, SiteURL.offerLink(nil).pathComponents, access: .anyone, use: OfferPagesController.show)
    r.on(.POST, SiteURL.offerLink(nil).pathComponents, access: .anyone, use: OfferPagesController.answer)
    r.on(.GET, SiteURL.interviewLink(nil).pathComponents, access: .anyone, use: InterviewPagesController.show)
    r.on(.POST, SiteURL.interviewLink(nil).pathComponents, access: .anyone, use: InterviewPagesController.answer)
    r.on(.GET, SiteURL.employerPortalInterns.pathComponents, access: .roles(.employerContact), use: EmployerInternsController.list)
    r.on(.GET, SiteURL.employerPortalIntern(nil).pathComponents, access: .roles(.employerContact), use: EmployerInternsController.show)
    r.on(
        .POST, SiteURL.employerPortalInternHire(nil).pathComponents, access: .roles(.employerContact),
        use: EmployerInternsController.recordHire)
    r.on(.GET, SiteURL.employerPortalForm(nil).pathComponents, access: .roles(.employerContact), use: EmployerInternsController.showForm)
    r.on(.POST, SiteURL.employerPortalForm(nil).pathComponents, access: .roles(.employerContact), use: EmployerInternsController.answerForm)
    r.on(.GET, SiteURL.portalPlacementLetter(nil).pathComponents, access: .roles(.participant), use: PlacementLetterController.portal)

    // MARK: Reports (aggregates for analysts; staff who may open the records see exact figures)
    r.on(.GET, SiteURL.adminHistoryImport.pathComponents, access: .roles(.admin), use: HistoryImportController.form)
    r.on(
        .POST, SiteURL.adminHistoryImport.pathComponents, access: .roles(.admin), body: .collect(maxSize: "64mb"),
        use: HistoryImportController.upload)
    r.on(.GET, SiteURL.adminHistoryImportBatch(nil).pathComponents, access: .roles(.admin), use: HistoryImportController.show)
    r.on(.POST, SiteURL.adminHistoryImportBatch(nil).pathComponents, access: .roles(.admin), use: HistoryImportController.confirm)

    // MARK: JSON API
    r.on(.GET, SiteURL.apiOpenAPI.pathComponents, access: .anyone, use: APIController.openAPI)
    r.on(.GET, SiteURL.apiMe.pathComponents, access: .apiToken(Set(Role.allCases)), use: APIController.me)
    r.on(.GET, SiteURL.apiUnits.pathComponents, access: .apiToken([.admin, .caseWorker, .analyst]), use: APIController.units)
    r.on(.GET, SiteURL.apiEmployers.pathComponents, access: .apiToken([.admin, .caseWorker]), use: EmployersAPIController.employers)
    r.on(.GET, SiteURL.apiPlaces.pathComponents, access: .apiToken([.admin, .caseWorker]), use: EmployersAPIController.places)
    r.on(
        .GET, SiteURL.apiPlaceUsability(nil).pathComponents, access: .apiToken([.admin, .caseWorker]), use: EmployersAPIController.usability
    )
}
