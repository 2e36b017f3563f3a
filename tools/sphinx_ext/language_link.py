"""A link on every page to the same page in the other edition: English <-> 简体中文.

The English site is built at the root of the site and the Chinese edition (tools/make_zh.py) in its
`zh/` folder, with the same file names, so a page's counterpart is one relative path away. The link is
rendered in the page's header, before the theme's buttons (_templates/article-header-buttons.html), and
a `<link rel="alternate" hreflang>` in the head tells browsers and search engines about the other page.

`course_edition` says which edition is being built: "en" (the default), "zh", or "" for a build with no
counterpart (the student website). The Chinese build also writes `lang="zh-CN"` on its pages: Sphinx
would write the configuration's `zh_CN`, which is not a language tag.
"""

from pathlib import Path

EDITIONS = {
    # edition: (root of the other edition from this one's root, its link text, its language tag)
    "en": ("zh/", "中文", "zh-CN"),
    "zh": ("../", "English", "en"),
}


def _add_link(app, pagename, templatename, context, doctree):
    if app.config.language:
        context["language"] = app.config.language.replace("_", "-")
    edition = app.config.course_edition
    if edition not in EDITIONS:
        return
    other_root, text, lang = EDITIONS[edition]
    url = "../" * pagename.count("/") + other_root + pagename + ".html"
    context["language_link"] = {"url": url, "text": text, "lang": lang}
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" hreflang="{lang}" href="{url}" />')


def _add_theme_catalogue(app):
    """In the Chinese edition, the book theme's labels that its own zh_CN catalogue lacks
    (tools/make_zh.py writes the catalogue into the edition's locale_dirs; Sphinx reads its own domain
    from there by itself)."""
    if app.config.course_edition != "zh":
        return
    for folder in app.config.locale_dirs:
        app.add_message_catalog("booktheme", str(Path(app.srcdir) / folder))


def setup(app):
    app.add_config_value("course_edition", "en", "html")
    app.connect("builder-inited", _add_theme_catalogue)
    app.connect("html-page-context", _add_link)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
