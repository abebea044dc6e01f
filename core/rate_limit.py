"""How often one client may do something, counted in the shared cache.

For public forms that send e-mail: the API's limit is Django REST framework's throttle, which
keeps a list of timestamps per client; a form needs only a counter per client and time window,
which every cache (local memory, database, Redis) increments without a race."""

import hashlib
import ipaddress
import time

from django.core.cache import cache

from .client_ip import client_ip

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """`"10/hour"` → (10, 3600): the format of `API_RATE_LIMIT` (DRF's), first letter counts."""
    number, _slash, period = rate.partition("/")
    return int(number), PERIODS[period.strip()[:1].lower()]


def client_key(request):
    """The client's address; for IPv6 its /64 network, which one household or server holds
    as a whole and could otherwise walk through address by address."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def hit(scope, request, rate):
    """Count one attempt of this client in `scope`; False once more than `rate` allows fell
    into the current window (fixed windows: a client gets at most twice the rate across a
    window's boundary, enough against a flood and without a list per client)."""
    limit, period = parse_rate(rate)
    window = int(time.time() // period)
    client = hashlib.sha256(client_key(request).encode()).hexdigest()[:32]
    key = f"rate:{scope}:{client}:{window}"
    cache.add(key, 0, period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, period)
        count = 1
    return count <= limit


def retry_after(rate):
    """Seconds until the current window ends, for a `Retry-After` header."""
    _limit, period = parse_rate(rate)
    return period - int(time.time()) % period
