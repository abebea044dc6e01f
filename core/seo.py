"""robots.txt and the sitemap: what crawlers and open-data portals may read."""

from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Site

from . import public_cache
from .pages import all_pages

# Addresses per part of the sitemap (the protocol allows 50,000; a part is built after each
# publish by the first crawler that asks, and kept, so it is kept small).
PART_SIZE = 1000
XML = "application/xml"


@require_GET
@cache_page(60 * 60)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /anmelden/",
        "Disallow: /suche/",
        "Disallow: /wer-macht-das-schon/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class PublicPagesSitemap(Sitemap):
    """Wagtail's sitemap over plain pages: an entry needs a page's address and date, which every
    page has. Wagtail's own reads each page as its type (`.specific()`: a query per type and
    thousand pages, 3.7 s at 10,000 projects); no page type here adds addresses of its own
    (`get_sitemap_urls`). In parts of PART_SIZE addresses, so that no answer grows with the
    catalogue: /sitemap.xml is the index of the parts."""

    limit = PART_SIZE

    def items(self):
        return (
            all_pages()
            .descendant_of(self.get_wagtail_site().root_page, inclusive=True)
            .live()
            .public()
            .order_by("path")
        )


def part_count():
    """How many parts the sitemap has now (one at least: an index lists one part)."""
    return max(1, -(-all_pages().live().public().count() // PART_SIZE))


def _site_key(request):
    site = Site.find_for_request(request)
    return site.pk if site else 0


@require_GET
def sitemap_xml(request):
    """The sitemap index: the address of each part. Built once per version of what the public
    sees and per site, like the parts."""

    def build():
        sitemap = PublicPagesSitemap(request)
        parts = [
            SitemapIndexItem(request.build_absolute_uri(reverse("sitemap_part", args=[n])), None)
            for n in sitemap.paginator.page_range
        ]
        response = TemplateResponse(
            request, "sitemap_index.xml", {"sitemaps": parts}, content_type=XML
        )
        return response.render().content

    content = public_cache.cached(f"sitemap:{_site_key(request)}", build)
    return HttpResponse(content, content_type=XML)


@require_GET
def sitemap_part(request, part):
    """Part `part` of the sitemap (404 past the last)."""

    def build():
        sitemap = PublicPagesSitemap(request)
        try:
            urls = sitemap.get_urls(page=part, site=RequestSite(request), protocol=request.scheme)
        except (EmptyPage, PageNotAnInteger):
            return b""
        response = TemplateResponse(request, "sitemap.xml", {"urlset": urls}, content_type=XML)
        return response.render().content

    content = public_cache.cached(f"sitemap:{_site_key(request)}:{part}", build)
    if not content:
        raise Http404("Diesen Teil der Sitemap gibt es nicht.")
    return HttpResponse(content, content_type=XML)
