"""Settings for the public youth site, applied by ``config/settings.py`` when
``LANTERN_SITE=youth`` (and by the tests with ``override_settings(**youth_overrides(...))``).

Plain data, no Django imports: settings are read before apps load.

What changes from the staff site, and why (docs/adr/0016):

* **URLconf**: ``config.urls_youth`` only. No staff page, sign-in page or admin is reachable
  from the process that faces the internet.
* **Middleware**: ``ForgetClientMiddleware`` first (the address becomes a rate-limit key and is
  wiped), then headers, static files and a session. No authentication, MFA, session limits,
  access matrix, django-axes or audit: those record who a visitor is, and a young person must
  never be anyone.
* **No CSRF cookie**: the public forms carry no ambient authority (nobody is signed in), so
  there is nothing for a forged request to borrow; the forms check ``Origin`` instead, and a
  cookie before submit would be a mark left on the phone.
* **Sessions in a signed cookie**, set only after a report is sent (to show its reference once)
  and wiped by "Exit this page"; nothing about the session is kept on the server.
* **Templates**: the youth templates and context, not the staff layout or navigation.
* **Caches**: a local-memory ``youth`` cache for the rate limit and its daily secret, so
  neither is ever written to disk or the database.
* **Logging**: Django's request and server loggers only at ERROR, so no request line is logged.
"""

from __future__ import annotations

from typing import Any

URLCONF = "config.urls_youth"

MIDDLEWARE = [
    "lantern.youth.middleware.ForgetClientMiddleware",
    "lantern.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Inert here: allauth's app refuses to start without it. It serves no URL on this site
    # (no allauth URL is mounted), reads no user and records nothing.
    "allauth.account.middleware.AccountMiddleware",
]

YOUTH_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "lantern-youth",
}


def youth_templates(base_dir) -> list[dict[str, Any]]:
    return [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [base_dir / "lantern" / "core" / "templates"],
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "django.template.context_processors.request",
                    "lantern.youth.context_processors.youth",
                ],
            },
        }
    ]


def youth_overrides(base_dir, *, caches: dict | None = None) -> dict[str, Any]:
    """Setting name -> value for the youth process. ``caches`` is the staff site's CACHES."""
    return {
        "ROOT_URLCONF": URLCONF,
        "MIDDLEWARE": list(MIDDLEWARE),
        "TEMPLATES": youth_templates(base_dir),
        "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies",
        "SESSION_COOKIE_NAME": "lantern_youth",
        "SESSION_COOKIE_AGE": 30 * 60,
        "SESSION_EXPIRE_AT_BROWSER_CLOSE": True,
        "SESSION_COOKIE_SAMESITE": "Strict",
        "SESSION_COOKIE_HTTPONLY": True,
        "CACHES": {**(caches or {"default": YOUTH_CACHE}), "youth": YOUTH_CACHE},
        "ADMINS": [],
        # No CSRF middleware, on purpose (see "No CSRF cookie" above and ADR 0016): the forms
        # refuse cross-site posts by Origin instead, so check --deploy's reminder is answered.
        "SILENCED_SYSTEM_CHECKS": ["security.W003"],
        "LOGIN_URL": "/",
    }


def youth_logging(logging_config: dict) -> dict:
    """The staff LOGGING with Django's request-line loggers held at ERROR."""
    loggers = dict(logging_config.get("loggers", {}))
    loggers["django.server"] = {"level": "ERROR"}
    loggers["django.request"] = {"level": "ERROR"}
    loggers["django.security"] = {"level": "ERROR"}
    return {**logging_config, "loggers": loggers}
