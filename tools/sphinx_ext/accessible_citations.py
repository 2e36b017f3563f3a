"""Sphinx extension: the references page's entries are list items a screen reader can count.

docutils writes the bibliography as <div role="list"> holding one <div role="doc-biblioentry"> per entry.
DPUB-ARIA 1.1 deprecates doc-biblioentry, and browsers and axe-core no longer treat it as a list item,
so the list is announced as a list of the entries' inner elements (axe: aria-required-children,
critical). Each entry is written with role="listitem" instead; the page looks the same.
"""


def _translator_with_listitem_citations(base):
    class Translator(base):
        def visit_citation(self, node):
            super().visit_citation(node)
            self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')

    Translator.__name__ = f"ListItemCitations{base.__name__}"
    return Translator


def _install(app):
    if app.builder.format == "html":
        base = app.builder.get_translator_class()
        app.set_translator(app.builder.name, _translator_with_listitem_citations(base), override=True)


def setup(app):
    app.connect("builder-inited", _install)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
