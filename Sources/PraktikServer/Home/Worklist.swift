import Foundation
import PraktikCore
import SQLKit
import Vapor

/// The case worker's worklist: what needs them today, bucket by bucket, each item with its action
/// one click away. Capabilities add buckets (`WorklistBuckets.praktik`); each bucket is a query
/// over the user's own scope.
protocol WorklistBucket: Sendable {
    /// Stable, for anchors and tests.
    var key: String { get }
    var titleKey: String { get }
    /// What the bucket means, under its title.
    var hintKey: String { get }
    func items(in context: WorklistContext) async throws -> WorklistBucketItems
}

/// What a bucket may read: the database, today's date, and the user's reach as a condition on
/// `participants pa` (every bucket's query joins the participant).
struct WorklistContext: Sendable {
    let sql: any SQLDatabase
    let today: CivilDate
    let scope: SQLQueryString
    /// The most items a bucket lists; the rest are counted.
    let limit: Int
}

struct WorklistItem: Encodable, Sendable {
    /// Usually a person's name.
    let title: String
    /// A plain detail (a place, an employer) and a translated one.
    let detail: String
    let detailKey: String
    let hasDetailKey: Bool
    let due: String
    let isOverdue: Bool
    let href: String
    let actionKey: String

    init(title: String, detail: String, detailKey: String = "", due: String, isOverdue: Bool, href: String, actionKey: String) {
        self.title = title
        self.detail = detail
        self.detailKey = detailKey
        self.hasDetailKey = !detailKey.isEmpty
        self.due = due
        self.isOverdue = isOverdue
        self.href = href
        self.actionKey = actionKey
    }
}

struct WorklistBucketItems: Sendable {
    var items: [WorklistItem]
    var total: Int
}

/// The worklist's buckets, in the order shown. Grouped by capability; append yours.
struct WorklistBuckets: Sendable {
    private(set) var buckets: [any WorklistBucket] = []

    mutating func add(_ bucket: any WorklistBucket) {
        precondition(!buckets.contains { $0.key == bucket.key }, "worklist bucket \(bucket.key) added twice")
        buckets.append(bucket)
    }
}

extension Application {
    private struct WorklistBucketsKey: StorageKey { typealias Value = WorklistBuckets }

    /// Set by `configure` from `WorklistBuckets.praktik`.
    var worklistBuckets: WorklistBuckets {
        get { storage[WorklistBucketsKey.self] ?? WorklistBuckets() }
        set { storage[WorklistBucketsKey.self] = newValue }
    }
}

/// The worklist page (`/worklist`), also the case worker's start page.
enum WorklistController {
    struct Page: Encodable {
        struct Bucket: Encodable {
            let key: String
            let anchor: String
            let titleKey: String
            let hintKey: String
            let items: [WorklistItem]
            let total: Int
            let more: Int
            let hasMore: Bool
            let isEmpty: Bool
        }

        let buckets: [Bucket]
        let total: Int
        let today: String
        /// The start page's other work for the person (`WorkSource`): proposals, own participants…
        let work: [WorkBucket]
        let hasWork: Bool
        /// Shown as the start page: greets the person by name, as every start page does.
        let greeting: String?
    }

    static let itemsPerBucket = 25

    static func page(_ request: Request, asStartPage: Bool) async throws -> Page {
        let user = try request.requireUser()
        let context = WorklistContext(
            sql: try request.sql, today: try request.application.clock.today(), scope: PlacementScope(user: user).condition(alias: "pa"),
            limit: itemsPerBucket)
        var buckets: [Page.Bucket] = []
        for bucket in request.application.worklistBuckets.buckets {
            let result = try await bucket.items(in: context)
            buckets.append(
                Page.Bucket(
                    key: bucket.key, anchor: "#" + bucket.key, titleKey: bucket.titleKey, hintKey: bucket.hintKey, items: result.items,
                    total: result.total,
                    more: max(0, result.total - result.items.count), hasMore: result.total > result.items.count, isEmpty: result.total == 0)
            )
        }
        let work = try await WorkSource.buckets(for: user, on: request)
        return Page(
            buckets: buckets, total: buckets.reduce(0) { $0 + $1.total }, today: context.today.description, work: work,
            hasWork: !work.isEmpty, greeting: asStartPage ? user.displayName : nil)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await request.render(
            "Home/worklist", try await page(request, asStartPage: false), layout: .init(request: request, titleKey: "worklist.title"))
    }

    /// The case worker's start page: the worklist under the start page's greeting.
    static func showAsStartPage(_ request: Request) async throws -> Response {
        try await request.render(
            "Home/worklist", try await page(request, asStartPage: true), layout: .init(request: request, titleKey: "start.title"))
    }
}
