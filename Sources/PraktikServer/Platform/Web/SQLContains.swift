import SQLKit

/// `<expression> LIKE '%text%' ESCAPE '\'` with the text's own wildcards escaped, so a search for
/// "50%" or "a_b" matches that text literally on SQLite and PostgreSQL alike.
struct SQLContains: SQLExpression {
    let expression: any SQLExpression
    let text: String

    init(_ expression: any SQLExpression, _ text: String) {
        self.expression = expression
        self.text = text
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    func serialize(to serializer: inout SQLSerializer) {
        expression.serialize(to: &serializer)
        serializer.write(" LIKE ")
        SQLBind("%" + Self.escaped(text) + "%").serialize(to: &serializer)
        serializer.write(" ESCAPE '\\'")
    }
}
