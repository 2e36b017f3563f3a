"""Sphinx extension: write each inline script once per page.

Sphinx 7.4 registers an inline script that an extension adds after the builder starts twice,
once with the filename None and once with '' (sphinx-thebe's configuration is one). The second
copy re-declares a `const` and every page logs a JavaScript error. This drops exact duplicates.
"""


def _dedupe(app, pagename, templatename, context, doctree):
    seen = set()
    unique = []
    for script in context.get("script_files", []):
        key = (
            getattr(script, "filename", script) or "",
            tuple(sorted(getattr(script, "attributes", {}).items())),
        )
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("html-page-context", _dedupe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
