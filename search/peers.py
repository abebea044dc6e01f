"""Finding peers: projects of other cities that tackle the same challenge, and why.

The engine (or the database) proposes candidates by their text; this module ranks them the
way an officer would judge them: shared topics and tags count most, then the significant
words both descriptions use – with compound parts and the working group's synonyms, without
the words every project uses („digital“, „Stadt“, „App“) – and each match says why in words.
"""

from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import german
from core.text import html_to_text, stream_to_text

from .expansion import synonym_groups

# Words that every municipal digital project uses: they say nothing about the challenge.
GENERIC_WORDS = [
    "app",
    "apps",
    "digital",
    "digitale",
    "digitalen",
    "digitaler",
    "digitalisierung",
    "digitalisiert",
    "stadt",
    "städte",
    "städtisch",
    "städtische",
    "stadtverwaltung",
    "kommune",
    "kommunen",
    "kommunal",
    "kommunale",
    "projekt",
    "projekte",
    "online",
    "internet",
    "plattform",
    "portal",
    "lösung",
    "lösungen",
    "einführung",
    "angebot",
    "angebote",
    "service",
    "bürger",
    "bürgerinnen",
    "verwaltung",
    "verwaltungen",
    "neu",
    "neue",
    "neuen",
    "system",
    "systeme",
    "nutzen",
    "nutzung",
    "einfach",
    "schnell",
    "möglich",
    "künftig",
    "heute",
    "jahr",
    "jahre",
    "ziel",
    "ziele",
    "bereich",
    "bereiche",
    "thema",
    "themen",
    "arbeit",
    "arbeiten",
    "stelle",
    "stellen",
    "menschen",
    "leute",
    "mitarbeitende",
    "beschäftigte",
    "software",
    "tool",
    "herausforderung",
    "herausforderungen",
    "beschreibung",
    "kurzbeschreibung",
    "ergebnis",
    "ergebnisse",
]
GENERIC_STEMS = {german.stem(word) for word in GENERIC_WORDS}
STOP_STEMS = {german.stem(word) for word in german.STOPWORDS}

TOPIC_WEIGHT, TAG_WEIGHT, TERM_WEIGHT = 3.0, 2.0, 1.0
MAX_TERM_SCORE = 6.0  # many shared ordinary words must not outweigh a shared topic
MIN_SCORE = 2.0  # one shared word by chance is no peer


def significant_terms(text):
    """stem → a word of the text for it: its words without generic ones, the heads of its
    compounds and the synonyms of its words (shown as the word of the text). The synonyms'
    own words are in `related_words`."""
    terms, _related = _terms_and_related(text)
    return terms


def related_words(text):
    """The text's significant words with the heads of its compounds and its synonyms, as
    words for the engine's "more like this" text."""
    terms, related = _terms_and_related(text)
    return list(dict.fromkeys([*terms.values(), *related]))


def _terms_and_related(text):
    terms, related = {}, []
    for word in german.words(text):
        if len(word) < 3:
            continue
        forms = [word, *german.compound_parts(word)]
        for form in forms:
            key = german.stem(form)
            if key in GENERIC_STEMS or key in STOP_STEMS or len(key) < 3:
                continue
            terms.setdefault(key, form)
    for group in synonym_groups():
        keys = {german.stem(term): term for term in group if len(term.split()) == 1}
        shown = next((terms[key] for key in keys if key in terms), None)
        if shown:
            for key, term in keys.items():
                if key not in GENERIC_STEMS and key not in STOP_STEMS:
                    terms.setdefault(key, shown)
                    related.append(term)
    return terms, related


def project_text(project):
    """What a project is about, as plain words: title, teaser, challenge, solution, tags and
    topics."""
    return " ".join(
        [
            project.title,
            project.teaser,
            html_to_text(project.challenge),
            stream_to_text(project.solution),
            *(tag.name for tag in project.tags.all()),
            *(topic.name for topic in project.topics.all()),
        ]
    )


@dataclass
class PeerMatch:
    project: object
    topics: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    terms: list = field(default_factory=list)
    snippet: str | None = None
    score: float = 0.0

    @property
    def reason(self):
        """„gemeinsame Themen: Mobilität; ähnliche Begriffe: Bus, Bedarf“."""
        parts = []
        if self.topics:
            parts.append(format_lazy("{}: {}", _("shared topics"), ", ".join(self.topics)))
        if self.tags:
            parts.append(format_lazy("{}: {}", _("shared tags"), ", ".join(self.tags)))
        if self.terms:
            parts.append(format_lazy("{}: {}", _("similar terms"), ", ".join(self.terms[:6])))
        return "; ".join(str(part) for part in parts)


def rank(candidates, terms, topics=(), tags=(), snippets=None):
    """Score each candidate against what the source is about; best first, weak ones dropped.

    `candidates` come in the engine's order, which breaks ties. `terms` from
    `significant_terms`, `topics` and `tags` as sets of slugs."""
    snippets = snippets or {}
    matches = []
    for position, project in enumerate(candidates):
        own_topics = {t.slug: t.name for t in project.topics.all()}
        own_tags = {t.slug: t.name for t in project.sorted_tags()}
        words = set(german.stem_text(project_text(project)).split())
        match = PeerMatch(
            project,
            topics=[own_topics[s] for s in own_topics if s in topics],
            tags=[own_tags[s] for s in own_tags if s in tags],
            snippet=snippets.get(project.pk),
        )
        # A shared topic or tag is not a shared word a second time; a word of the text that
        # is one of the candidate's tags or topics says more than a word of its text.
        named = {german.stem(w) for name in match.topics + match.tags for w in german.words(name)}
        labels = {
            german.stem(w)
            for name in [*own_topics.values(), *own_tags.values()]
            for w in german.words(name)
        }
        shared = [key for key in terms if key in words and key not in named]
        match.terms = list(dict.fromkeys(terms[key] for key in shared))
        term_score = sum(TAG_WEIGHT if key in labels else TERM_WEIGHT for key in shared)
        match.score = (
            TOPIC_WEIGHT * len(match.topics)
            + TAG_WEIGHT * len(match.tags)
            + min(MAX_TERM_SCORE, term_score)
        )
        if match.score >= MIN_SCORE:
            matches.append((-match.score, position, match))
    return [match for _score, _position, match in sorted(matches, key=lambda m: m[:2])]
