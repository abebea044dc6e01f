"""Public pages for anonymous visitors: cache headers, validators, answers to conditional
requests and a page cache keyed by what the public can see (`core.public_cache.version()`).

Who is anonymous is read from the request's cookies before any session is loaded: a request
that carries no cookie but the language and the CSRF cookie has no session, so no one signed in
and no pending message; only such requests are answered from the cache or stored in it. Every
other request goes through the site as before, and a signed-in visitor's answer says `private,
no-cache` so that neither a browser nor a proxy keeps it for someone else.

A page is kept only if it is the same for every anonymous visitor in that language: status 200,
no cookie set (a page that uses a CSRF token sets one), not marked private or no-cache by the
view (Wagtail marks restricted pages and previews so). Such a page needs no `Vary: Cookie` –
it varies by language, which is in the cache key – so that header is dropped: otherwise every
cookie value a visitor brings (an analytics cookie, an old CSRF cookie) would be its own copy
in any cache in between.

Browsers are told `max-age=PAGE_MAX_AGE` (0 by default: they ask again each time and get a 304
while the page is unchanged – a visitor who signs in or switches the language must not see the
copy from before), proxies `s-maxage=PAGE_SHARED_MAX_AGE`. The ETag is a hash of the page, so
it changes exactly when the page does. Last-Modified is when the public last saw a change, but
never before today's midnight: lists of coming meetings change with the date alone, and a client
that asks with If-Modified-Since only must not keep yesterday's.

The key is the address with its query parameters in sorted order, and a page is kept only if
the view read every parameter the request carries (`ReadParams`): `?x=1`, `?x=2` … each render
the page but are not kept, so made-up parameters cannot fill the cache with copies of one page.
An address with a query string (search results, filters, page 2 of a list) cannot be named in a
proxy purge (core.frontend_cache): proxies get `s-maxage=0` for it, so they ask each time and
get a 304 from the kept copy while it is unchanged, never a result from before a publish."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date, parse_http_date_safe

from . import public_cache
from .release import release

# Cookies that do not make a request personal: the language is in the key, and the CSRF
# cookie changes nothing on a page without a form (a page with one sets it and is not kept).
NEUTRAL_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
# The admin (previews too), the API (its rate limit counts every request), documents (their
# collection's privacy is checked per request) and the language switch are never kept.
EXCLUDED_PREFIXES = ("/admin/", "/api/", "/dokumente/", "/sprache/")


def is_anonymous_request(request):
    return request.method in ("GET", "HEAD") and set(request.COOKIES) <= NEUTRAL_COOKIES


class ReadParams(QueryDict):
    """`request.GET` that notes which parameters the view asked for (by name: `get`,
    `getlist`, `[]`, `in`, also through a copy, as forms make). Going through all of them
    (`items`, `lists`, `urlencode`) asks for none: a parameter only passed on into links
    is no reason to keep a page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read = set()

    @classmethod
    def of(cls, params):
        result = cls(mutable=True)
        for key, values in params.lists():
            result.setlist(key, values)
        result._mutable = False
        return result

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)

    def _getlist(self, key, default=None, force_list=False):
        self.read.add(key)
        return super()._getlist(key, default, force_list)

    def items(self):
        for key, values in self.lists():
            yield key, values[-1] if values else []

    def values(self):
        for _key, value in self.items():
            yield value

    def dict(self):
        return dict(self.items())

    def __copy__(self):
        result = super().__copy__()
        result.read = self.read
        return result

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.read = self.read
        return result


def cache_key(request):
    language = translation.get_language_from_request(request)
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    url = f"{request.build_absolute_uri(request.path)}?{query}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page:{release()}:{public_cache.version()}:{language}:{digest}"


def _cache_control(response):
    return {
        part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")
    }


def _public(response):
    """The same for every anonymous visitor in this language? (A download is, but is
    streamed: it gets the headers, its own validators, and is not kept here.)"""
    return (
        response.status_code == 200
        and not response.cookies
        and not _cache_control(response) & {"private", "no-cache", "no-store"}
    )


def _mark_public(response, purgeable):
    if response.has_header("Vary"):
        vary = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
        if vary:
            response["Vary"] = ", ".join(vary)
        else:
            del response["Vary"]
    patch_cache_control(
        response,
        public=True,
        max_age=settings.PAGE_MAX_AGE,
        s_maxage=settings.PAGE_SHARED_MAX_AGE if purgeable else 0,
    )


def _add_validators(response):
    if response.streaming:
        return
    if not response.has_header("ETag"):
        response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    if not response.has_header("Last-Modified"):
        response["Last-Modified"] = http_date(last_modified())


def last_modified():
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return max(public_cache.changed_at(), midnight.timestamp())


def _conditional(request, response):
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


class PublicPageCacheMiddleware:
    """Between WhiteNoise and the session: a kept page is answered without a session, a user
    or a database query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(EXCLUDED_PREFIXES) or not is_anonymous_request(request):
            return self._personal(request, self.get_response(request))
        use_cache = settings.PAGE_CACHE_SECONDS > 0
        key = cache_key(request) if use_cache else None
        response = cache.get(key) if use_cache else None
        if response is None:
            params = request.GET = ReadParams.of(request.GET)
            response = self.get_response(request)
            if not _public(response):
                return response
            _mark_public(response, purgeable=not params)
            _add_validators(response)
            if (
                use_cache
                and request.method == "GET"
                and not response.streaming
                and set(params) <= params.read
            ):
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return _conditional(request, response)

    @staticmethod
    def _personal(request, response):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
