"""German words as search needs them: stems, spelling variants and the parts of compounds.

Officials write compounds („Parkscheinautomaten“, „Datenethikbeirat“) and people search for
their parts („Parkschein“, „Ethik“), or the other way round. Elasticsearch's decompounder and
synonym filters would do this inside a real cluster but are ignored by the in-memory engine the
tests and `make run` use, and the database backends have nothing like them. So the splitting
happens here, in the application, the same way for documents and for queries, and every
backend gets the same words.

The lexicon is german-nouns (Wiktionary, about 100,000 nouns with their inflected forms,
CC BY-SA 4.0). Its own `Nouns` class keeps the whole table in memory (about 250 MB); the split
needs only form → lemma, which is built from its CSV once per process (about 40 MB).
"""

import contextlib
import csv
import functools
import marshal
import os
import re
import unicodedata
from importlib.metadata import version
from pathlib import Path

import snowballstemmer

# Word classes of the lexicon that are not compound material (names, abbreviations, letters).
_NOT_PARTS = {
    "Abkürzung",
    "Buchstabe",
    "Eigenname",
    "Familienname",
    "Nachname",
    "Ortsnamengrundwort",
    "Straßenname",
    "Toponym",
    "Vorname",
    "Wortverbindung",
}
# Linking morphemes (Fugenlaute) between the parts: Beteiligung-s-plattform, Straße-n-lampe.
_LINKS = ("ens", "es", "en", "er", "e", "s", "n")
_MIN_PART = 3
# Parts too general to find anything by: „Notfall“ is no „Fall“, „Plattform“ no „Form“.
_GENERIC = {"fall", "teil", "form", "weise", "sache", "stück", "ding", "seite", "stand", "lage"}
# Words that carry no meaning of their own in a search or a comparison of texts.
STOPWORDS = frozenset(
    {
        "aber",
        "alle",
        "allem",
        "allen",
        "aller",
        "alles",
        "also",
        "auch",
        "auf",
        "aus",
        "bei",
        "beim",
        "bis",
        "dabei",
        "damit",
        "dann",
        "darf",
        "das",
        "dass",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "dies",
        "diese",
        "diesem",
        "diesen",
        "dieser",
        "doch",
        "dort",
        "durch",
        "ein",
        "eine",
        "einem",
        "einen",
        "einer",
        "eines",
        "für",
        "gegen",
        "hat",
        "hatte",
        "haben",
        "hier",
        "ihr",
        "ihre",
        "ihrem",
        "ihren",
        "ihrer",
        "im",
        "in",
        "ist",
        "jede",
        "jeder",
        "kann",
        "kein",
        "keine",
        "können",
        "man",
        "mehr",
        "mit",
        "muss",
        "nach",
        "nicht",
        "noch",
        "nur",
        "oder",
        "ohne",
        "sehr",
        "sein",
        "sich",
        "sie",
        "sind",
        "so",
        "soll",
        "sollen",
        "über",
        "um",
        "und",
        "uns",
        "unter",
        "viel",
        "vom",
        "von",
        "vor",
        "war",
        "waren",
        "was",
        "weil",
        "wenn",
        "wer",
        "werden",
        "wie",
        "wir",
        "wird",
        "wurde",
        "zu",
        "zum",
        "zur",
        "zwischen",
        "als",
        "per",
        "rund",
        "ganz",
        "immer",
        "sowie",
        "etwa",
        "bereits",
        "wieder",
        "eigene",
        "eigenen",
        "eigener",
        "vorher",
        "heute",
    }
)
# Beginnings of compounds that are adverbs or adjectives, not nouns: „Herausforderung“ is no
# „Heraus“ + „Forderung“, „Kurzbeschreibung“ no „Kurz“ + „Beschreibung“.
_NOT_NOUN_BEGINNINGS = frozenset(
    {
        "heraus",
        "hinaus",
        "voraus",
        "vorher",
        "zurück",
        "weiter",
        "wieder",
        "zusammen",
        "kurz",
        "lang",
        "hoch",
        "groß",
        "gross",
        "klein",
        "neu",
        "alt",
        "gut",
        "schnell",
        "viel",
        "voll",
        "frei",
        "fern",
        "nahe",
        "ober",
        "unter",
        "über",
        "nach",
        "gegen",
        "selbst",
        "eigen",
        "allein",
        "sonder",
        "haupt",
        "gesamt",
        "ganz",
        "halb",
        "rund",
        "fort",
        "nieder",
        "durch",
    }
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})


@functools.cache
def _lexicon():
    """form (lower case) → lemma, for every noun form german-nouns knows. Read from the CSV
    once (2–3 s) and kept in VAR_DIR as a marshal file, which loads in a tenth of that."""
    from django.conf import settings

    cached = Path(settings.VAR_DIR) / "cache" / f"nouns-{version('german-nouns')}.marshal"
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        return marshal.loads(cached.read_bytes())  # noqa: S302 - written by _lexicon itself
    forms = _read_lexicon()
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(forms))
        partial.replace(cached)  # atomic: parallel processes never read half a file
    return forms


def _read_lexicon():
    from german_nouns.config import CSV_FILE_PATH

    forms = {}
    with open(CSV_FILE_PATH, encoding="utf-8") as file:
        rows = csv.reader(file)
        header = next(rows)
        lemma_at, pos_at = header.index("lemma"), header.index("pos")
        skip = {i for i, name in enumerate(header) if name == "pos" or name.startswith("genus")}
        for row in rows:
            if _NOT_PARTS.intersection(row[pos_at].split(",")):
                continue
            lemma = row[lemma_at]
            for i, form in enumerate(row):
                if form and i not in skip:
                    forms.setdefault(form.lower(), lemma)
    return forms


