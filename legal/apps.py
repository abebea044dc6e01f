from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    """The pages a German public body must offer: imprint, privacy policy, accessibility
    statement with its feedback form, Leichte Sprache, contact. Wagtail pages, so that the
    moderators keep them up to date like any other page."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "legal"
    verbose_name = _("Legal pages")

    def ready(self):
        from . import checks  # noqa: F401 - registers the settings check
