import Foundation
import PraktikCore
import Vapor

extension WorkSource {
    /// Requests from other units for people the case worker's unit holds (an admin sees every
    /// unit's), waiting for an answer on the transfer page.
    static let transferRequests = WorkSource(roles: [.caseWorker, .admin]) { request, user in
        let (rows, total) = try await TransferDirectory(sql: try request.sql, scope: ParticipantScope(user: user))
            .incoming(limit: WorkQueries.shown)
        return WorkBucket(
            titleKey: "work.transfers", count: total,
            items: rows.map {
                WorkBucket.Item(
                    text: [$0.last_name, $0.first_name].compactMap { $0 }.joined(separator: ", "),
                    detail: request.translate("work.transfers.asked-by", $0.asking_unit_name), href: SiteURL.participantTransfers.path)
            },
            moreHref: total > rows.count ? SiteURL.participantTransfers.path : "", emptyKey: "work.transfers.none")
    }
}
