from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import MemberProfile


class MemberProfileViewSet(SnippetViewSet):
    """Which city a member works for: shown on participant lists."""

    model = MemberProfile
    icon = "user"
    menu_label = _("Member cities")
    add_to_settings_menu = True
    list_display = ["user", "city"]


register_snippet(MemberProfileViewSet)
