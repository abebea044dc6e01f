"""Helpers that tests in several apps share (fixtures live in conftest.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

# Personal data the fixtures put on pages: no feed, export or API answer may contain it.
PERSONAL = ("anna@gt.example", "Anna Berger", "05241 1", "video.example", "Dr. Speaker")

BERLIN = ZoneInfo("Europe/Berlin")


def body(response):
    """The bytes of an answer, streamed (the catalogue downloads) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def berlin(*args):
    return dt.datetime(*args, tzinfo=BERLIN)


def soon(days=10, hour=10):
    """A time `days` from today in Berlin: meetings that are always in the future."""
    return berlin(*(timezone.localdate() + dt.timedelta(days=days)).timetuple()[:3], hour)


def project_form(**fields):
    """The project add/edit form of Wagtail's admin as a browser posts it."""
    data = {
        "title": "Chatbot für Bürgerfragen",
        "slug": "chatbot-fur-burgerfragen",
        "teaser": "Ein Chatbot beantwortet Fragen.",
        "challenge": rich_text("<p>Viele Anrufe.</p>"),
        "solution": streamfield([]),
        "results": rich_text(""),
        "lessons_learned": rich_text(""),
        "gallery_images": inline_formset([]),
        "links": inline_formset([]),
        "documents": inline_formset([]),
        "partners": inline_formset([]),
        "comments": inline_formset([]),
        "status": "idea",
        "reuse_mode": "",
        "budget_range": "",
    }
    return nested_form_data({**data, **fields})
