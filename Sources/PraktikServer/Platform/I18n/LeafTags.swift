import Foundation
import Leaf
import PraktikCore
import Vapor

/// `#t("key")` or `#t("key", arg0, arg1)`: the sentence for the request's language.
/// Leaf escapes a tag's output, so translations and arguments cannot inject markup.
struct TranslateTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let key = ctx.parameters.first?.string else {
            throw LeafTagError(message: "#t needs a translation key")
        }
        let arguments = ctx.parameters.dropFirst().map { $0.string ?? "" }
        guard let request = ctx.request else { return .string(key) }
        return .string(request.application.translations.text(for: key, in: request.language, arguments: Array(arguments)))
    }
}

/// `#date(value)`, `#datetime(value)`: a date (seconds since 1970, as Leaf encodes `Date`) in the
/// request's language.
struct DateTag: LeafTag {
    let includesTime: Bool

    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let seconds = ctx.parameters.first?.double else { return .string("") }
        let formatting = LocalFormatting(language: ctx.request?.language ?? .default)
        let date = Date(timeIntervalSince1970: seconds)
        return .string(includesTime ? formatting.dateTime(date) : formatting.date(date))
    }
}

/// `#number(value)` or `#number(value, fractionDigits)`.
struct NumberTag: LeafTag {
    func render(_ ctx: LeafContext) throws -> LeafData {
        guard let value = ctx.parameters.first?.double else { return .string("") }
        let digits = ctx.parameters.dropFirst().first?.int ?? 0
        return .string(LocalFormatting(language: ctx.request?.language ?? .default).number(value, fractionDigits: digits))
    }
}

struct LeafTagError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
