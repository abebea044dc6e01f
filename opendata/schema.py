"""The API's OpenAPI schema (drf-spectacular): how the views, serializers and filters describe
themselves. Every description in the schema is a help text they already carry – a serializer
field's `help_text`, a filter's entry in its FilterSet's `help_texts` (or its label), a
resource's `api_description` – so the schema, the documentation page built from it and the
API cannot say different things."""

from django_filters import ModelChoiceFilter
from drf_spectacular import openapi
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import build_basic_type, build_parameter_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from core.filters import FlagFilter

from .filters import ChangedSinceFilter


class AutoSchema(openapi.AutoSchema):
    def get_description(self):
        # The views' docstrings are notes for developers of this site, in English; a resource
        # says what it holds for harvesters in `api_description`, in the request's language.
        return str(getattr(self.view, "api_description", ""))

    def _map_basic_serializer(self, serializer, direction):
        # A serializer's docstring is a note for developers of this site too; its fields'
        # help texts describe the record.
        schema = super()._map_basic_serializer(serializer, direction)
        schema.pop("description", None)
        return schema


class ListFilterExtension(DjangoFilterExtension):
    """The API's filters as query parameters, described by the FilterSet's `help_texts` (what
    the API documentation says where a filter's label, made for the list page, is not enough)
    and typed for this site's own filters: yes/no filters take `true` or `false`, a filter
    that picks a record by `to_field_name` takes that field's value (a slug)."""

    target_class = "opendata.api.StrictFilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if isinstance(filter_field, ChangedSinceFilter):
            # A date or a date and time: a string, described by its label.
            schema = build_basic_type(OpenApiTypes.STR)
        elif isinstance(filter_field, FlagFilter):
            schema = build_basic_type(OpenApiTypes.STR)
            schema["enum"] = ["true", "false"]
        elif isinstance(filter_field, ModelChoiceFilter):
            schema = build_basic_type(OpenApiTypes.STR)
        else:
            parameters = super().resolve_filter_field(
                auto_schema, model, filterset_class, field_name, filter_field
            )
            own = getattr(filterset_class, "help_texts", {}).get(field_name)
            for parameter in parameters:
                if own:
                    # Keep the list of values drf-spectacular appends to a choice filter's text.
                    values = parameter.get("description", "").partition("\n\n*")[1:]
                    parameter["description"] = str(own) + "".join(values)
            return parameters
        description = getattr(filterset_class, "help_texts", {}).get(field_name, filter_field.label)
        return [
            build_parameter_type(
                name=field_name,
                required=filter_field.extra["required"],
                location=OpenApiParameter.QUERY,
                description=str(description),
                schema=schema,
            )
        ]
