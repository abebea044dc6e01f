"""„Ist noch aktuell“ in the admin: one click by the city's editors (or the moderators)
confirms a project without a new revision (ProjectPage.confirm). The link in `remind_stale`'s
e-mail opens the question (GET), only the button confirms (POST): mail systems' link scanners
open links."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import ProjectPage


class ConfirmView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Still up to date?")
    header_icon = "tick"
    template_name = "projects/admin/confirm.html"

    def dispatch(self, request, pk):
        self.project = get_object_or_404(ProjectPage.objects.live(), pk=pk)
        # Tied to the city by the page tree: the editor group's rights on its city's subtree.
        if not self.project.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, pk):
        context = self.get_context_data(project=self.project, next=request.GET.get("next", ""))
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, pk):
        self.project.confirm(request.user)
        messages.success(
            request,
            _("„%(title)s“ is confirmed as up to date.") % {"title": self.project.title},
        )
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
            next_url = reverse("wagtailadmin_home")
        return redirect(next_url)
