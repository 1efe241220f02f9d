import Foundation
import Logging

/// One JSON object per log line (time, level, label, message, metadata) for log collectors.
///
/// swift-log ships no JSON handler and none of the packages available here provides one, so this is
/// a small hand-written handler.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info

    init(label: String, logLevel: Logger.Level) {
        self.label = label
        self.logLevel = logLevel
    }
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: String] = [
            "time": ISO8601DateFormatter().string(from: Date()),
            "level": event.level.rawValue,
            "label": label,
            "message": event.message.description,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = value.description
        }
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]),
            var line = String(data: data, encoding: .utf8)
        else { return }
        line += "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
