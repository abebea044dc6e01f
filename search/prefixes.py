"""What the typed filters of the search box (`Stadt: Gütersloh`, `#KI`, see `search.query`)
stand for: the facet values the public can find, matched without regard to case, umlauts or
hyphens (Guetersloh, gutersloh and GÜTERSLOH are Gütersloh), and what to say about a value
that names nothing („Kein Thema ‚Mobilitaet2‘ – meinten Sie ‚Mobilität‘?“).

Only names the public may see are known: cities that are live and public, topics and tags of
live, public projects. A private city's name is neither matched nor suggested, so the box
cannot be used to find out that it exists.
"""

import difflib
import re
from dataclasses import dataclass
from functools import cached_property

from django.utils import translation
from django.utils.translation import gettext as _

from cities.models import CityPage
from core import german, public_cache
from core.validation import EARLIEST_YEAR, LATEST_YEAR
from projects.models import ProjectPage, Topic, public_tags

from .facets import status_names
from .query import FILTER_PREFIXES, write_filter

# A typed filter at the end of the box, its value being typed: „Bus Stadt: Gü“.
TYPING = re.compile(
    r"(?:^|\s)(?P<prefix>stadt|thema|schlagwort|status|nachnutzbar|jahr)\s*:\s*\"?"
    r"(?P<typed>[^:\"#]*)$|(?:^|\s)#(?P<tag>[^\s:\"#]*)$",
    re.IGNORECASE,
)

YES, NO = "yes", "no"
REUSABLE_WORDS = {"ja": YES, "yes": YES, "true": YES, "nein": NO, "no": NO, "false": NO}
_NOT_A_LETTER = re.compile(r"[\W_]+")


def folded(text):
    """One spelling for every way of typing a name: case, umlauts (ä, ae, a), ß, hyphens."""
    return " ".join(german.fold(_NOT_A_LETTER.sub(" ", text)).split())


def _labelled(pairs):
    """{folded name: (facet value, name)} of (value, name) pairs; a value also by its key."""
    names = {}
    for value, name in pairs:
        names.setdefault(folded(name), (value, name))
        names.setdefault(folded(value), (value, name))
    return names


def _build():
    """The public's names per facet, as plain values that pickle (kept in the public cache)."""
    public_projects = ProjectPage.objects.live().public()
    statuses = {}
    for language in ("de", "en"):
        with translation.override(language):
            for key, label in status_names().items():
                statuses.setdefault(folded(str(label)), (key, str(label)))
    for key, label in status_names().items():
        statuses.setdefault(folded(key), (key, str(label)))
    return {
        "city": _labelled(CityPage.objects.live().public().values_list("slug", "title")),
        "topic": _labelled(
            Topic.objects.filter(projects__in=public_projects)
            .distinct()
            .values_list("slug", "name")
        ),
        "tag": _labelled(public_tags().values_list("slug", "name")),
        "status": statuses,
    }


def vocabulary():
    return public_cache.cached("search-prefixes", _build)


@dataclass(frozen=True)
class Problem:
    """A typed filter that cannot be searched: what to say, and a corrected query if any."""

    term: object  # search.query.FilterTerm
    message: str
    suggestion: str = ""  # the value meant, as the public knows it
    malformed: bool = False  # not a name that is unknown but a value in the wrong form


class Names:
    """The typed filters' values; read from the cache only when a query has a typed filter."""

    @cached_property
    def names(self):
        return vocabulary()

    def value_length(self, facet, words):
        """The most words after a filter that name something: Stadt: Bergisch Gladbach Bus."""
        if facet in self.names:
            for count in range(len(words), 0, -1):
                if folded(" ".join(words[:count])) in self.names[facet]:
                    return count
        return 1

    def resolve(self, term):
        """(facet value, label) of a typed filter, or a Problem."""
        if term.facet == "year":
            return self._year(term)
        if term.facet == "reusable":
            value = REUSABLE_WORDS.get(folded(term.value))
            if value is None:
                return Problem(term, _("“Nachnutzbar:” takes “ja” or “nein”."), malformed=True)
            return value, _("yes") if value == YES else _("no")
        names = self.names[term.facet]
        found = names.get(folded(term.value))
        if found is not None and term.facet == "status":
            return found[0], str(status_names()[found[0]])  # in the language of the page
        if found is not None:
            return found
        suggestion = self.closest(term.facet, term.value)
        message = unknown_message(term.facet, term.value)
        if suggestion:
            message = _("%(unknown)s – did you mean ‘%(suggestion)s’?") % {
                "unknown": message,
                "suggestion": suggestion,
            }
        else:
            message += "."
        return Problem(term, message, suggestion)

    def closest(self, facet, value):
        """The public name nearest to a value that names nothing (or "")."""
        names = self.names[facet]
        key = folded(value)
        starting = sorted(found for name, found in names.items() if name.startswith(key))
        near = difflib.get_close_matches(key, list(names), n=1, cutoff=0.6)
        if key and starting:
            value, name = starting[0]
        elif near:
            value, name = names[near[0]]
        else:
            return ""
        return str(status_names()[value]) if facet == "status" else name

    def complete(self, facet, text, limit=8):
        """Names of a facet starting with the typed text (Gü → Gütersloh), then containing it."""
        if facet == "reusable":
            return [word for word in ("ja", "nein") if word.startswith(folded(text))]
        if facet == "status":
            labels = sorted({str(label) for label in status_names().values()}, key=folded)
        elif facet in self.names:
            labels = sorted({name for _value, name in self.names[facet].values()}, key=folded)
        else:
            return []
        key = folded(text)
        first = [name for name in labels if folded(name).startswith(key)]
        then = [name for name in labels if key in folded(name) and name not in first]
        return (first + then)[:limit]

    def completions(self, text, limit=8):
        """The search box's text completed with the values of a typed filter at its end
        („Thema: Mob“ → „Thema: Mobilität“); None if the end is no typed filter's value."""
        match = TYPING.search(text)
        if match is None:
            return None
        if match.group("prefix"):
            prefix, typed, start = (
                match.group("prefix").lower(),
                match.group("typed"),
                match.start("prefix"),
            )
        else:
            prefix, typed, start = "#", match.group("tag"), match.start("tag") - 1
        values = self.complete(FILTER_PREFIXES[prefix], typed.strip(), limit)
        if not values and typed.strip():
            return None  # „Stadt: Köln Chat“: the city is complete, „Chat“ is free text
        return [(value, text[:start] + write_filter(prefix, value)) for value in values]

    @staticmethod
    def _year(term):
        if not term.value.isdigit():
            return Problem(
                term, _("“Jahr:” takes a year in digits, e.g. Jahr: 2024."), malformed=True
            )
        year = int(term.value)
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            return Problem(
                term,
                _("“Jahr:” takes a year between %(earliest)d and %(latest)d.")
                % {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
                malformed=True,
            )
        return year, str(year)


def unknown_message(facet, value):
    messages = {
        "city": _("No city ‘%(value)s’"),
        "topic": _("No topic ‘%(value)s’"),
        "tag": _("No tag ‘%(value)s’"),
        "status": _("No status ‘%(value)s’"),
    }
    return messages[facet] % {"value": value}
