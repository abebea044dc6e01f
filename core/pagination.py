"""Pages of long lists of pages (projects of the catalogue, of a city, of a feed)."""

from django.core.paginator import Paginator


def page_of(pages, number, per_page):
    """Django's page `number` of the queryset `pages`, read in two steps: the ids of the page in
    the list's order, then those rows with what `pages` selects and prefetches. Sorting whole
    page rows (sixty columns, texts included) to keep twenty of thousands cost more than the
    rest of the list. Raises EmptyPage and PageNotAnInteger like `Paginator.page`."""
    page = Paginator(pages.values_list("pk", flat=True), per_page).page(number)
    page.object_list = list(pages.filter(pk__in=list(page.object_list)))
    return page


def first_of(pages, count):
    """The first `count` of the queryset `pages`, read in two steps like `page_of`."""
    return list(pages.filter(pk__in=list(pages.values_list("pk", flat=True)[:count])))
