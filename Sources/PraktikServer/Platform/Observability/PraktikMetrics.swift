import Foundation
import Prometheus

/// Prometheus metrics of one application instance, served at `/metrics`.
///
/// A registry per application (not the process-wide `MetricsSystem`), so tests that start many
/// applications in one process do not share counters.
final class PraktikMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    private static let durationBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(
            descriptor: .init(metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route and status"),
            labels: labels
        ).increment()
        registry.makeValueHistogram(
            descriptor: .init(metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer a request"),
            labels: [("method", method), ("route", route)],
            buckets: Self.durationBuckets
        ).record(seconds)
    }

    func exposition() -> String { registry.emitToString() }
}
