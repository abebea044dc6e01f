import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexTask(models.Model):
    """A page whose search document must be written or removed.

    A durable queue: publishing never waits for, or fails because of, the search engine. One row
    per page at most, so a page changed five times while the engine was down is indexed once.
    """

    class Action(models.TextChoices):
        UPSERT = "upsert", _("write")
        DELETE = "delete", _("remove")

    kind = models.CharField(max_length=20)
    page_id = models.PositiveIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "page_id"], name="one_task_per_page")
        ]
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.action} {self.kind} {self.page_id}"


MAX_TERM_WORDS = 5


def split_terms(text):
    """„KI, künstliche Intelligenz; AI“ → ["KI", "künstliche Intelligenz", "AI"]."""
    return list(dict.fromkeys(" ".join(t.split()) for t in re.split(r"[,;\n]", text) if t.strip()))


class SynonymGroup(models.Model):
    """Words and abbreviations that mean the same thing in a city hall („KI“ and „künstliche
    Intelligenz“, „Rufbus“ and „On-Demand-Verkehr“). Searches for one find the others.

    Kept by the working group in the admin (a snippet) and applied to the query, not to the
    index: a change takes effect with the next search, without rebuilding anything."""

    terms = models.CharField(
        _("terms"),
        max_length=500,
        help_text=_(
            "Two or more terms with the same meaning, separated by commas, "
            "e.g. „KI, künstliche Intelligenz“. A term may have several words."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": _("Name at least two terms, separated by commas.")})
        long = [t for t in terms if len(t.split()) > MAX_TERM_WORDS]
        if long:
            raise ValidationError(
                {
                    "terms": _("A term has at most %(max)d words: %(term)s")
                    % {"max": MAX_TERM_WORDS, "term": long[0]}
                }
            )
        self.terms = ", ".join(terms)
