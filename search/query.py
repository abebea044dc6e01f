"""The search box's language, as on the working group's current site.

`Content: …` searches content (projects, meetings), `Ort: …`/`Orte: …` searches places (cities,
venues), no prefix searches both. "Quotes" make a phrase, -word excludes. Typed filters
(`Stadt:`, `Thema:`, `Schlagwort:` or `#`, `Status:`, `Nachnutzbar:`, `Jahr:`) anywhere in the
box stand for a facet's value; which words after them are the value is for the caller to say
(`value_length`: the search knows the names, see `search.prefixes`). Everything else is plain
words: Lucene operators and backslashes are not passed to the engine.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 300

SCOPES = {"content": "content", "ort": "places", "orte": "places"}
PREFIX = re.compile(r"^\s*(content|orte?)\s*:\s*", re.IGNORECASE)
# A typed filter's word → the facet it sets (`search.facets`).
FILTER_PREFIXES = {
    "stadt": "city",
    "thema": "topic",
    "schlagwort": "tag",
    "#": "tag",
    "status": "status",
    "nachnutzbar": "reusable",
    "jahr": "year",
}
TOKEN = re.compile(
    r"(?P<prefix>(?<!\S)(?:stadt|thema|schlagwort|status|nachnutzbar|jahr)\s*:|(?<!\S)#(?=\S))"
    r'|(?P<minus_phrase>-?)"(?P<phrase>[^"]*)"|(?P<minus_word>-?)(?P<word>\S+)',
    re.IGNORECASE,
)
# At most this many words after a filter are tried as its value (Stadt: Bergisch Gladbach).
MAX_VALUE_WORDS = 5
# Characters with a meaning in Lucene's query syntax, and backslashes: never part of a word.
SYNTAX = re.compile(r'[\\+!(){}\[\]^"~*?:/&|<>=]')


class QueryError(ValueError):
    """A query that cannot be searched; the message is for the person who typed it."""


@dataclass(frozen=True)
class FilterTerm:
    """A typed filter: `Stadt: Gütersloh` is ("stadt", "city", "Gütersloh") at raw[start:end]."""

    prefix: str  # as the box spells it, lower case: "stadt", "#"
    facet: str
    value: str
    start: int
    end: int

    @property
    def label(self):
        """The filter as the help writes it: „Stadt:“, „#“."""
        return "#" if self.prefix == "#" else self.prefix.capitalize() + ":"

    def written(self, value=None):
        return write_filter(self.prefix, self.value if value is None else value)


def write_filter(prefix, value):
    """A typed filter as the box takes it back: `Stadt: "Bergisch Gladbach"`, `#Open-Data`."""
    if prefix == "#":
        return "#" + value.replace(" ", "-")
    label = prefix.capitalize() + ":"
    return f'{label} "{value}"' if " " in value else f"{label} {value}"


@dataclass
class ParsedQuery:
    raw: str = ""
    scope: str = "all"  # all | content | places
    words: list = field(default_factory=list)
    phrases: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    terms: list = field(default_factory=list)  # FilterTerm

    def without(self, *terms):
        """The box's text without these filters (for the links that remove them)."""
        return self.replacing(dict.fromkeys(terms, ""))

    def replacing(self, replacements):
        """The box's text with filters replaced: {FilterTerm: new text}."""
        text, last = [], 0
        for term in sorted(replacements, key=lambda t: t.start):
            text += [self.raw[last : term.start], replacements[term]]
            last = term.end
        text.append(self.raw[last:])
        return " ".join("".join(text).split())

    @property
    def text(self):
        """Words and phrases as plain text, for engines without phrase support."""
        return " ".join([*self.words, *self.phrases])

    @property
    def is_empty(self):
        return not (self.words or self.phrases)


def clean_text(text):
    text = unicodedata.normalize("NFC", text)
    return "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)


def plain_text(raw):
    """Text without control characters and query syntax, e.g. for autocomplete."""
    return SYNTAX.sub(" ", clean_text(raw or ""))


def _words(text):
    return [word for word in SYNTAX.sub(" ", text).split() if word.strip("-")]


def parse(raw, value_length=None):
    """`value_length(facet, words)`: how many of the words after a typed filter are its value
    (at least 1); without it, the first word is."""
    raw = clean_text(raw or "").strip()
    if len(raw) > MAX_QUERY_LENGTH:
        raise QueryError(
            _("Please search with at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH}
        )
    query = ParsedQuery(raw=raw)
    match = PREFIX.match(raw)
    start = 0
    if match:
        query.scope = SCOPES[match.group(1).lower()]
        start = match.end()
    text = raw + '"' if raw[start:].count('"') % 2 else raw  # an unbalanced quote closes at the end
    tokens = list(TOKEN.finditer(text, start))
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.group("prefix"):
            position = _filter_term(query, tokens, position, value_length)
            continue
        position += 1
        if token.group("phrase") is not None:
            words = _words(token.group("phrase"))
            if not words:
                continue
            target = query.excluded if token.group("minus_phrase") else query.phrases
            target.append(" ".join(words))
        else:
            word = token.group("word")
            excluded = bool(token.group("minus_word")) or (word.startswith("-") and len(word) > 1)
            for part in _words(word.lstrip("-")):
                (query.excluded if excluded else query.words).append(part.strip("-"))
    return query


def _value_words(token):
    """A plain word that may belong to a filter's value (not a phrase, an exclusion, a filter)."""
    if token.group("prefix") or token.group("minus_word") or token.group("word") is None:
        return None
    return " ".join(_words(token.group("word"))) or None


def _filter_term(query, tokens, position, value_length):
    """Read the filter at tokens[position] into `query.terms`; the position after its value."""
    token = tokens[position]
    prefix = "#" if token.group("prefix") == "#" else token.group("prefix")[:-1].strip().lower()
    facet = FILTER_PREFIXES[prefix]
    label = "#" if prefix == "#" else prefix.capitalize() + ":"
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    if following is not None and following.group("phrase") is not None:
        value = " ".join(_words(following.group("phrase")))
        if not value or following.group("minus_phrase"):
            raise QueryError(_missing_value(label))
        end, count = following.end(), 1
    else:
        words = []
        for candidate in tokens[position + 1 : position + 1 + MAX_VALUE_WORDS]:
            word = _value_words(candidate)
            if word is None:
                break
            words.append(word)
        if not words:
            raise QueryError(_missing_value(label))
        count = max(1, min(len(words), value_length(facet, words) if value_length else 1))
        value = " ".join(words[:count])
        end = tokens[position + count].end()
    end = min(end, len(query.raw))
    query.terms.append(FilterTerm(prefix, facet, value, token.start(), end))
    return position + 1 + count


def _missing_value(label):
    return _("“%(prefix)s” needs a value, e.g. %(example)s.") % {
        "prefix": label,
        "example": EXAMPLES[label],
    }


EXAMPLES = {
    "Stadt:": "Stadt: Gütersloh",
    "Thema:": "Thema: Mobilität",
    "Schlagwort:": "Schlagwort: Open Data",
    "#": "#KI",
    "Status:": "Status: Pilot",
    "Nachnutzbar:": "Nachnutzbar: ja",
    "Jahr:": "Jahr: 2024",
}
