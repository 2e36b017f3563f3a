"""Sphinx extension: label the references page by author and year, as the text cites.

The book cites author-year (``bibtex_reference_style: author_year``), so the text reads
"Brownlee [2019a]" or "[Goodfellow et al., 2016]". sphinxcontrib-bibtex still labels the entries
of the references page with pybtex's default ``alpha`` style, which keeps only the last two
characters of the year: the two Brownlee articles (years ``2019a`` and ``2019b``) were listed as
[Bro9a] and [Bro9b], labels the reader cannot match with the citations.

This registers the pybtex formatting style ``author_year_labels``: the ``alpha`` style (same entry
text, same sorting) with labels written as the parenthetical citation is, "Brownlee, 2019a",
"Reed and Marks, 1999", "Goodfellow et al., 2016". book/references.md selects it with the
bibliography directive's ``:style:`` option. Two entries that would get the same label are told
apart by a letter, as in ``alpha``.
"""

from collections import Counter

from pybtex.plugin import register_plugin
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.labels import BaseLabelStyle

STYLE_NAME = "author_year_labels"


def _surnames(entry):
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    return [" ".join(part.render_as("text")
                     for part in person.rich_prelast_names + person.rich_last_names)
            for person in people]


class AuthorYearLabelStyle(BaseLabelStyle):
    """Labels "Surname, year", "A and B, year" or "A et al., year"."""

    def format_label(self, entry):
        names = _surnames(entry)
        if not names:
            who = entry.fields.get("key", entry.key)
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = f"{names[0]} and {names[1]}"
        else:
            who = f"{names[0]} et al."
        year = entry.fields.get("year")
        return f"{who}, {year}" if year else who

    def format_labels(self, sorted_entries):
        labels = [self.format_label(entry) for entry in sorted_entries]
        count, seen = Counter(labels), Counter()
        for label in labels:
            if count[label] == 1:
                yield label
            else:
                yield label + chr(ord("a") + seen[label])
                seen[label] += 1


class AuthorYearLabelsStyle(AlphaStyle):
    default_label_style = AuthorYearLabelStyle


def setup(app):
    register_plugin("pybtex.style.formatting", STYLE_NAME, AuthorYearLabelsStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
