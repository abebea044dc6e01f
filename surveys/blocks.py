"""The kinds of question an Abfrage asks, as StreamField blocks.

Each block knows three things about its kind: the Django form field a city answers with
(`form_field`), how an answer is kept in JSON (`to_stored`, `to_initial`) and how it reads in
tables and downloads (`as_text`). Blocks of choice kinds also name their options (`options`),
which the results count and chart. The answering form, the results and the exports only talk
to these methods, so a new kind is one block here and one entry in `QUESTION_BLOCKS`.

A question that points to a page of the platform (a project today; a „Lösung“ once the reuse
issue brings that page type) is a `PageQuestionBlock` with its own `page_model`: subclass it,
name the model, add it to `QUESTION_BLOCKS` (and make the migration for the StreamField).
"""

from decimal import Decimal

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

YES, NO = "ja", "nein"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    help_text = blocks.CharBlock(label=_("hint"), required=False, max_length=500)
    required = blocks.BooleanBlock(label=_("answer required"), required=False, default=True)
    public = blocks.BooleanBlock(
        label=_("results public"),
        required=False,
        default=False,
        help_text=_("Off: only signed-in members see the answers to this question. On: everybody."),
    )

    chartable = False

    class Meta:
        icon = "help"
        form_classname = "struct-block question-block"

    def form_field(self, value):
        raise NotImplementedError

    def field_for(self, value, city):
        """The form field of this question when `city` answers it; most questions ask every
        city the same."""
        return self.form_field(value)

    def field_options(self, value):
        return {
            "label": value["question"],
            "help_text": value["help_text"],
            "required": bool(value["required"]),
        }

    def to_stored(self, cleaned):
        """The cleaned form value as JSON; None for no answer."""
        return cleaned if cleaned not in ("", None, []) else None

    def to_initial(self, stored):
        return stored

    def as_text(self, value, stored):
        return "" if stored is None else str(stored)

    def sort_key(self, value, stored):
        """Rows sort by this; unanswered cells last (see results)."""
        return self.as_text(value, stored).casefold()

    def options(self, value):
        return []

    def chosen(self, value, stored):
        """The options a stored answer counts for (choice kinds)."""
        return []


class ShortTextQuestionBlock(QuestionBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Short text")

    def form_field(self, value):
        return forms.CharField(max_length=300, **self.field_options(value))

    def to_stored(self, cleaned):
        return cleaned.strip() or None


class LongTextQuestionBlock(ShortTextQuestionBlock):
    class Meta:
        icon = "doc-full"
        label = _("Long text")

    def form_field(self, value):
        return forms.CharField(
            max_length=5000, widget=forms.Textarea(attrs={"rows": 5}), **self.field_options(value)
        )


class SingleChoiceQuestionBlock(QuestionBlock):
    choices = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("options"), min_num=2)

    chartable = True

    class Meta:
        icon = "radio-full"
        label = _("One choice")

    def options(self, value):
        return [str(choice) for choice in value["choices"]]

    def form_field(self, value):
        return forms.ChoiceField(
            choices=[(option, option) for option in self.options(value)],
            widget=forms.RadioSelect,
            **self.field_options(value),
        )

    def chosen(self, value, stored):
        return [stored] if stored is not None else []


class MultipleChoiceQuestionBlock(SingleChoiceQuestionBlock):
    class Meta:
        icon = "list-ul"
        label = _("Several choices")

    def form_field(self, value):
        return forms.MultipleChoiceField(
            choices=[(option, option) for option in self.options(value)],
            widget=forms.CheckboxSelectMultiple,
            **self.field_options(value),
        )

    def to_initial(self, stored):
        return stored or []

    def as_text(self, value, stored):
        return "; ".join(stored or [])

    def chosen(self, value, stored):
        return list(stored or [])


