"""What a query means beyond its letters: synonyms the working group keeps, and the parts of
compounds. The same expansion feeds both backends, so they agree on what a query asks for.

A query's words become *concepts*: a word, or several words that together are a synonym term
(„künstliche Intelligenz“). Each concept carries its alternatives (the other terms of its
synonym groups) and, for a compound, its head."""

import functools
from dataclasses import dataclass

from django.core.cache import cache

from core import german

from .models import SynonymGroup

CACHE_KEY = "search:synonym-groups"


@dataclass(frozen=True)
class Concept:
    words: tuple  # as typed
    synonyms: tuple = ()  # other terms meaning the same (may have several words)
    head: str = ""  # for a compound, its last part: a „Bürgerbeteiligung“ is a „Beteiligung“
    parts: tuple = ()  # all its parts: „Glasfaserausbau“ is about „Glasfaser“ and „Ausbau“

    @property
    def text(self):
        return " ".join(self.words)

    @property
    def is_phrase(self):
        return len(self.words) > 1


def _key(term):
    return tuple(german.stem(word) for word in german.words(term))


def synonym_groups():
    """Every group's terms; cached until a group is saved or deleted."""
    groups = cache.get(CACHE_KEY)
    if groups is None:
        groups = [group.term_list() for group in SynonymGroup.objects.all()]
        cache.set(CACHE_KEY, groups, None)
    return groups


def forget_synonyms():
    cache.delete(CACHE_KEY)


def _synonym_index(groups):
    """stems of a term → the other terms of every group it belongs to."""
    return _index_of(tuple(tuple(terms) for terms in groups))


@functools.lru_cache(maxsize=4)
def _index_of(groups):
    # Built once per version of the groups, not per query: a few hundred terms are stemmed.
    index = {}
    for terms in groups:
        for term in terms:
            key = _key(term)
            if key:
                index.setdefault(key, [])
                index[key].extend(t for t in terms if _key(t) != key and t not in index[key])
    return index


def _head(parts):
    """The compound's head, which names what it is. The other parts alone („Bürger“ in
    „Bürgerbeteiligung“) would find everything about citizens; only all of them together count."""
    return parts[-1] if parts else ""


def concepts(words, groups=None):
    """The query's words as concepts: the longest synonym term wins where terms overlap."""
    index = _synonym_index(synonym_groups() if groups is None else groups)
    longest = max((len(key) for key in index), default=1)
    stems = [german.stem(word) for word in words]
    result, i = [], 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            key = tuple(stems[i : i + size])
            if key in index:
                span = tuple(words[i : i + size])
                parts = german.compound_parts(span[0]) if size == 1 else ()
                result.append(Concept(span, tuple(index[key]), _head(parts), parts))
                i += size
                break
        else:
            parts = german.compound_parts(words[i])
            result.append(Concept((words[i],), (), _head(parts), parts))
            i += 1
    return result


def required_matches(count):
    """How many concepts a result must match: all of one or two; with more, people type words
    that are not in any text („Papier sparen Sitzungen“), so one in three may miss."""
    return count if count <= 2 else count - count // 3
