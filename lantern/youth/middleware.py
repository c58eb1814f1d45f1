"""Middleware for the public youth site only (``LANTERN_SITE=youth``).

``ForgetClientMiddleware`` is first in the stack: it reads the client's address once, keeps only
the rate-limit key made from it (``ratelimit.client_key``), and removes the address, the user
agent and every other header that can single out a device from ``request.META``. Nothing that
runs later (views, logging, Django's error reports, a future error tracker) can record what is
no longer there.
"""

from __future__ import annotations

from django.conf import settings

from lantern.youth import ratelimit

#: Headers that can identify a device or a person's network, wiped before any view runs.
FORGET = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CLIENT_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_VIA",
    "HTTP_FROM",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_MOBILE",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_SEC_CH_UA_MODEL",
    "HTTP_SEC_CH_UA_PLATFORM_VERSION",
    "HTTP_SEC_CH_UA_FULL_VERSION_LIST",
    "HTTP_DNT",
    "HTTP_X_REQUEST_ID",
)


class ForgetClientMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        # Behind the documented proxy the address arrives in a header the proxy sets
        # (LANTERN_YOUTH_ADDRESS_HEADER, e.g. HTTP_X_REAL_IP); directly, it is REMOTE_ADDR.
        header = getattr(settings, "LANTERN_YOUTH_ADDRESS_HEADER", "") or "REMOTE_ADDR"
        address = meta.get(header, "") or meta.get("REMOTE_ADDR", "")
        try:
            request.youth_client_key = ratelimit.client_key(address) if address else None
        except ratelimit.RateLimitUnavailable:
            request.youth_client_key = None
        for name in FORGET:
            if name in meta:
                meta[name] = ""
        meta["REMOTE_ADDR"] = ""
        del address
        return self.get_response(request)
