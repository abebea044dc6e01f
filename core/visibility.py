"""What a visitor may see of restricted pages and documents outside the page itself.

Wagtail checks view restrictions when it serves a page or a document. Everything else that
shows their data – a calendar file, a link or a document listed on another page – asks here,
so that the same rules (sign-in, password, groups) apply there too."""

from django.db.models import QuerySet
from django.http import HttpResponse

from wagtail import hooks


def serve_as_page(page, request, respond):
    """Answer with `respond()` – another form of the page, e.g. a calendar file – under the
    same checks as serving the page itself: Wagtail's `on_serve_page` hooks (view restrictions:
    the sign-in redirect or the password form) and `before_serve_page` hooks."""

    def chain(page, request, args, kwargs):
        return respond()

    for wrap in reversed(hooks.get_hooks("on_serve_page")):
        chain = wrap(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, (), {})


def document_visible(document, request):
    """May this visitor open the document? Its collection's restrictions (and those of the
    collections above it) decide, once per collection and request."""
    if document is None:
        return False
    answers = request.__dict__.setdefault("_collection_access", {})
    if document.collection_id not in answers:
        restrictions = document.collection.get_view_restrictions()
        answers[document.collection_id] = all(r.accept_request(request) for r in restrictions)
    return answers[document.collection_id]


def visible_attachments(items, request):
    """Attached documents (project or meeting) the visitor may open, in their order."""
    if isinstance(items, QuerySet):  # a preview's relations live in memory
        items = items.select_related("document__collection")
    return [item for item in items if document_visible(item.document, request)]