@functools.cache
def _stemmer():
    return snowballstemmer.stemmer("german")


def fold(word):
    """Lower case without umlauts: Bürgerbüro, Buergerbuero and burgerburo become one."""
    word = unicodedata.normalize("NFC", word).casefold()
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u").translate(_FOLD)


@functools.lru_cache(maxsize=200_000)
def stem(word):
    """The Snowball stem of the folded word: Ratssitzungen → ratssitz, Häuser → haus."""
    return _stemmer().stemWord(fold(word))


def words(text):
    """The words of a text (letters, joined by hyphens), in order."""
    return _WORD.findall(unicodedata.normalize("NFC", text or ""))


def _heads(rest, whole):
    """Known nouns at the end of `rest` (never `whole` itself), longest first:
    (start, lemma, the form as written without a linking morpheme)."""
    lexicon = _lexicon()
    for start in range(1, len(rest) - _MIN_PART + 1):
        candidate = rest[start:]
        variants = [candidate] + [
            candidate[: -len(link)]
            for link in _LINKS
            if candidate.endswith(link) and len(candidate) - len(link) >= _MIN_PART
        ]
        for variant in variants:
            if variant in lexicon and variant != whole:
                yield start, lexicon[variant], variant
                break


@functools.lru_cache(maxsize=50_000)
def _segment(rest, whole):
    """`rest` as known nouns, the last as long as possible (backtracking where the longest
    leaves a beginning that is no word: Posteingang is Post + Eingang, not P + Osteingang)."""
    lexicon = _lexicon()
    if rest != whole:
        for variant in [rest] + [rest[: -len(link)] for link in _LINKS if rest.endswith(link)]:
            if variant in lexicon and len(variant) >= _MIN_PART:
                return ((lexicon[variant], variant),)
    fallback, first = None, True
    for start, lemma, written in _heads(rest, whole):
        beginning = rest[:start]
        if len(beginning) < _MIN_PART:
            continue
        found = _segment(beginning, whole)
        if found:
            return (*found, (lemma, written))
        # A beginning the lexicon lacks („Cyber“, „Online“, „Schul“) is still a part – before
        # the longest known head only, and never an adverb or adjective („kurz“, „heraus“).
        usable = len(beginning) >= 4 and beginning not in _NOT_NOUN_BEGINNINGS
        if first and usable and len(lemma) >= 5:
            fallback = ((beginning.capitalize(), beginning), (lemma, written))
        first = False
    return fallback


@functools.lru_cache(maxsize=50_000)
def _split(word):
    """(lemma, written form) of each noun of a compound, first level; () for no compound."""
    whole = word.lower()
    for ending in ("innen", "in"):
        if whole.endswith(ending) and whole[: -len(ending)] in _lexicon():
            return ()  # Bürgerinnen are no Bürge + Rinnen
    found = _segment(whole, whole) or ()
    if len(found) < 2:
        return ()
    if whole in _lexicon() and any(
        len(lemma) < 4 or lemma.lower() in _GENERIC for lemma, _w in found
    ):
        return ()  # Notfall is no Not + Fall, Plattform no Platt + Form
    return tuple(
        (lemma, written)
        for lemma, written in found
        if len(lemma) >= 4 and lemma.lower() not in _GENERIC
    )


def compound_parts(word):
    """The nouns a compound is made of, as lemmas: Parkscheinautomaten → (Parkschein, Automat),
    Datenethikbeirat → (Daten, Ethik, Beirat), Kfz-Zulassung → (Kfz, Zulassung).

    Splits from the end, always taking the longest known noun, so that known compounds stay
    whole (Notfallübung → Notfall, Übung). A word that is itself in the lexicon is not split
    into short or general words: „Notfall“ is not „Not“ + „Fall“, „Plattform“ not „Platt“ +
    „Form“. Parts shorter than four letters or too general to search by are left out. Returns
    () for a word that is no compound."""
    if "-" in word:
        pieces = [p for p in word.split("-") if p]
        parts = []
        for piece in pieces:
            parts.extend(compound_parts(piece) or ([piece] if len(piece) >= 2 else []))
        return tuple(parts) if len(pieces) > 1 else ()
    return tuple(lemma for lemma, _written in _split(word))


@functools.lru_cache(maxsize=100_000)
def compound_forms(word):
    """Everything a page should be found by for one of its compounds: the parts as lemmas and
    as written (Gremienarbeit → Gremium, Gremien, Arbeit), and the parts of the parts
    (Radverkehrszählung → Verkehrszählung, Verkehr, Zählung; Posteingang → Post, Eingang)."""
    if "-" in word:
        return tuple(
            dict.fromkeys(
                f for piece in word.split("-") if piece for f in [piece, *compound_forms(piece)]
            )
        )
    forms = []
    for lemma, written in _split(word):
        forms.append(lemma)
        if written != lemma.lower():
            forms.append(written)
        forms.extend(compound_forms(lemma))
    return tuple(dict.fromkeys(forms))


def compound_text(text):
    """The compound parts of every word of a text, for a field that the search engine indexes
    beside the text itself: a search for a part then finds the compound."""
    parts = []
    for word in dict.fromkeys(words(text)):
        if len(word) >= 8 or "-" in word:
            parts.extend(compound_forms(word))
    return " ".join(dict.fromkeys(parts))


def stem_text(text):
    """Folded stems of the words and of their compound parts, for the database search, which
    neither stems (SQLite) nor knows spelling variants such as ue for ü."""
    stems = []
    for word in dict.fromkeys(words(text)):
        stems.append(stem(word))
        if len(word) >= 8 or "-" in word:
            stems.extend(stem(part) for part in compound_forms(word))
    return " ".join(dict.fromkeys(stems))
