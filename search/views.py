from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .facets import facet_groups, status_names, typed_chips
from .forms import PeerFinderForm, SearchForm, SuggestionForm
from .service import autocomplete, find_peers, run_search


def _without(params, *names):
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _corrections(form, query, params):
    """What the page says about typed filters that name nothing, with the corrected search."""
    shown = []
    for problem in form.problems:
        url = ""
        if problem.suggestion:
            corrected = params.copy()
            corrected.pop("page", None)
            corrected["q"] = query.replacing(
                {problem.term: problem.term.written(problem.suggestion)}
            )
            url = "?" + corrected.urlencode()
        shown.append({"message": problem.message, "suggestion": problem.suggestion, "url": url})
    return shown


def search(request):
    form = SearchForm(request.GET)
    context = {
        "form": form,
        "results": None,
        "status_labels": ", ".join(str(label) for label in status_names().values()),
    }
    if not form.is_valid():
        return TemplateResponse(request, "search/search.html", context, status=400)
    search_request = form.search_request()
    query = search_request.query
    context.update(
        query=query,
        chips=typed_chips(form.typed, query, request.GET),
        problems=_corrections(form, query, request.GET),
    )
    if form.problems or (query.is_empty and not form.typed):
        return TemplateResponse(request, "search/search.html", context)
    results = run_search(search_request)
    pages = max(1, -(-results.total // search_request.per_page))
    if search_request.page > pages:
        raise Http404(_("This page of results does not exist."))
    context.update(
        results=results,
        facets=facet_groups(results.facets, search_request.filters, request.GET, form.typed, query),
        page_number=search_request.page,
        # Links keep the query and filters: one query string without the page, one also
        # without the sort order.
        keep=_without(request.GET, "page"),
        keep_but_sort=_without(request.GET, "page", "sort"),
        pages=pages,
        active_filters=search_request.filters,
        # „Meinten Sie …“ corrects the words; the typed filters stay as they were typed.
        suggestion_q=" ".join(
            [results.suggestion or "", *(query.raw[t.start : t.end] for t in query.terms)]
        ).strip(),
    )
    return TemplateResponse(request, "search/search.html", context)


def peer_finder(request):
    """`/wer-macht-das-schon/`: paste a challenge, get projects and cities that work on it."""
    if "challenge" not in request.GET:
        return TemplateResponse(request, "search/peer_finder.html", {"form": PeerFinderForm()})
    form = PeerFinderForm(request.GET)
    if not form.is_valid():
        return TemplateResponse(request, "search/peer_finder.html", {"form": form}, status=400)
    peers = find_peers(form.cleaned_data["challenge"])
    return TemplateResponse(request, "search/peer_finder.html", {"form": form, **peers})


def suggestions(request):
    """JSON for the search box's autocomplete (progressive enhancement)."""
    form = SuggestionForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"suggestions": [], "errors": form.errors}, status=400)
    response = JsonResponse({"suggestions": form.suggestions(autocomplete)})
    response["Cache-Control"] = "public, max-age=60"
    return response
