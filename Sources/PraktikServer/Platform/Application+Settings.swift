import Vapor

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }

    /// Set once by `configure`; every service reads its configuration from here.
    public var settings: Settings {
        get {
            guard let settings = storage[SettingsKey.self] else {
                fatalError("configure(_:settings:) has not run: settings are unavailable")
            }
            return settings
        }
        set { storage[SettingsKey.self] = newValue }
    }
}
