"""The address a request came from, as far as this site can trust it."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, unless NUM_PROXIES reverse proxies stand in front of the site: then the
    N-th address from the right of X-Forwarded-For, the one the outermost proxy saw. Whatever
    a client writes further left is its own words, and with no proxy the whole header is.

    The same rule as the API's rate limit (DRF's NUM_PROXIES), so that sign-in lock-outs and
    request counts see the same client."""
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    remote_addr = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not proxies or not forwarded:
        return remote_addr
    addresses = [address.strip() for address in forwarded.split(",")]
    return addresses[-min(proxies, len(addresses))] or remote_addr
