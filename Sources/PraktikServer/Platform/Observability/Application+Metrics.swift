import Vapor

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = PraktikMetrics }

    var metrics: PraktikMetrics {
        if let existing = storage[MetricsKey.self] { return existing }
        let created = PraktikMetrics()
        storage[MetricsKey.self] = created
        return created
    }
}
