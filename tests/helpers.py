"""Helpers that tests in several apps share (fixtures live in conftest.py)."""

import datetime as dt
from html.parser import HTMLParser
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


class Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.headings = []
        self.labels_for = set()
        self.controls = []
        self.main = 0
        self.images_without_alt = 0
        self.remote = []
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        elif tag == "label":
            self._label_depth += 1
            if attrs.get("for"):
                self.labels_for.add(attrs["for"])
        elif tag in {"input", "select", "textarea"} and attrs.get("type") not in {
            "hidden",
            "submit",
        }:
            self.controls.append((attrs.get("id"), attrs.get("aria-label"), self._label_depth > 0))
        elif tag == "main":
            self.main += 1
        elif tag == "img" and "alt" not in attrs:
            self.images_without_alt += 1
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            if tag in {"script", "link", "img", "iframe"} and value.startswith(
                ("http:", "https:", "//")
            ):
                self.remote.append(value)

    def handle_endtag(self, tag):
        if tag == "label":
            self._label_depth -= 1


def check_pages(client, urls):
    """Structural WCAG checks (language, one main, headings in order, labelled controls, alt
    texts, no third-party resources) on each page."""
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 400, 403, 404), url
        page = Structure()
        page.feed(response.content.decode())
        assert page.html_lang == "de", url
        assert page.main == 1, url
        assert page.headings and page.headings[0] == 1 and page.headings.count(1) == 1, url
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{url}: heading h{before} followed by h{after}"
        for control_id, aria_label, wrapped in page.controls:
            assert control_id in page.labels_for or aria_label or wrapped, (
                f"{url}: unlabelled {control_id}"
            )
        assert page.images_without_alt == 0, url
        assert page.remote == [], f"{url}: third-party resources {page.remote}"


def answer_form(version=0, **answers):
    """The answering form as a browser posts it: `answer_form(1, system="TEVIS")`."""
    data = {"version": version}
    data.update({f"q_{key}": value for key, value in answers.items()})
    return data
