import Vapor

/// Serves the files in `Public/` (style sheets) through Vapor's `FileMiddleware`, but asks the file
/// system only about paths that could name a file there.
///
/// `FileMiddleware` looks every request's path up on disk, whatever its method, and a name the
/// file system cannot hold (a segment over 255 bytes, a path over the system's limit, a NUL) makes
/// that lookup fail with a 500. Such paths, and every method but GET and HEAD, go straight to
/// routing, which answers them like any other path (usually 404).
struct PublicFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
    }

    /// NAME_MAX on Linux and macOS.
    static let maximumNameBytes = 255
    /// Well under PATH_MAX (4,096 on Linux, 1,024 on macOS) once the directory is in front.
    static let maximumPathBytes = 512

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD, Self.couldNameAFile(request.url.path) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }

    static func couldNameAFile(_ path: String) -> Bool {
        guard let decoded = path.removingPercentEncoding, decoded.utf8.count <= maximumPathBytes else { return false }
        return !decoded.utf8.contains(0)
            && decoded.split(separator: "/").allSatisfy { $0.utf8.count <= maximumNameBytes }
    }
}
