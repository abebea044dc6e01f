from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.permissions import permission_policy as document_permissions
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.permissions import permission_policy as image_permissions
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


class PermittedDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin API lists only documents the user may choose, like the document chooser:
    a city's editors see their city's collection, not everybody's."""

    def get_queryset(self):
        permitted = document_permissions.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        )
        return super().get_queryset().filter(pk__in=permitted.values("pk"))


class PermittedImagesAPIViewSet(ImagesAdminAPIViewSet):
    """Images likewise."""

    def get_queryset(self):
        permitted = image_permissions.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        )
        return super().get_queryset().filter(pk__in=permitted.values("pk"))


@hooks.register("construct_admin_api")
def media_by_permission(router):
    # Runs after Wagtail's own hooks (this app comes last) and replaces their endpoints.
    router.register_endpoint("documents", PermittedDocumentsAPIViewSet)
    router.register_endpoint("images", PermittedImagesAPIViewSet)
