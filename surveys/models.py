"""Städteabfragen: the working group asks every member city the same questions.

An Abfrage is a Wagtail page (`SurveyPage`) whose questions are a StreamField of question
blocks (surveys.blocks); moderators write it in the admin like any page. Each city answers
once, as a city (`Answer`): any editor of the city – the city's editor group, tied to the city
by key – may revise it until the deadline, and every save is kept (`AnswerRevision`). Answers
are taken on the public site below the Abfrage (`…/antworten/<city>/`), where the editors
read the questions in context; results and the moderators' downloads live there too.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cities.models import CityPage
from core import public_cache
from core.pages import PublicPageManager, UnpublishedSectionMixin
from core.roles import is_member, is_moderator
from core.slugs import AsciiSlugMixin

from . import exports, results
from .blocks import QUESTION_BLOCKS
from .forms import AnswerForm, ResultsForm, SurveyPageForm
from .questions import Question


class SurveyClosed(Exception):
    """The deadline has passed: no answers are taken."""


class AnswerConflict(Exception):
    """Somebody else saved the city's answer since the editor opened it."""

    def __init__(self, current):
        super().__init__("answer changed meanwhile")
        self.current = current


class SurveyIndexPage(UnpublishedSectionMixin, AsciiSlugMixin, Page):
    """`/abfragen/`: the Abfragen of the working group, open ones first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["surveys.SurveyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("survey index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        surveys = SurveyPage.objects.child_of(self).live().public().order_by("-deadline")
        now = timezone.now()
        context.update(
            open_surveys=[s for s in surveys if s.deadline >= now][::-1],
            closed_surveys=[s for s in surveys if s.deadline < now],
        )
        return context


class SurveyPage(AsciiSlugMixin, RoutablePageMixin, Page):
    purpose = RichTextField(
        _("purpose"),
        features=["bold", "italic", "link", "ul"],
        help_text=_("Why the working group asks, and what happens with the answers."),
    )
    deadline = models.DateTimeField(
        _("deadline"), help_text=_("Cities can answer and revise their answer until then.")
    )
    all_cities = models.BooleanField(
        _("all member cities"),
        default=True,
        help_text=_("Off: only the cities selected below are asked."),
    )
    audience = ParentalManyToManyField(
        "cities.CityPage", verbose_name=_("cities asked"), blank=True, related_name="+"
    )
    questions = StreamField(QUESTION_BLOCKS, verbose_name=_("questions"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("purpose"),
        FieldPanel("deadline"),
        MultiFieldPanel(
            [
                FieldPanel("all_cities"),
                FieldPanel("audience", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Audience"),
        ),
        FieldPanel("questions"),
    ]
    base_form_class = SurveyPageForm
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types = []

    objects = PublicPageManager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    # --- the domain ------------------------------------------------------------------------
    def question_list(self):
        return Question.from_stream(self.questions)

    def questions_for(self, user):
        """Members see every question's results; the public only those marked public."""
        questions = self.question_list()
        return questions if is_member(user) else [q for q in questions if q.public]

    def is_open(self, now=None):
        return (now or timezone.now()) <= self.deadline

    @property
    def local_deadline(self):
        return timezone.localtime(self.deadline)

    def audience_cities(self):
        cities = CityPage.objects.live()
        if not self.all_cities:
            cities = cities.filter(pk__in=self.audience.values("pk"))
        return cities.order_by("title")

    def cities_answerable_by(self, user):
        """The cities in the audience whose answer `user` writes: those whose editor group
        (linked to the city by key, not by name) has the user."""
        if not user.is_authenticated:
            return CityPage.objects.none()
        return self.audience_cities().filter(editor_group__user=user)

    def answers_of_audience(self):
        return (
            self.answers.filter(city__in=self.audience_cities())
            .select_related("city", "updated_by")
            .order_by("city__title")
        )

    def progress(self):
        """(answered, asked): „27 von 41 Städten haben geantwortet“."""
        asked = self.audience_cities()
        return self.answers.filter(city__in=asked).count(), asked.count()

    def cities_without_answer(self):
        return self.audience_cities().exclude(pk__in=self.answers.values("city"))

    @transaction.atomic
    def save_answer(self, city, user, data, version, now=None):
        """Store `data` as the city's answer, from the `version` the editor started with (0:
        none yet). A newer version in the database means another editor saved meanwhile:
        AnswerConflict, nothing is overwritten. The check and the write are one UPDATE, so
        two saves at the same moment cannot both pass it."""
        now = now or timezone.now()
        if not self.is_open(now):
            raise SurveyClosed
        if version == 0:
            try:
                with transaction.atomic():
                    answer = Answer.objects.create(
                        survey=self,
                        city=city,
                        data=data,
                        version=1,
                        updated_by=user,
                        created_at=now,
                        updated_at=now,
                    )
            except IntegrityError:
                raise AnswerConflict(self.answer_of(city)) from None
        else:
            changed = Answer.objects.filter(survey=self, city=city, version=version).update(
                data=data, version=F("version") + 1, updated_by=user, updated_at=now
            )
            if not changed:
                raise AnswerConflict(self.answer_of(city))
            answer = self.answer_of(city)
        AnswerRevision.objects.create(
            answer=answer, version=answer.version, data=data, changed_by=user, changed_at=now
        )
        if any(question.public for question in self.question_list()):
            # The public results changed: the page cache must not keep the old ones.
            public_cache.public_changed()
        return answer

    def answer_of(self, city):
        return self.answers.filter(city=city).select_related("updated_by").first()

    # --- pages below the Abfrage ------------------------------------------------------------
    @property
    def results_url(self):
        return f"{self.url}ergebnisse/"

    def answer_url(self, city):
        return f"{self.url}antworten/{city.slug}/"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context["is_open"] = self.is_open()
        if user.is_authenticated:
            mine = list(self.cities_answerable_by(user))
            answers = {a.city_id: a for a in self.answers.filter(city__in=mine)}
            context["my_cities"] = [
                (city, answers.get(city.pk), self.answer_url(city)) for city in mine
            ]
            if is_moderator(user):
                answered, asked = self.progress()
                context.update(
                    is_moderator=True,
                    answered=answered,
                    asked=asked,
                    missing=self.cities_without_answer(),
                )
        return context

    @path("antworten/<slug:city_slug>/", name="answer")
    def answer(self, request, city_slug):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        city = CityPage.objects.live().filter(slug=city_slug).first()
        if city is None:
            raise Http404(gettext("There is no such city."))
        if not self.audience_cities().filter(pk=city.pk).exists():
            raise PermissionDenied(gettext("This survey does not ask %(city)s.") % {"city": city})
        may_answer = self.cities_answerable_by(request.user).filter(pk=city.pk).exists()
        if not may_answer and not is_moderator(request.user):
            raise PermissionDenied(
                gettext("Only the editors of %(city)s see its answer.") % {"city": city}
            )
        questions = self.question_list()
        answer = self.answer_of(city)
        version = answer.version if answer else 0
        stored = answer.data if answer else {}
        context = self.get_context(request) | {
            "city": city,
            "answer": answer,
            "may_answer": may_answer,
            "rows": [(q, q.as_text(stored.get(q.id))) for q in questions],
            "revisions": answer.revisions.select_related("changed_by")[:20] if answer else [],
        }
        if request.method == "POST":
            if not may_answer:
                raise PermissionDenied(
                    gettext("Only the editors of %(city)s can answer.") % {"city": city}
                )
            form = AnswerForm(questions, request.POST, city=city)
            if not self.is_open():
                context.update(form=None, error=self.closed_message())
                return TemplateResponse(request, "surveys/answer.html", context, status=403)
            if not form.is_valid():
                context["form"] = form
                return TemplateResponse(request, "surveys/answer.html", context, status=400)
            try:
                self.save_answer(city, request.user, form.answers(), form.cleaned_data["version"])
            except SurveyClosed:
                context.update(form=None, error=self.closed_message())
                return TemplateResponse(request, "surveys/answer.html", context, status=403)
            except AnswerConflict as conflict:
                return self._conflict(request, context, questions, form, conflict.current)
            messages.success(request, gettext("The answer of %(city)s is saved.") % {"city": city})
            return redirect(self.answer_url(city))
        if may_answer and self.is_open():
            context["form"] = AnswerForm(
                questions, initial=AnswerForm.initial_for(questions, stored, version), city=city
            )
        elif not self.is_open():
            context["error"] = self.closed_message()
        return TemplateResponse(request, "surveys/answer.html", context)

    def _conflict(self, request, context, questions, form, current):
        """The editor's entries stay in the form, with the answer saved meanwhile beside them
        and its version in the form: saving again replaces it knowingly."""
        data = request.POST.copy()
        data["version"] = current.version if current else 0
        stored = current.data if current else {}
        context.update(
            form=AnswerForm(questions, data, city=context["city"]),
            conflict=current,
            rows=[(q, q.as_text(stored.get(q.id))) for q in questions],
        )
        return TemplateResponse(request, "surveys/answer.html", context, status=409)

    def closed_message(self):
        return gettext("The deadline (%(date)s) has passed: answers can no longer be changed.") % {
            "date": date_format(self.local_deadline, "j. F Y, H:i")
        }

    @path("ergebnisse/", name="results")
    def results(self, request):
        questions = self.questions_for(request.user)
        form = ResultsForm(questions, request.GET)
        answers = self.answers_of_audience()
        status = 200
        if form.is_valid():
            if form.cleaned_data["region"]:
                answers = answers.filter(city__region=form.cleaned_data["region"])
            sort, region = form.cleaned_data["sortierung"], form.cleaned_data["region"]
        else:
            answers, sort, region, status = answers.none(), "", "", 400
        answers = list(answers)
        context = self.get_context(request) | {
            "form": form,
            "questions": questions,
            "hidden_questions": len(self.question_list()) - len(questions),
            "rows": results.table(questions, answers, sort),
            "charts": results.charts(questions, answers),
            "columns": results.columns(questions, sort, region),
            "may_export": is_moderator(request.user),
        }
        return TemplateResponse(request, "surveys/results.html", context, status=status)

    @path("export/<str:kind>/", name="export")
    def export(self, request, kind):
        if kind not in ("csv", "xlsx"):
            raise Http404(gettext("There is no such download."))
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_moderator(request.user):
            raise PermissionDenied(gettext("Only the moderators download the answers."))
        questions, answers = self.question_list(), list(self.answers_of_audience())
        if kind == "csv":
            return exports.csv_response(self, questions, answers)
        return exports.xlsx_response(self, questions, answers)