class NumberQuestionBlock(QuestionBlock):
    unit = blocks.CharBlock(label=_("unit"), required=False, max_length=40)

    class Meta:
        icon = "order"
        label = _("Number")

    def form_field(self, value):
        return forms.DecimalField(max_digits=15, decimal_places=2, **self.field_options(value))

    def to_stored(self, cleaned):
        # JSON has no decimals: whole numbers stay whole, others keep their two places as text.
        if cleaned is None:
            return None
        return int(cleaned) if cleaned == cleaned.to_integral_value() else str(cleaned)

    def as_text(self, value, stored):
        if stored is None:
            return ""
        return f"{stored} {value['unit']}".strip()

    def sort_key(self, value, stored):
        return Decimal(str(stored))


class ScaleQuestionBlock(QuestionBlock):
    low_label = blocks.CharBlock(label=_("meaning of 1"), required=False, max_length=60)
    high_label = blocks.CharBlock(label=_("meaning of 5"), required=False, max_length=60)

    chartable = True

    class Meta:
        icon = "pick"
        label = _("Scale 1–5")

    def options(self, value):
        return ["1", "2", "3", "4", "5"]

    def form_field(self, value):
        labels = {"1": value["low_label"], "5": value["high_label"]}
        choices = [(n, f"{n} ({labels[n]})" if labels.get(n) else n) for n in self.options(value)]
        return forms.TypedChoiceField(
            choices=choices,
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            **self.field_options(value),
        )

    def to_initial(self, stored):
        return None if stored is None else str(stored)

    def sort_key(self, value, stored):
        return stored

    def chosen(self, value, stored):
        return [str(stored)] if stored is not None else []


class YesNoQuestionBlock(QuestionBlock):
    chartable = True

    class Meta:
        icon = "tick"
        label = _("Yes/no")

    def options(self, value):
        return [str(_("yes")), str(_("no"))]

    def form_field(self, value):
        return forms.ChoiceField(
            choices=[(YES, _("yes")), (NO, _("no"))],
            widget=forms.RadioSelect,
            **self.field_options(value),
        )

    def to_stored(self, cleaned):
        return {YES: True, NO: False}.get(cleaned)

    def to_initial(self, stored):
        return {True: YES, False: NO}.get(stored)

    def as_text(self, value, stored):
        return {True: str(_("yes")), False: str(_("no"))}.get(stored, "")

    def chosen(self, value, stored):
        text = self.as_text(value, stored)
        return [text] if text else []


class PageQuestionBlock(QuestionBlock):
    """A question answered with a page of the platform: a live, public page of `page_model`.
    The answer keeps the page's id; a page unpublished later reads as its title still."""

    page_model = None  # "app_label.ModelName"

    class Meta:
        icon = "link"

    def pages(self, city=None):
        """The pages a city may answer with (ids and titles: the options of a select)."""
        model = apps.get_model(self.page_model)
        return model.objects.live().public().order_by("title").only("id", "title")

    def form_field(self, value, city=None):
        return forms.ModelChoiceField(queryset=self.pages(city), **self.field_options(value))

    def field_for(self, value, city):
        return self.form_field(value, city)

    def to_stored(self, cleaned):
        return None if cleaned is None else {"id": cleaned.pk, "title": cleaned.title}

    def to_initial(self, stored):
        return stored["id"] if stored else None

    def as_text(self, value, stored):
        return stored["title"] if stored else ""


class ProjectQuestionBlock(PageQuestionBlock):
    """A city answers with one of its own projects (those it leads or takes part in): a list
    of every project on the platform would be thousands of options."""

    page_model = "projects.ProjectPage"

    def pages(self, city=None):
        pages = super().pages()
        return pages if city is None else pages.for_city(city)

    class Meta:
        icon = "link"
        label = _("Project of the platform")


class SolutionQuestionBlock(PageQuestionBlock):
    page_model = "solutions.SolutionPage"

    class Meta:
        icon = "link"
        label = _("Solution of the platform")


QUESTION_BLOCKS = [
    ("short_text", ShortTextQuestionBlock()),
    ("long_text", LongTextQuestionBlock()),
    ("single_choice", SingleChoiceQuestionBlock()),
    ("multiple_choice", MultipleChoiceQuestionBlock()),
    ("number", NumberQuestionBlock()),
    ("scale", ScaleQuestionBlock()),
    ("yes_no", YesNoQuestionBlock()),
    ("project", ProjectQuestionBlock()),
    ("solution", SolutionQuestionBlock()),
]
