"""The catalogue's page types – projects, cities, meetings – each registered once.

A domain app registers its type from its `AppConfig.ready()` (`register`): the kind (the word
in search results, API records and the removals list), its label, its page model and the
FilterSet of its list. The apps above add what they make of a type from their own `ready()`
(`attach`): the search app the document the engine stores, the open data app the public
record's serializer. Whatever treats the catalogue as a whole – indexing, removals, downloads,
the API's resources, search facets, the publication stream (`core.publication`) – reads this
registry, so that a type is named once and not again in every app.

`core` imports no app: the apps come to it. Their `ready()` runs in the order of
INSTALLED_APPS, where the domain apps stand before the apps that attach to their types.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured


@dataclass(eq=False)
class CatalogueType:
    kind: str  # "project": in search results, API records, the removals list
    label: str  # plural, on screen: „Projekte“
    model: type  # the page model
    index_model: type  # the page type of its list (/projekte/), one under the home page
    index_title: str  # the list's title when the site tree is built: „Projekte“ (editable)
    position: int  # where the type stands when all are listed (downloads, API, indices)
    slug: str  # the plural in addresses: /projekte/, kommunal-digital-projekte.csv
    resource: str  # the API's resource: /api/v1/projects/
    # The list's filters, shared by its index page and the API (a django-filter FilterSet).
    filterset: type | None = None
    # Labels the pages carry, with the lookup from a page to one ({Topic: "topics"}): a label
    # renamed changes what the public sees of the pages that carry it.
    labels: dict = field(default_factory=dict)
    # Filled in by the apps above (`attach`).
    document: type | None = None  # search: what the engine stores of a page
    serializer: type | None = None  # open data: the public record of a page

    def pages(self):
        """What the public catalogue holds of this type: live pages without view restrictions
        (queries the restrictions when called)."""
        return self.model.objects.live().public()


# What the apps above may attach to a type.
SLOTS = ("document", "serializer")

_types = {}


def register(catalogue_type):
    if catalogue_type.kind in _types:
        raise ImproperlyConfigured(f"Catalogue type {catalogue_type.kind!r} is registered twice.")
    _types[catalogue_type.kind] = catalogue_type
    return catalogue_type


def attach(kind, **slots):
    """An app above adds what it makes of a type: `attach("project", document=…)`."""
    if kind not in _types:
        raise ImproperlyConfigured(
            f"No catalogue type {kind!r} to attach to: the app that registers it must come "
            "before this one in INSTALLED_APPS."
        )
    for name, value in slots.items():
        if name not in SLOTS:
            raise ImproperlyConfigured(f"Catalogue types have no slot {name!r} (only {SLOTS}).")
        setattr(_types[kind], name, value)


def types():
    """Every type, in their order (projects, cities, meetings)."""
    return sorted(_types.values(), key=lambda catalogue_type: catalogue_type.position)


def get(kind):
    """The type of a kind; KeyError for a kind nobody registered."""
    return _types[kind]


def models():
    return [catalogue_type.model for catalogue_type in types()]


def of(page):
    """The type of a page or a page model; None for pages outside the catalogue (home, lists).
    A plain `Page` – from a tree query, or deleted – is known by its content type."""
    model = page if isinstance(page, type) else type(page)
    for catalogue_type in _types.values():
        if issubclass(model, catalogue_type.model):
            return catalogue_type
    specific = None if isinstance(page, type) else getattr(page, "specific_class", None)
    if specific is not None and specific is not model:
        return of(specific)
    return None


def kind_choices():
    """(kind, name) of every type, for choices (a callable: the types register after the models
    are defined)."""
    return [(t.kind, t.model._meta.verbose_name) for t in types()]
