"""Sphinx extension: three repairs to the HTML that Sphinx, myst-nb and the theme write, for screen readers.

axe-core (tests/site/test_site_accessibility.py) rates each of these serious or critical:

- The references page: docutils writes the bibliography as <div role="list"> holding one
  <div role="doc-biblioentry"> per entry. DPUB-ARIA 1.1 deprecates doc-biblioentry, and browsers and
  axe-core no longer take it for a list item, so the list is announced as a list of the entries' inner
  elements (aria-required-children). Each entry is written with role="listitem" instead.
- A code cell tagged hide-input: myst-nb names its toggle "Toggle hidden content" while it shows "Show
  code cell source" (label-content-name-mismatch, WCAG 2.5.3 label in name). The aria-label goes, so the
  toggle is named by the text it shows.
- The sidebar: pydata-sphinx-theme opens and closes a chapter's sub-pages with a <summary> that holds
  only a chevron icon, a button with no name (summary-name). It is named "Pages of <chapter>" ("<chapter> 的各页"
  in the Chinese edition).

Each page looks the same as before.
"""

import html
import re

from markupsafe import Markup

HIDE_INPUT_SUMMARY = '<summary aria-label="Toggle hidden content">'
# A sidebar entry with sub-pages: its link, then the <details> whose <summary> toggles them.
NAV_TOGGLE = re.compile(r'(<a\b[^>]*>(?P<title>(?:(?!</?a\b).)*)</a>\s*<details\b[^>]*>\s*)<summary>', re.S)


def _translator_with_listitem_citations(base):
    class Translator(base):
        def visit_citation(self, node):
            super().visit_citation(node)
            self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')

    Translator.__name__ = f"ListItemCitations{base.__name__}"
    return Translator


def _install_translator(app):
    if app.builder.format == "html":
        base = app.builder.get_translator_class()
        app.set_translator(app.builder.name, _translator_with_listitem_citations(base), override=True)


# The toggle's name in each edition's language (tools/make_zh.py builds with language zh_CN).
NAV_TOGGLE_NAME = {"zh_CN": "{title} 的各页"}


def name_nav_toggles(toctree_html, language=None):
    pattern = NAV_TOGGLE_NAME.get(language or "", "Pages of {title}")

    def named(match):
        title = html.unescape(re.sub(r"<[^>]+>", "", match["title"])).strip()
        return f'{match[1]}<summary aria-label="{html.escape(pattern.format(title=title))}">'

    return NAV_TOGGLE.sub(named, toctree_html)


def _repair_page(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = context["body"].replace(HIDE_INPUT_SUMMARY, "<summary>")
    generate = context.get("generate_toctree_html")
    if generate is not None:
        def generate_named(*args, **kwargs):
            return Markup(name_nav_toggles(str(generate(*args, **kwargs)), app.config.language))

        context["generate_toctree_html"] = generate_named


def setup(app):
    app.connect("builder-inited", _install_translator)
    # After the theme's own handler (priority 500), which puts generate_toctree_html in the context.
    app.connect("html-page-context", _repair_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
