"""Abuse control without CAPTCHA: a per-address count that never knows the address.

How: the address is turned into ``HMAC-SHA256(secret_of_the_day, address)`` the moment a
request arrives (``middleware.ForgetClientMiddleware``) and the address itself is then wiped
from the request. Counts are kept against that keyed hash, per hour, in the ``youth`` cache.

Why the secret makes this safe: an IPv4 address has only 2^32 values, so a plain hash of one can
be reversed by trying them all. Keyed with a random secret that exists only in this process's
memory (the ``youth`` cache is a local-memory cache, never the database) and is replaced each
day, the stored keys cannot be turned back into addresses by anyone who copies the database or
the logs, and yesterday's keys cannot even be matched with today's.

IPv6: a phone is usually given a whole /64 and may change address within it at will, so the
key is made from the /64.

Fails closed: if the cache cannot be used, ``RateLimitUnavailable`` is raised and the page
says, kindly, that the report could not be sent just now (with where to get help at once).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone

CACHE_ALIAS = "youth"
WINDOW_SECONDS = 60 * 60


class RateLimitUnavailable(Exception):
    """The count could not be read or written: refuse rather than let everything through."""


def _cache():
    return caches[CACHE_ALIAS]


def _secret_of_the_day() -> bytes:
    today = timezone.localdate().isoformat()
    key = f"secret:{today}"
    cache = _cache()
    # add() only sets when absent, so concurrent first requests agree on one secret.
    cache.add(key, secrets.token_hex(32), timeout=2 * 24 * 60 * 60)
    value = cache.get(key)
    if not value:
        raise RateLimitUnavailable("no secret of the day")
    return value.encode("ascii")


def _network_part(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip()[:64]
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_key(address: str) -> str:
    """The keyed hash that stands in for ``address`` (never stored beyond the hour's count)."""
    digest = hmac.new(_secret_of_the_day(), _network_part(address).encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def hit(*, key: str | None, action: str, limit: int) -> bool:
    """Count one attempt at ``action``; True while the hour's count is within ``limit``.

    A request with no key (the middleware could not make one) is refused: fail closed.
    """
    if not key:
        raise RateLimitUnavailable("no client key")
    window = int(time.time() // WINDOW_SECONDS)
    name = f"n:{action}:{key}:{window}"
    try:
        cache = _cache()
        cache.add(name, 0, timeout=WINDOW_SECONDS + 60)
        count = cache.incr(name)
    except Exception as exc:  # noqa: BLE001 - any cache failure refuses (fail closed)
        raise RateLimitUnavailable(str(type(exc).__name__)) from None
    return count <= limit


def report_limit() -> int:
    return int(getattr(settings, "LANTERN_YOUTH_REPORTS_PER_HOUR", 5))


def check_limit() -> int:
    return int(getattr(settings, "LANTERN_YOUTH_CHECKS_PER_HOUR", 10))
