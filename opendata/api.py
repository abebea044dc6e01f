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
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from cities.models import CityPage
from core.validation import parse_id
from events.models import EventPage
from projects.models import ProjectPage, Topic
from projects.spreadsheet.export import export_queryset

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


class CatalogueViewSet(mixins.RetrieveModelMixin, mixins.ListModelMixin, PublicList):
    def get_object(self):
        # An id no record can have is simply not found; SQLite would overflow on it.
        if self.lookup_field == "pk" and parse_id(self.kwargs["pk"]) is None:
            raise NotFound
        return super().get_object()


class ProjectViewSet(CatalogueViewSet):
    """Published projects of the member cities."""

    serializer_class = serializers.ProjectSerializer
    filterset_class = filters.ProjectFilter

    def get_queryset(self):
        return published_projects()


class CityViewSet(CatalogueViewSet):
    """Member cities."""

    serializer_class = serializers.CitySerializer
    filterset_class = filters.CityFilter

    def get_queryset(self):
        return published_cities()


class EventViewSet(CatalogueViewSet):
    """Meetings of the working group."""

    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter

    def get_queryset(self):
        return published_events()


class TopicViewSet(CatalogueViewSet):
    """The working group's topics."""

    serializer_class = serializers.TopicSerializer
    filter_backends = []
    lookup_field = "slug"

    def get_queryset(self):
        return Topic.objects.order_by("name")


class RemovalViewSet(mixins.ListModelMixin, PublicList):
    """Records that were unpublished, deleted or made private: a harvester asks with the same
    `changed_since` as for the records themselves and drops these ids from its copy. A record
    public again leaves this list and reappears in its own resource."""

    serializer_class = serializers.RemovalSerializer
    filterset_class = filters.RemovalFilter

    def get_queryset(self):
        return Removal.objects.order_by("pk")


def published_projects():
    return export_queryset()


def published_cities():
    return CityPage.objects.live().public().order_by("pk")


def published_events():
    return (
        EventPage.objects.live()
        .public()
        .select_related("host_city")
        .prefetch_related(
            Prefetch("agenda_items__projects", queryset=ProjectPage.objects.live().public())
        )
        .order_by("pk")
    )


router = routers.SimpleRouter()
router.register("projects", ProjectViewSet, basename="api-project")
router.register("cities", CityViewSet, basename="api-city")
router.register("events", EventViewSet, basename="api-event")
router.register("topics", TopicViewSet, basename="api-topic")
router.register("removed", RemovalViewSet, basename="api-removed")
