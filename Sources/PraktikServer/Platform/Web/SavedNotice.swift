import Vapor

/// The "saved" notice after a change (Post/Redirect/Get): the handler that saved redirects with
/// `redirectShowingSaved`, the page it lands on shows `Shared/saved-notice` (the layout knows
/// from the query string, so page models need no field for it).
enum SavedNotice {
    static let parameter = "saved"
}

extension Request {
    /// Redirects to `url` (and `#fragment`) with the "saved" notice shown there.
    func redirectShowingSaved(to url: SiteURL, fragment: String? = nil) -> Response {
        redirect(to: url.path(query: [SavedNotice.parameter: "true"]) + (fragment.map { "#" + $0 } ?? ""))
    }
}
