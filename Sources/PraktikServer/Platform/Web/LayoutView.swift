import Plot

/// The shared page frame for Swift views: the same markup as `layout.leaf` (a test renders both
/// for every role and language and compares them), from the same `Layout` model.
enum LayoutView {
    static func document(_ layout: Layout, words t: Words, body: HTMLNode) -> String {
        "<!DOCTYPE html>\n" + frame(layout, words: t, body: body).render()
    }

    static func frame(_ layout: Layout, words t: Words, body: HTMLNode) -> HTMLNode {
        .el(
            "html", .attr("lang", layout.language),
            .el(
                "head",
                .void("meta", .attr("charset", "utf-8")),
                .void("meta", .attr("name", "viewport"), .attr("content", "width=device-width, initial-scale=1")),
                .el("title", .words(t(layout.titleKey, layout.titleArgument) + " – Praktik")),
                .void("link", .attr("rel", "stylesheet"), .attr("href", layout.stylesheetHref)),
                .void("link", .attr("rel", "icon"), .attr("href", layout.iconHref), .attr("type", "image/svg+xml"))
            ),
            .el(
                "body",
                .el("a", .attr("class", "skip-link"), .attr("href", "#main"), .words(t("layout.skip-to-content"))),
                .el(
                    "header", .attr("class", "site-header"),
                    .el(
                        "div", .attr("class", "site-header__inner"),
                        .el("a", .attr("class", "brand"), .attr("href", layout.homeHref), .raw("Praktik")),
                        layout.user == nil ? .empty : menus(layout, t),
                        tools(layout, t)
                    )
                ),
                .el("main", .attr("id", "main"), .attr("class", "content"), .attr("tabindex", "-1"), body),
                .el(
                    "footer", .attr("class", "site-footer"), .el("p", .words(t("layout.footer"))),
                    .el("p", .el("a", .attr("href", layout.glossaryHref), .words(t("layout.glossary")))))
            )
        )
    }

    private static func menus(_ layout: Layout, _ t: Words) -> HTMLNode {
        let items = HTMLNode.el(
            "ul",
            layout.navigation.map { item in
                .el(
                    "li",
                    .el("a", .attr("href", item.href), item.isCurrent ? .attr("aria-current", "page") : .empty, .words(t(item.labelKey))))
            })
        return .group(
            .el(
                "details", .attr("class", "site-menu"),
                .el("summary", .words(t("layout.menu"))),
                .el("nav", .attr("aria-label", t("layout.main-navigation")), items)
            ),
            .el("nav", .attr("class", "site-nav"), .attr("aria-label", t("layout.main-navigation")), items)
        )
    }

    private static func tools(_ layout: Layout, _ t: Words) -> HTMLNode {
        .el(
            "div", .attr("class", "site-tools"),
            .el(
                "form", .attr("class", "language-switch"), .attr("method", "post"), .attr("action", layout.languageAction),
                .void("input", .attr("type", "hidden"), .attr("name", "_csrf"), .attr("value", layout.csrfToken)),
                .void("input", .attr("type", "hidden"), .attr("name", "returnTo"), .attr("value", layout.currentPath)),
                .el("span", .attr("class", "visually-hidden"), .attr("id", "language-label"), .words(t("layout.language"))),
                .group(
                    layout.languages.map { option in
                        .el(
                            "button", .attr("type", "submit"), .attr("name", "language"), .attr("value", option.code),
                            .attr("lang", option.code), .attr("aria-describedby", "language-label"),
                            .attr("aria-pressed", option.isCurrent ? "true" : "false"), .words(t(option.nameKey)))
                    })
            ),
            .unwrap(layout.user) { user in
                .group(
                    .el("span", .attr("class", "signed-in-as"), .words(user.displayName + " · " + t(user.roleKey))),
                    .el(
                        "form", .attr("method", "post"), .attr("action", layout.logoutAction),
                        .void("input", .attr("type", "hidden"), .attr("name", "_csrf"), .attr("value", layout.csrfToken)),
                        .el("button", .attr("type", "submit"), .attr("class", "link-button"), .words(t("layout.sign-out")))
                    )
                )
            }
        )
    }
}
