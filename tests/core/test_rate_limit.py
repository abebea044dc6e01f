"""The per-client counter behind the public forms' rate limit (core.rate_limit)."""

import pytest

from django.core.management import call_command
from django.core.management.base import SystemCheckError

from core.rate_limit import hit, parse_rate


def test_rates_are_written_like_the_apis():
    assert parse_rate("120/minute") == (120, 60)
    assert parse_rate("10/hour") == (10, 3600)
    assert parse_rate("3/d") == (3, 86400)


def test_each_client_address_has_its_own_count(rf):
    assert hit("t", rf.get("/", REMOTE_ADDR="192.0.2.1"), "1/hour")
    assert not hit("t", rf.get("/", REMOTE_ADDR="192.0.2.1"), "1/hour")
    assert hit("t", rf.get("/", REMOTE_ADDR="192.0.2.2"), "1/hour")
    assert hit("other", rf.get("/", REMOTE_ADDR="192.0.2.1"), "1/hour")


def test_addresses_of_one_ipv6_network_share_a_count(rf):
    assert hit("t", rf.get("/", REMOTE_ADDR="2001:db8::1"), "2/hour")
    assert hit("t", rf.get("/", REMOTE_ADDR="2001:db8::2"), "2/hour")
    assert not hit("t", rf.get("/", REMOTE_ADDR="2001:db8::ffff"), "2/hour")
    assert hit("t", rf.get("/", REMOTE_ADDR="2001:db8:0:1::1"), "2/hour")


@pytest.mark.parametrize(
    ("setting", "value"), [("CONTACT_RATE_LIMIT", "zehn pro Stunde"), ("CONTACT_EMAIL", ["x@"])]
)
def test_wrong_form_settings_stop_the_start(settings, setting, value):
    setattr(settings, setting, value)
    with pytest.raises(SystemCheckError):
        call_command("check")