class Answer(models.Model):
    """A city's answer to an Abfrage: one per city, written by any of its editors."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="answers")
    city = models.ForeignKey(
        "cities.CityPage", on_delete=models.CASCADE, related_name="survey_answers"
    )
    # {question's StreamField id: the answer as JSON}; see surveys.blocks.
    data = models.JSONField(default=dict)
    # Raised by every save: the answering form carries the version it was opened with.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["survey", "city"], name="one_answer_per_city")
        ]

    def __str__(self):
        return f"{self.city} – {self.survey}"

    @property
    def changed_by_name(self):
        return _name(self.updated_by)


class AnswerRevision(models.Model):
    """Every save of an answer: who changed it, when, and what it said then."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    data = models.JSONField(default=dict)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["-changed_at", "-version"]
        verbose_name = _("revision of an answer")

    def __str__(self):
        return f"{self.answer} ({self.version})"

    @property
    def changed_by_name(self):
        return _name(self.changed_by)


class ReminderSent(models.Model):
    """A reminder mailed to a city's editors on a day: at most one per Abfrage, city and day."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="+")
    city = models.ForeignKey("cities.CityPage", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "city", "day"], name="one_reminder_a_day")
        ]

    def __str__(self):
        return f"{self.city} – {self.survey} ({self.day})"


def _name(user):
    if user is None:
        return "–"
    return user.get_full_name() or user.get_username()
