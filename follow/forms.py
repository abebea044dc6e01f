from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag

from cities.models import CityPage

from .models import Subscription


class SubscriptionForm(forms.ModelForm):
    class Meta:
        model = Subscription
        fields = ["weekly_digest", "topics", "cities", "tags"]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "cities": forms.CheckboxSelectMultiple,
            "tags": forms.CheckboxSelectMultiple,
        }
        labels = {"weekly_digest": _("Send me the weekly e-mail")}
        help_texts = {
            "weekly_digest": _(
                "Every Monday: new and updated projects you follow and the next meetings."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cities"].queryset = CityPage.objects.live().order_by("title")
        # Only tags in use on published projects: the list stays readable.
        self.fields["tags"].queryset = (
            Tag.objects.annotate(
                uses=Count(
                    "projects_projecttag_items",
                    filter=Q(projects_projecttag_items__content_object__live=True),
                )
            )
            .filter(Q(uses__gt=0) | Q(pk__in=self.instance.tags.all() if self.instance.pk else []))
            .order_by("name")
        )
