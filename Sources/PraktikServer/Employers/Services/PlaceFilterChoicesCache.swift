import NIOConcurrencyHelpers
import Vapor

/// The place list's filter choices (units, districts) as last read, with the version they were
/// read under (M0121): the list's page query carries the current version, and the choices are read
/// again only when it moved. Never stale: the version is read before the choices, so a change
/// between the two stamps newer choices with an older version, which the next page reads again.
final class PlaceFilterChoicesCache: Sendable {
    private let stored = NIOLockedValueBox<(version: Int, choices: PlaceDirectory.FilterChoices)?>(nil)

    func choices(at version: Int) -> PlaceDirectory.FilterChoices? {
        stored.withLockedValue { $0?.version == version ? $0?.choices : nil }
    }

    func store(_ choices: PlaceDirectory.FilterChoices, at version: Int) {
        stored.withLockedValue { $0 = (version, choices) }
    }
}

extension Application {
    private struct PlaceFilterChoicesCacheKey: StorageKey {
        typealias Value = PlaceFilterChoicesCache
    }

    /// Set on SQLite, where M0121 keeps the version (`useDatabase`).
    var placeFilterChoices: PlaceFilterChoicesCache? {
        get { storage[PlaceFilterChoicesCacheKey.self] }
        set { storage[PlaceFilterChoicesCacheKey.self] = newValue }
    }
}
