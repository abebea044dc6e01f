"""The search box's language, as on the working group's current site.

`Content: …` searches content (projects, meetings), `Ort: …`/`Orte: …` searches places (cities,
venues), no prefix searches both. "Quotes" make a phrase, -word excludes. Everything else is
plain words: Lucene operators and backslashes are not passed to the engine.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 300

SCOPES = {"content": "content", "ort": "places", "orte": "places"}
PREFIX = re.compile(r"^\s*(content|orte?)\s*:\s*", re.IGNORECASE)
TOKEN = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')
# Characters with a meaning in Lucene's query syntax, and backslashes: never part of a word.
SYNTAX = re.compile(r'[\\+!(){}\[\]^"~*?:/&|<>=]')


class QueryError(ValueError):
    """A query that cannot be searched; the message is for the person who typed it."""


@dataclass
class ParsedQuery:
    raw: str = ""
    scope: str = "all"  # all | content | places
    words: list = field(default_factory=list)
    phrases: list = field(default_factory=list)
    excluded: list = field(default_factory=list)

    @property
    def text(self):
        """Words and phrases as plain text, for engines without phrase support."""
        return " ".join([*self.words, *self.phrases])

    @property
    def is_empty(self):
        return not (self.words or self.phrases)


def _clean(text):
    text = unicodedata.normalize("NFC", text)
    return "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)


def plain_text(raw):
    """Text without control characters and query syntax, e.g. for autocomplete."""
    return SYNTAX.sub(" ", _clean(raw or ""))


def _words(text):
    return [word for word in SYNTAX.sub(" ", text).split() if word.strip("-")]


def parse(raw):
    raw = _clean(raw or "").strip()
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryError(
            _("Please search with at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH}
        )
    query = ParsedQuery(raw=raw)
    match = PREFIX.match(raw)
    if match:
        query.scope = SCOPES[match.group(1).lower()]
        raw = raw[match.end() :]
    if raw.count('"') % 2:  # an unbalanced quote closes at the end
        raw += '"'
    for minus_phrase, phrase, minus_word, word in TOKEN.findall(raw):
        if phrase or minus_phrase:
            words = _words(phrase)
            if not words:
                continue
            target = query.excluded if minus_phrase else query.phrases
            target.append(" ".join(words))
        else:
            excluded = bool(minus_word) or (word.startswith("-") and len(word) > 1)
            for part in _words(word.lstrip("-")):
                (query.excluded if excluded else query.words).append(part.strip("-"))
    return query
