"""Reuse relations in the admin: a city's editors propose that one of their projects reuses
another city's project (or is reused by it), the other city's editors confirm it, either side
may take it back. Moderators see and confirm all; what one person records for both sides (a
moderator, an editor of both cities) is confirmed at once."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import AdminPageChooser

from .models import ProjectPage
from .reuse import ProjectReuse, edited_city_ids

CONFIRMED_PER_PAGE = 50


class ReuseForm(forms.ModelForm):
    class Meta:
        model = ProjectReuse
        fields = [
            "adopter",
            "origin",
            "way",
            "since",
            "status",
            "effort_person_days",
            "cost_range",
            "helped",
            "missing",
        ]
        widgets = {
            "adopter": AdminPageChooser(target_models=[ProjectPage]),
            "origin": AdminPageChooser(target_models=[ProjectPage]),
            "since": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["adopter"].help_text = gettext_lazy("The project that reuses („nutzt nach“).")
        self.fields["origin"].help_text = gettext_lazy("The project that is reused.")

    def clean(self):
        cleaned = super().clean()
        adopter, origin = cleaned.get("adopter"), cleaned.get("origin")
        if adopter and origin:
            cities = edited_city_ids(self.user)
            if cities is not None and not {adopter.lead_city_id, origin.lead_city_id} & cities:
                raise forms.ValidationError(
                    _("One of the two projects must belong to a city whose editor you are.")
                )
        return cleaned


def _require_editor(user):
    if edited_city_ids(user) == set():
        raise PermissionDenied


class ReuseMixin(WagtailAdminTemplateMixin):
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        _require_editor(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def render(self, request, status=200, **context):
        context = self.get_context_data(**context)
        return TemplateResponse(request, self.template_name, context, status=status)


class ReuseListView(ReuseMixin, View):
    page_title = gettext_lazy("Reuse")
    template_name = "projects/admin/reuse_list.html"

    def get(self, request):
        cities = edited_city_ids(request.user)
        relations = (
            ProjectReuse.objects.for_cities(cities)
            .select_related("origin__lead_city", "adopter__lead_city", "proposed_by_city")
            .order_by("-proposed_at", "pk")
        )
        # Requests are few and each asks for a decision: all of them. Confirmed relations
        # accumulate over the years: CONFIRMED_PER_PAGE at a time (?p=2, as in Wagtail's lists).
        pending = list(relations.pending())
        to_confirm = [r for r in pending if r.can_confirm(request.user)]
        try:
            confirmed = Paginator(relations.confirmed(), CONFIRMED_PER_PAGE).page(
                request.GET.get("p") or 1
            )
        except (EmptyPage, PageNotAnInteger) as exc:
            raise Http404(_("This page of the list does not exist.")) from exc
        return self.render(
            request,
            to_confirm=to_confirm,
            waiting=[r for r in pending if r not in to_confirm],
            confirmed=confirmed,
            elided_page_range=confirmed.paginator.get_elided_page_range(confirmed.number),
        )


class ReuseCreateView(ReuseMixin, View):
    page_title = gettext_lazy("Record a reuse")
    template_name = "projects/admin/reuse_form.html"

    def get(self, request):
        initial = {
            key: request.GET[key]
            for key in ("adopter", "origin")
            if request.GET.get(key, "").isdigit()
        }
        return self.render(request, form=ReuseForm(user=request.user, initial=initial))

    def post(self, request):
        form = ReuseForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render(request, form=form, status=400)
        reuse = form.save(commit=False)
        cities = edited_city_ids(request.user)
        reuse.proposed_by = request.user
        sides = {reuse.adopter.lead_city_id, reuse.origin.lead_city_id}
        if cities is None or sides <= cities:
            reuse.confirmed_by, reuse.confirmed_at = request.user, timezone.now()
        elif reuse.adopter.lead_city_id in cities:
            reuse.proposed_by_city = reuse.adopter.lead_city
        else:
            reuse.proposed_by_city = reuse.origin.lead_city
        reuse.save()
        if reuse.is_confirmed:
            messages.success(request, _("The reuse is recorded."))
        else:
            messages.success(
                request,
                _("The reuse is requested. It is shown once %(city)s confirms it.")
                % {"city": reuse.side_to_confirm().title},
            )
        return redirect("reuse_list")


class ReuseEditView(ReuseMixin, View):
    """Either side keeps the details current (status, effort, what helped)."""

    page_title = gettext_lazy("Edit reuse")
    template_name = "projects/admin/reuse_form.html"

    def get_reuse(self, request, pk):
        reuse = get_object_or_404(ProjectReuse.objects.select_related("origin", "adopter"), pk=pk)
        if not reuse.can_withdraw(request.user):
            raise PermissionDenied
        return reuse

    def get(self, request, pk):
        reuse = self.get_reuse(request, pk)
        return self.render(request, form=ReuseForm(instance=reuse, user=request.user))

    def post(self, request, pk):
        reuse = self.get_reuse(request, pk)
        form = ReuseForm(request.POST, instance=reuse, user=request.user)
        if not form.is_valid():
            return self.render(request, form=form, status=400)
        form.save()
        messages.success(request, _("The reuse is saved."))
        return redirect("reuse_list")


class ReuseConfirmView(View):
    def post(self, request, pk):
        _require_editor(request.user)
        with transaction.atomic():
            reuse = get_object_or_404(
                ProjectReuse.objects.select_for_update(of=("self",)).select_related(
                    "origin__lead_city", "adopter__lead_city"
                ),
                pk=pk,
            )
            if reuse.is_confirmed:
                messages.info(request, _("This reuse was already confirmed."))
                return redirect("reuse_list")
            if not reuse.can_confirm(request.user):
                raise PermissionDenied
            reuse.confirm(request.user)
        messages.success(request, _("The reuse is confirmed and shown on both projects."))
        return redirect("reuse_list")


class ReuseWithdrawView(View):
    def post(self, request, pk):
        _require_editor(request.user)
        reuse = get_object_or_404(ProjectReuse.objects.select_related("origin", "adopter"), pk=pk)
        if not reuse.can_withdraw(request.user):
            raise PermissionDenied
        reuse.delete()
        messages.success(request, _("The reuse is removed."))
        return redirect("reuse_list")
