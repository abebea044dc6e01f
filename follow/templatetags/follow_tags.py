from django import template

from core.roles import is_member
from follow.models import Subscription

register = template.Library()


@register.inclusion_tag("follow/includes/follow_button.html", takes_context=True)
def follow_button(context, kind, target):
    """A follow/unfollow form for members; nothing for everyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if target is None or not is_member(user):
        return {"show": False}
    following = Subscription.objects.filter(
        user=user, **{Subscription.FIELDS[kind]: target}
    ).exists()
    return {
        "show": True,
        "kind": kind,
        "target": target,
        "following": following,
        "next": request.get_full_path(),
    }
