"""The preferences page, one-click follow buttons and the unsubscribe link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from taggit.models import Tag

from cities.models import CityPage
from core.roles import is_member
from projects.models import Topic

from .forms import SubscriptionForm
from .models import Subscription

# Keys as in Subscription.FIELDS.
FOLLOWABLE = {
    "topic": lambda slug: get_object_or_404(Topic, slug=slug),
    "tag": lambda slug: get_object_or_404(Tag, slug=slug),
    "city": lambda slug: get_object_or_404(CityPage.objects.live(), slug=slug),
}


def _member_subscription(request):
    if not is_member(request.user):
        raise PermissionDenied(_("Only members of the working group can follow."))
    return Subscription.objects.get_or_create(user=request.user)[0]


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    subscription = _member_subscription(request)
    form = SubscriptionForm(request.POST or None, instance=subscription)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your notification settings have been saved."))
            return redirect("follow:preferences")
        return render(request, "follow/preferences.html", {"form": form}, status=400)
    return render(request, "follow/preferences.html", {"form": form})


@login_required
@require_POST
def toggle(request, kind, slug):
    """Follow or unfollow one topic, tag or city from its page (a form: works without JS)."""
    if kind not in FOLLOWABLE:
        return HttpResponseBadRequest(_("Unknown kind of thing to follow."))
    subscription = _member_subscription(request)
    target = FOLLOWABLE[kind](slug)
    related = getattr(subscription, Subscription.FIELDS[kind])
    if related.filter(pk=target.pk).exists():
        related.remove(target)
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": target})
    else:
        related.add(target)
        messages.success(
            request,
            _("You follow “%(name)s” and will hear about it in your weekly e-mail.")
            % {"name": target},
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "follow:preferences"
    return redirect(next_url)


# The link in the e-mail must work without signing in, and mail programs' one-click unsubscribe
# (RFC 8058) POSTs without a CSRF token: the signed token is the proof.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscription = Subscription.from_token(token)
    if subscription is None:
        return render(request, "follow/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        subscription.weekly_digest = False
        subscription.save(update_fields=["weekly_digest", "updated_at"])
        return render(request, "follow/unsubscribe.html", {"done": True})
    # GET only asks: link scanners in mail systems open links, and must not unsubscribe anyone.
    return render(request, "follow/unsubscribe.html", {"subscription": subscription})
