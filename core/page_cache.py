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
that asks with If-Modified-Since only must not keep yesterday's."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date, parse_http_date_safe

from . import public_cache

# Cookies that do not make a request personal: the language is in the key, and the CSRF
# cookie changes nothing on a page without a form (a page with one sets it and is not kept).
NEUTRAL_COOKIES = {settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
# The admin (previews too), the API (its rate limit counts every request), documents (their
# collection's privacy is checked per request) and the language switch are never kept.
EXCLUDED_PREFIXES = ("/admin/", "/api/", "/dokumente/", "/sprache/")


def is_anonymous_request(request):
    return request.method in ("GET", "HEAD") and set(request.COOKIES) <= NEUTRAL_COOKIES


def cache_key(request):
    language = translation.get_language_from_request(request)
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page:{public_cache.version()}:{language}:{url}"


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


def _mark_public(response):
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
        s_maxage=settings.PAGE_SHARED_MAX_AGE,
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
            response = self.get_response(request)
            if not _public(response):
                return response
            _mark_public(response)
            _add_validators(response)
            if use_cache and request.method == "GET" and not response.streaming:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return _conditional(request, response)

    @staticmethod
    def _personal(request, response):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
