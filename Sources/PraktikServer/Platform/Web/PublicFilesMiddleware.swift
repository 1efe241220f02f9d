import Foundation
import Vapor

/// Serves the files in `Public/` (style sheet, icons) through Vapor's `FileMiddleware`, but only
/// for the paths of the files that were there when the server started.
///
/// `FileMiddleware` asks the file system about every GET's path, through a thread pool: for a page
/// that is a crossing to another thread and back before routing even starts (a tenth of the server's
/// thread switches on `/places` under load), and a name the file system cannot hold (a segment over
/// 255 bytes, a NUL) makes the lookup fail with a 500. `Public/` is part of the deployment and
/// holds three files, so its list is read once: any other path, and every method but GET and HEAD,
/// goes straight to routing, which answers it like any other path (usually 404). A file added to
/// `Public/` is served after the next start.
struct PublicFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware
    /// Request paths of the public files (`/css/app.css`).
    let paths: Set<String>

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
        paths = Self.filePaths(in: publicDirectory)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD, let path = request.url.path.removingPercentEncoding,
            paths.contains(path)
        else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }

    /// The regular files under `directory`, at any depth, as request paths; hidden files are left out.
    static func filePaths(in directory: String) -> Set<String> {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        guard
            let found = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var paths: Set<String> = []
        let prefix = root.standardizedFileURL.path
        for case let url as URL in found {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            let relative = path.dropFirst(prefix.count).drop { $0 == "/" }
            paths.insert("/" + relative)
        }
        return paths
    }
}
