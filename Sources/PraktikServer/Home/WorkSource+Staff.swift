import Foundation
import PraktikCore
import Vapor

/// The work buckets of case workers, admins, employer contacts and analysts.
extension WorkSource {
    /// Places employers proposed, waiting for a case worker of the unit (an admin sees every unit's).
    static let placeProposals = WorkSource(roles: [.caseWorker, .admin]) { request, user in
        let unitID = user.role == .admin ? nil : user.unitID
        if user.role == .caseWorker, unitID == nil {
            return WorkBucket(titleKey: "work.proposals", count: 0, items: [], emptyKey: "work.proposals.none")
        }
        let formatting = LocalFormatting(language: request.language)
        let (rows, total) = try await WorkQueries(sql: try request.sql).proposals(unitID: unitID)
        return WorkBucket(
            titleKey: "work.proposals", count: total,
            items: rows.map {
                WorkBucket.Item(
                    text: $0.title, detail: $0.employer_name, when: period($0.period_start, $0.period_end, formatting),
                    href: SiteURL.place($0.id).path)
            },
            moreHref: total > rows.count ? SiteURL.places.path(query: ["status": PlaceStatus.proposed.rawValue]) : "",
            emptyKey: "work.proposals.none")
    }

    /// Active participants the case worker is responsible for.
    static let ownParticipants = WorkSource(roles: [.caseWorker]) { request, user in
        let (rows, total) = try await WorkQueries(sql: try request.sql).ownActiveParticipants(of: user.id)
        return WorkBucket(
            titleKey: "work.own-participants", count: total,
            items: rows.map {
                WorkBucket.Item(
                    text: [$0.last_name, $0.first_name].compactMap { $0 }.joined(separator: ", "), detail: nil,
                    href: SiteURL.participant($0.id).path)
            },
            moreHref: total > rows.count ? SiteURL.participants.path(query: ["status": ParticipantStatus.active.rawValue]) : "",
            emptyKey: "work.own-participants.none")
    }

    /// Employers (with places in the case worker's unit) whose latest check runs out within 30 days.
    static let expiringChecks = WorkSource(roles: [.caseWorker, .admin]) { request, user in
        let today = try request.application.clock.today()
        let until = today.adding(days: 30) ?? today
        let formatting = LocalFormatting(language: request.language)
        let (rows, total) = try await WorkQueries(sql: try request.sql)
            .expiringChecks(unitID: user.role == .admin ? nil : user.unitID, today: today, until: until)
        return WorkBucket(
            titleKey: "work.expiring-checks", count: total,
            items: rows.map {
                WorkBucket.Item(
                    text: $0.employer_name, detail: request.translate("work.expiring-checks.on"),
                    when: CivilDate(iso8601: $0.expires_on).map(formatting.date), href: SiteURL.employer($0.employer_id).path)
            },
            emptyKey: "work.expiring-checks.none")
    }

    /// Employers with a misuse signal.
    static let misuseSignals = WorkSource(roles: [.caseWorker]) { request, _ in
        let flagged = try await request.misuseSignalService().flagged()
        return WorkBucket(
            titleKey: "work.signals", count: flagged.count,
            items: flagged.prefix(WorkQueries.shown).map {
                WorkBucket.Item(
                    text: $0.name, detail: request.translate("work.signals.count", String($0.signals.count)),
                    href: SiteURL.employer($0.employerID).path)
            },
            moreHref: flagged.count > WorkQueries.shown ? SiteURL.employerSignals.path : "", emptyKey: "work.signals.none")
    }

    /// Exited participants whose retention period has run out.
    static let retentionDue = WorkSource(roles: [.admin]) { request, _ in
        let due = try await RetentionService(
            database: request.db, clock: request.application.clock, policy: request.application.settings.retention
        ).dueForErasure()
        let formatting = LocalFormatting(language: request.language)
        return WorkBucket(
            titleKey: "work.retention", count: due.count,
            items: due.prefix(WorkQueries.shown).map {
                WorkBucket.Item(
                    text: $0.unit_name, detail: request.translate("work.retention.exited"),
                    when: CivilDate(iso8601: $0.exit_date).map(formatting.date), href: SiteURL.participant($0.id).path)
            },
            moreHref: due.isEmpty ? "" : SiteURL.adminRetention.path, emptyKey: "work.retention.none")
    }

    /// Accounts, units, API keys and sessions, for the admin.
    static let accounts = WorkSource(roles: [.admin]) { request, _ in
        let counts = try await AdminFigures(sql: try request.sql).counts()
        return WorkBucket(
            titleKey: "work.accounts", count: counts.users,
            items: [
                WorkBucket.Item(
                    text: request.translate("work.accounts.users", String(counts.users)),
                    detail: request.translate("work.accounts.sessions", String(counts.sessions)), href: SiteURL.adminUsers.path),
                WorkBucket.Item(
                    text: request.translate("work.accounts.units", String(counts.units)), detail: nil, href: SiteURL.adminUnits.path),
                WorkBucket.Item(
                    text: request.translate("work.accounts.tokens", String(counts.tokens)), detail: nil, href: SiteURL.adminAPITokens.path),
            ],
            emptyKey: "work.accounts.none")
    }

    /// An employer contact's proposed and open places.
    static let employerPlaces = WorkSource(roles: [.employerContact]) { request, _ in
        let ids = try await request.employerContactScope().workplaceIDs()
        let formatting = LocalFormatting(language: request.language)
        let (rows, total) = try await WorkQueries(sql: try request.sql).employerPlaces(workplaceIDs: ids)
        return WorkBucket(
            titleKey: "work.employer-places", count: total,
            items: rows.map {
                WorkBucket.Item(
                    text: $0.title,
                    detail: request.translate("place-status.\($0.status)"), when: period($0.period_start, $0.period_end, formatting),
                    href: SiteURL.employerPortalPlace($0.id).path)
            },
            moreHref: SiteURL.employerPortal.path, emptyKey: "work.employer-places.none")
    }

    /// The reports an analyst can open.
    static let reports = WorkSource(roles: [.analyst]) { request, _ in
        WorkBucket(
            titleKey: "work.reports", count: 1,
            items: [
                WorkBucket.Item(
                    text: request.translate("nav.compilation"), detail: request.translate("nav.compilation.description"),
                    href: SiteURL.compilation.path)
            ],
            emptyKey: "work.reports.none")
    }

    private static func period(_ start: String, _ end: String, _ formatting: LocalFormatting) -> String {
        let first = CivilDate(iso8601: start).map(formatting.date) ?? start
        let last = CivilDate(iso8601: end).map(formatting.date) ?? end
        return first + " – " + last
    }
}
