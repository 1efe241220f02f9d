/// The shared page frame for Swift views: the same markup as `layout.leaf` (a test renders both
/// for every role and language and compares them), from the same `Layout` model.
enum LayoutView {
    static func document(_ layout: Layout, words t: Words, body: (inout HTMLWriter) -> Void) -> HTMLWriter {
        var html = HTMLWriter()
        html.markup("<!DOCTYPE html>\n")
        html.element("html", .attr("lang", layout.language)) { html in
            html.element("head") { html in
                html.void("meta", .attr("charset", "utf-8"))
                html.void("meta", .attr("name", "viewport"), .attr("content", "width=device-width, initial-scale=1"))
                html.element("title", text: t(layout.titleKey, layout.titleArgument) + " – Praktik")
                html.void("link", .attr("rel", "stylesheet"), .attr("href", layout.stylesheetHref))
                html.void("link", .attr("rel", "icon"), .attr("href", layout.iconHref), .attr("type", "image/svg+xml"))
            }
            html.element("body") { html in
                html.element("a", .attr("class", "skip-link"), .attr("href", "#main"), text: t("layout.skip-to-content"))
                html.element("header", .attr("class", "site-header")) { html in
                    html.element("div", .attr("class", "site-header__inner")) { html in
                        html.element("a", .attr("class", "brand"), .attr("href", layout.homeHref)) { $0.markup("Praktik") }
                        if layout.user != nil { menus(layout, t, into: &html) }
                        tools(layout, t, into: &html)
                    }
                }
                html.element("main", .attr("id", "main"), .attr("class", "content"), .attr("tabindex", "-1"), content: body)
                html.element("footer", .attr("class", "site-footer")) { html in
                    html.element("p", text: t("layout.footer"))
                    html.element("p") { $0.element("a", .attr("href", layout.glossaryHref), text: t("layout.glossary")) }
                }
            }
        }
        return html
    }

    private static func menus(_ layout: Layout, _ t: Words, into html: inout HTMLWriter) {
        func items(_ html: inout HTMLWriter) {
            html.element("ul") { html in
                for item in layout.navigation {
                    html.element("li") { html in
                        html.element(
                            "a", .attr("href", item.href), item.isCurrent ? .attr("aria-current", "page") : .none, text: t(item.labelKey))
                    }
                }
            }
        }
        html.element("details", .attr("class", "site-menu")) { html in
            html.element("summary", text: t("layout.menu"))
            html.element("nav", .attr("aria-label", t("layout.main-navigation")), content: items)
        }
        html.element("nav", .attr("class", "site-nav"), .attr("aria-label", t("layout.main-navigation")), content: items)
    }

    private static func tools(_ layout: Layout, _ t: Words, into html: inout HTMLWriter) {
        html.element("div", .attr("class", "site-tools")) { html in
            html.element(
                "form", .attr("class", "language-switch"), .attr("method", "post"), .attr("action", layout.languageAction)
            ) { html in
                html.void("input", .attr("type", "hidden"), .attr("name", "_csrf"), .attr("value", layout.csrfToken))
                html.void("input", .attr("type", "hidden"), .attr("name", "returnTo"), .attr("value", layout.currentPath))
                html.element("span", .attr("class", "visually-hidden"), .attr("id", "language-label"), text: t("layout.language"))
                for option in layout.languages {
                    html.element(
                        "button", .attr("type", "submit"), .attr("name", "language"), .attr("value", option.code),
                        .attr("lang", option.code), .attr("aria-describedby", "language-label"),
                        .attr("aria-pressed", option.isCurrent ? "true" : "false"), text: t(option.nameKey))
                }
            }
            if let user = layout.user {
                html.element("span", .attr("class", "signed-in-as"), text: user.displayName + " · " + t(user.roleKey))
                html.element("form", .attr("method", "post"), .attr("action", layout.logoutAction)) { html in
                    html.void("input", .attr("type", "hidden"), .attr("name", "_csrf"), .attr("value", layout.csrfToken))
                    html.element("button", .attr("type", "submit"), .attr("class", "link-button"), text: t("layout.sign-out"))
                }
            }
        }
    }
}
