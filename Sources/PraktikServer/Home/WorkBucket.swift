import PraktikCore
import Vapor

/// One kind of work waiting for the signed-in person ("Place proposals waiting", "Checks that
/// expire soon"), as the start page lists it: how many, the first few, and where the rest are.
///
/// Capabilities add their work by adding a `WorkSource` to `WorkSource.all`; the start page (and a
/// later worklist page) shows every source that answers for the person's role, in that order.
struct WorkBucket: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        let text: String
        let detail: String?
        /// A date or period, kept on one line.
        var when: String? = nil
        let href: String
    }

    let titleKey: String
    let count: Int
    let items: [Item]
    /// The page with all of them; empty when the items are all there is.
    let moreHref: String
    let hasMore: Bool
    let emptyKey: String
    let isEmpty: Bool

    init(titleKey: String, count: Int, items: [Item], moreHref: String = "", emptyKey: String) {
        self.titleKey = titleKey
        self.count = count
        self.items = items
        self.moreHref = moreHref
        self.hasMore = !moreHref.isEmpty
        self.emptyKey = emptyKey
        self.isEmpty = count == 0
    }
}

/// A source of one bucket: which roles it is for and how to load it for one person.
struct WorkSource: Sendable {
    let roles: Set<Role>
    let load: @Sendable (Request, SignedInUser) async throws -> WorkBucket

    /// Every source, in the order the start page shows them. Add new kinds of work here.
    static let all: [WorkSource] = [
        .placeProposals, .ownParticipants, .transferRequests, .expiringChecks, .misuseSignals,
        .retentionDue, .accounts,
        .employerPlaces,
        .reports,
    ]

    /// The buckets for `user`, in order.
    static func buckets(for user: SignedInUser, on request: Request) async throws -> [WorkBucket] {
        var buckets: [WorkBucket] = []
        for source in all where source.roles.contains(user.role) {
            buckets.append(try await source.load(request, user))
        }
        return buckets
    }
}
