"""Settings of the public forms, checked at start-up: a mistyped rate or address would
otherwise show only when the first visitor sends a message."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.rate_limit import parse_rate


@checks.register(checks.Tags.compatibility)
def check_contact_settings(app_configs, **kwargs):
    errors = []
    try:
        parse_rate(settings.CONTACT_RATE_LIMIT)
    except (KeyError, ValueError):
        errors.append(
            checks.Error(
                f"CONTACT_RATE_LIMIT={settings.CONTACT_RATE_LIMIT!r} is no rate.",
                hint="Number/period, e.g. 10/hour (periods: second, minute, hour, day).",
                id="legal.E001",
            )
        )
    for address in settings.CONTACT_EMAIL:
        try:
            validate_email(address)
        except ValidationError:
            errors.append(
                checks.Error(
                    f"CONTACT_EMAIL contains {address!r}, which is no e-mail address.",
                    id="legal.E002",
                )
            )
    return errors
