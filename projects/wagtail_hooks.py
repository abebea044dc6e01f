from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import PERMISSION, ImportView, template_download
from .confirm_views import ConfirmView
from .models import Topic
from .reuse import edited_city_ids
from .reuse_views import (
    ReuseConfirmView,
    ReuseCreateView,
    ReuseEditView,
    ReuseListView,
    ReuseWithdrawView,
)


class TopicViewSet(SnippetViewSet):
    """The curated taxonomy: moderators add, rename and merge topics here."""

    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(TopicViewSet)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("projekte-import/", ImportView.as_view(), name="project_import"),
        path("nachnutzung/", ReuseListView.as_view(), name="reuse_list"),
        path("nachnutzung/neu/", ReuseCreateView.as_view(), name="reuse_add"),
        path("nachnutzung/<int:pk>/", ReuseEditView.as_view(), name="reuse_edit"),
        path("nachnutzung/<int:pk>/bestaetigen/", ReuseConfirmView.as_view(), name="reuse_confirm"),
        path(
            "nachnutzung/<int:pk>/zuruecknehmen/",
            ReuseWithdrawView.as_view(),
            name="reuse_withdraw",
        ),
        re_path(
            r"^projekte-import/vorlage\.(?P<fmt>csv|xlsx)$",
            template_download,
            name="project_import_template",
        ),
        path("projekte/<int:pk>/aktuell/", ConfirmView.as_view(), name="project_confirm"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import projects"),
        reverse("project_import"),
        icon_name="upload",
        order=310,
        name="project-import",
    )


class ReuseMenuItem(MenuItem):
    def is_shown(self, request):
        return edited_city_ids(request.user) != set()


@hooks.register("register_admin_menu_item")
def register_reuse_menu_item():
    return ReuseMenuItem(
        _("Reuse"), reverse("reuse_list"), icon_name="resubmit", order=305, name="reuse"
    )
