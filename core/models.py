from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class MemberProfile(models.Model):
    """What the platform knows about a member beyond the account: the city they work for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_profile"
    )
    city = models.ForeignKey(
        "cities.CityPage",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    panels = [FieldPanel("user"), FieldPanel("city")]

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.city or '–'})"


class AttachedDocument(Orderable):
    """A document attached to a page (projects, meetings); subclasses add the `page` key."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("link text"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True


class GalleryImage(Orderable):
    """An image shown with a page, with its alternative text; subclasses add the `page` key."""

    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=250, blank=True)
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldRowPanel([FieldPanel("alt_text"), FieldPanel("caption")])]

    class Meta(Orderable.Meta):
        abstract = True
