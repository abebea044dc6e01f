import logging

from django.conf import settings
from django.db import models
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core import rate_limit
from core.pages import PublicPageManager, all_pages

from . import mail
from .blocks import TEXT_FEATURES, LegalBodyBlock
from .forms import BarrierReportForm, ContactForm

logger = logging.getLogger(__name__)

# Both forms count against one limit per client address.
RATE_LIMIT_SCOPE = "message-forms"


class LegalPage(Page):
    """A page of fixed text the body must offer: Impressum, Datenschutzerklärung, the
    explanation in Leichte Sprache, and whatever else the moderators add next to them. Every
    live, public one is linked in the footer."""

    body = StreamField(LegalBodyBlock(), verbose_name=_("text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    objects = PublicPageManager()

    class Meta:
        verbose_name = _("legal page")
        verbose_name_plural = _("legal pages")


class MessageFormPage(Page):
    """A page with a form whose message is e-mailed to the office and stored nowhere.

    Every answer is marked `no-cache, private`: the form carries the visitor's CSRF token, so
    neither the site's page cache nor a proxy may hand it to anyone else."""

    body = StreamField(LegalBodyBlock(), verbose_name=_("text"), blank=True)
    thank_you_text = RichTextField(
        _("confirmation"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Shown after sending. Empty: a standard confirmation."),
    )

    form_class = None
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    objects = PublicPageManager()

    class Meta:
        abstract = True

    def send(self, request, data):
        """E-mail the message; returns the address a confirmation went to, or ""."""
        raise NotImplementedError

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            response = self.serve_post(request)
        elif request.method in ("GET", "HEAD"):
            response = self.render_form(request, self.form_class(initial=self.initial(request)))
        else:
            response = HttpResponseNotAllowed(["GET", "HEAD", "POST"])
        add_never_cache_headers(response)
        return response

    def initial(self, request):
        """What the empty form shows, from the address that led here."""
        return {}

    def serve_post(self, request):
        if not rate_limit.hit(RATE_LIMIT_SCOPE, request, settings.CONTACT_RATE_LIMIT):
            # What was typed stays in the form, without error marks: nothing was checked.
            keep = {name: request.POST.get(name, "") for name in self.form_class.base_fields}
            wait = rate_limit.retry_after(settings.CONTACT_RATE_LIMIT)
            response = self.render_form(
                request,
                self.form_class(initial=keep),
                status=429,
                problem=_(
                    "You have sent several messages in a short time. Please try again in "
                    "%(minutes)s minutes, or write to us by post."
                )
                % {"minutes": max(1, -(-wait // 60))},
            )
            response["Retry-After"] = str(wait)
            return response
        form = self.form_class(request.POST)
        if not form.is_valid():
            return self.render_form(request, form, status=400)
        if form.is_spam():
            logger.info("message form: trap field filled, nothing sent")
            return self.render_sent(request, confirmed_to="")
        try:
            confirmed_to = self.send(request, form.cleaned_data)
        except mail.NoRecipient:
            logger.error("message form: no CONTACT_EMAIL and no moderator with an e-mail address")
            return self.render_not_sent(request, form)
        except Exception:
            logger.exception("message form: the e-mail could not be sent")
            return self.render_not_sent(request, form)
        return self.render_sent(request, confirmed_to=confirmed_to)

    def render_form(self, request, form, status=200, problem=""):
        context = self.get_context(request)
        context.update(form=form, problem=problem)
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def render_not_sent(self, request, form):
        problem = _(
            "Your message could not be sent just now. Please try again later; what you "
            "wrote is still in the form."
        )
        return self.render_form(request, form, status=503, problem=problem)

    def render_sent(self, request, confirmed_to):
        context = self.get_context(request)
        context.update(sent=True, sent_to=confirmed_to)
        return TemplateResponse(request, self.get_template(request), context)


class AccessibilityPage(MessageFormPage):
    """Erklärung zur Barrierefreiheit (BITV 2.0 § 7, BITV NRW): how far the site meets the
    requirements, what is not accessible yet, the form „Barriere melden“ and where to turn if
    the answer does not help (the enforcement procedure)."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    compliance = models.CharField(
        _("compliance"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_("How far the site meets the accessibility requirements."),
    )
    reviewed_on = models.DateField(
        _("prepared or last reviewed on"),
        null=True,
        blank=True,
        help_text=_("Review the statement at least once a year."),
    )
    feedback_intro = RichTextField(
        _("introduction to the form"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("Shown above „Report a barrier“: whom the report reaches, other ways."),
    )
    enforcement = RichTextField(
        _("enforcement procedure"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("The arbitration or ombuds body to turn to if the answer does not help."),
    )

    form_class = BarrierReportForm
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("compliance"), FieldPanel("reviewed_on")],
            heading=_("Status"),
        ),
        FieldPanel("body"),
        FieldPanel("feedback_intro"),
        FieldPanel("thank_you_text"),
        FieldPanel("enforcement"),
    ]

    class Meta:
        verbose_name = _("accessibility statement")

    def initial(self, request):
        page = reported_page(request)
        return {"location": page} if page else {}

    def send(self, request, data):
        return mail.send_barrier_report(self, request, data)


class ContactPage(MessageFormPage):
    """Kontakt: the body's addresses in the text, and a form that e-mails the office."""

    form_class = ContactForm
    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("thank_you_text")]

    class Meta:
        verbose_name = _("contact page")

    def send(self, request, data):
        return mail.send_contact(self, request, data)


FOOTER_PAGE_TYPES = (LegalPage, AccessibilityPage, ContactPage)
# The parameter of „Barriere auf dieser Seite melden“: the page the visitor came from.
REPORTED_PAGE_PARAMETER = "seite"


def reported_page(request):
    """The address of a page of this site named by `?seite=`, or "": a path only (never another
    host, scheme or a line break), so that a link cannot put a stranger's text into the form."""
    value = request.GET.get(REPORTED_PAGE_PARAMETER, "")
    if (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or len(value) > 400
        or not value.isprintable()
        or not url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()})
    ):
        return ""
    return request.build_absolute_uri(value)


def accessibility_report_url():
    """The address of the form „Barriere melden“ (on the live, public accessibility statement),
    or "" while there is none."""
    page = AccessibilityPage.objects.live().public().order_by("path").first()
    return f"{page.url}?{REPORTED_PAGE_PARAMETER}=" if page else ""


def footer_links():
    """(title, address) of every live, public legal page, in the order of the page tree, so
    that moderators name and order the footer's links in the admin."""
    pages = all_pages().live().public().type(*FOOTER_PAGE_TYPES).order_by("path")
    return [(page.title, page.url) for page in pages]
