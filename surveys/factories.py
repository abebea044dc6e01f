import datetime as dt
import json

import factory

from wagtail.models import Site

from core.factories import PublishedPageFactory

from .models import SurveyIndexPage, SurveyPage


def survey_index():
    """`/abfragen/`, made below the home page when a test needs it first."""
    index = SurveyIndexPage.objects.first()
    if index is None:
        home = Site.objects.get(is_default_site=True).root_page
        index = SurveyIndexPageFactory(parent=home)
    return index


def question(kind, text, qid, public=False, required=False, **extra):
    """A question block as the StreamField keeps it: `question("yes_no", "Online?", "q1")`."""
    value = {"question": text, "help_text": "", "required": required, "public": public, **extra}
    return {"type": kind, "value": value, "id": qid}


def stream(*questions):
    return json.dumps(list(questions))


class SurveyIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = SurveyIndexPage

    title = "Abfragen"
    slug = "abfragen"


class SurveyPageFactory(PublishedPageFactory):
    """An open Abfrage among all member cities with one question of each common kind:
    `SurveyPageFactory(title="Terminvergabe", questions=stream(question(…)))`."""

    class Meta:
        model = SurveyPage

    parent = factory.LazyFunction(survey_index)
    title = factory.Sequence(lambda n: f"Abfrage {n}")
    purpose = "<p>Wer nutzt was?</p>"
    deadline = factory.LazyFunction(lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=14))
    questions = factory.LazyFunction(
        lambda: stream(
            question("short_text", "Welches System?", "system", public=True, required=True),
            question(
                "single_choice",
                "Betrieb",
                "betrieb",
                public=True,
                choices=["Eigenbetrieb", "Dienstleister", "Cloud"],
            ),
            question("scale", "Zufriedenheit", "zufriedenheit", low_label="", high_label=""),
            question("yes_no", "Online-Terminvergabe?", "online", public=True),
            question("number", "Standorte", "standorte", unit="Standorte"),
            question("long_text", "Ansprechperson", "kontakt"),
            question(
                "multiple_choice",
                "Kanäle",
                "kanaele",
                choices=["Web", "Telefon", "App"],
            ),
        )
    )
