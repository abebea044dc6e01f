"""robots.txt and the sitemap: what crawlers and open-data portals may read."""

from django.http import HttpResponse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Site

from . import public_cache
from .pages import all_pages


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
    (`get_sitemap_urls`)."""

    def items(self):
        return (
            all_pages()
            .descendant_of(self.get_wagtail_site().root_page, inclusive=True)
            .live()
            .public()
            .order_by("path")
        )


@require_GET
def sitemap_xml(request):
    """Wagtail's sitemap, built once per version of what the public sees and per site: it
    lists every public page, and crawlers ask for it often."""
    site = Site.find_for_request(request)

    def build():
        response = sitemap(request, sitemaps={"wagtail": PublicPagesSitemap})
        response.render()
        return response.content, response["Content-Type"]

    content, content_type = public_cache.cached(f"sitemap:{site.pk if site else 0}", build)
    return HttpResponse(content, content_type=content_type)
