import Vapor

/// A CSV download that spreadsheets open as UTF-8 (a byte order mark first), named `fileName`.
/// Cells should come from `CSVWriter`, which neutralises spreadsheet formulas.
enum CSVResponse {
    static func make(_ text: String, fileName: String) -> Response {
        let response = Response(status: .ok, body: .init(string: "\u{FEFF}" + text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        return response
    }
}
