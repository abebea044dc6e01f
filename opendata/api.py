"""The read-only JSON API (`/api/v1/`), built on Django REST framework.

Public data only, so no authentication and no sessions: a harvester needs no account and the
API never varies by who asks. Answers are paginated (`page`, `page_size`) and ordered by id,
so that a harvester walking the pages sees every record once.
"""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, routers, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import AnonRateThrottle

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import catalogue
from core.validation import parse_id
from projects.models import Topic
from solutions.models import SolutionPage

from . import filters, serializers
from .licence import LICENCE_URL
from .models import Removal


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class StrictFilterBackend(DjangoFilterBackend):
    """Reject parameters that are neither filters nor paging."""

    PAGING = {"page", "page_size"}

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(filterset_class.base_filters) if filterset_class else set()
        unknown = sorted(set(request.query_params) - known - self.PAGING)
        if unknown:
            raise ValidationError(
                {
                    name: [
                        _("Unknown parameter. Known: %(known)s.")
                        % {"known": ", ".join(sorted(known | self.PAGING))}
                    ]
                    for name in unknown
                }
            )
        return super().filter_queryset(request, queryset, view)


class PerClientThrottle(AnonRateThrottle):
    """Every caller is anonymous here: limit each client address to API_RATE_LIMIT."""

    def get_rate(self):
        return settings.API_RATE_LIMIT


class PublicList(viewsets.GenericViewSet):
    authentication_classes = []
    permission_classes = []
    throttle_classes = [PerClientThrottle]
    renderer_classes = [JSONRenderer]
    pagination_class = Pagination
    filter_backends = [StrictFilterBackend]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Link"] = f'<{LICENCE_URL}>; rel="license"'
        return response


class RecordViewSet(mixins.RetrieveModelMixin, mixins.ListModelMixin, PublicList):
    def get_object(self):
        # An id no record can have is simply not found; SQLite would overflow on it.
        if self.lookup_field == "pk" and parse_id(self.kwargs["pk"]) is None:
            raise NotFound
        return super().get_object()


class CatalogueViewSet(RecordViewSet):
    """The published pages of one catalogue type: one subclass per type (`catalogue_viewset`),
    with the type's record and its list's filters."""

    catalogue_type = None

    @property
    def api_description(self):
        return self.catalogue_type.serializer.dataset_description

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # The schema needs the model only; the public pages take queries to find.
            return self.catalogue_type.model.objects.none()
        return published(self.catalogue_type)


def catalogue_viewset(catalogue_type):
    return type(
        f"{catalogue_type.model.__name__}ViewSet",
        (CatalogueViewSet,),
        {
            "catalogue_type": catalogue_type,
            "serializer_class": catalogue_type.serializer,
            "filterset_class": filters.harvest_filterset(catalogue_type),
        },
    )


class TopicViewSet(RecordViewSet):
    """The working group's topics."""

    api_description = gettext_lazy("The topics of the working group's list, by name.")
    serializer_class = serializers.TopicSerializer
    filter_backends = []
    lookup_field = "slug"

    def get_queryset(self):
        return Topic.objects.order_by("name")


class SolutionViewSet(RecordViewSet):
    """The solutions cities use (software, procedures, concepts, services), by name."""

    api_description = gettext_lazy(
        "Solutions that member cities use – software, procedures, concepts, services – with "
        "their licence and the number of published projects using them; each project's record "
        "names the solutions it uses."
    )
    serializer_class = serializers.SolutionSerializer
    filter_backends = []
    lookup_field = "slug"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SolutionPage.objects.none()  # the schema needs the model only
        return (
            SolutionPage.objects.live()
            .public()
            .with_project_counts()
            .select_related("origin_city")
            .order_by("title", "pk")
        )


class RemovalViewSet(mixins.ListModelMixin, PublicList):
    """Records that were unpublished, deleted or made private: a harvester asks with the same
    `changed_since` as for the records themselves and drops these ids from its copy. A record
    public again leaves this list and reappears in its own resource."""

    api_description = gettext_lazy(
        "Records that were unpublished, deleted or made private: ask with the same "
        "changed_since as for the records and drop these ids from your copy."
    )
    serializer_class = serializers.RemovalSerializer
    filterset_class = filters.RemovalFilter

    def get_queryset(self):
        return Removal.objects.order_by("pk")


def published(catalogue_type):
    """The public records of a type, ordered by id: the API's, the downloads' and DCAT's."""
    return catalogue_type.serializer.records(catalogue_type.pages()).order_by("pk")


# Made when the URLs are first loaded, after every app registered its catalogue type.
router = routers.SimpleRouter()
for catalogue_type in catalogue.types():
    router.register(
        catalogue_type.resource,
        catalogue_viewset(catalogue_type),
        basename=f"api-{catalogue_type.kind}",
    )
router.register("topics", TopicViewSet, basename="api-topic")
router.register("solutions", SolutionViewSet, basename="api-solution")
router.register("removed", RemovalViewSet, basename="api-removed")
