import PraktikCore
import SQLKit

/// A search: every folded word of the query (`SearchText.words`) in at least one of `columns`,
/// which hold text folded the same way (`search_text`):
/// `(c1 LIKE '%w1%' OR c2 LIKE '%w1%') AND (c1 LIKE '%w2%' OR …)`. No words matches everything.
struct SQLAllWords: SQLExpression {
    let words: [String]
    let columns: [any SQLExpression]

    init(_ words: [String], in columns: [any SQLExpression]) {
        self.words = words
        self.columns = columns
    }

    func serialize(to serializer: inout SQLSerializer) {
        guard !words.isEmpty, !columns.isEmpty else {
            serializer.write("1 = 1")
            return
        }
        for (index, word) in words.enumerated() {
            if index > 0 { serializer.write(" AND ") }
            serializer.write("(")
            for (position, column) in columns.enumerated() {
                if position > 0 { serializer.write(" OR ") }
                SQLContains(column, word).serialize(to: &serializer)
            }
            serializer.write(")")
        }
    }
}
