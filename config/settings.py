"""Lantern settings: wiring only, every value driven by the environment.

Why env-driven: the same code runs as a zero-setup demo (SQLite, demo banner, MFA optional) and in
production (PostgreSQL, MFA required, strict security). ``LANTERN_ENV`` picks the profile:

* ``demo`` (default): SQLite in ``var/``, DEBUG off unless ``DEBUG=1``, a phase banner saying the
  data is synthetic.
* ``test``: like demo, used by the suite.
* ``production``: refuses SQLite, DEBUG and the default secret key (see ``_refuse_unsafe``).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LANTERN_VAR_DIR", BASE_DIR / "var"))

LANTERN_ENV = os.environ.get("LANTERN_ENV", "demo").lower()
IS_PRODUCTION = LANTERN_ENV == "production"
DEMO_MODE = not IS_PRODUCTION

_DEFAULT_SECRET = "lantern-demo-secret-key-not-for-production-use-0123456789"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", _DEFAULT_SECRET)
DEBUG = os.environ.get("DEBUG", "0") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "lantern.core",
    "lantern.accounts",
    "lantern.audit",
    "lantern.access",
    "lantern.people",
    "lantern.assessments",
    "lantern.youth",
    "lantern.referrals",
    "lantern.cases",
    "lantern.missing",
    "lantern.schools",
    "lantern.contexts",
    "lantern.identity",
    "lantern.nrm",
    "lantern.panels",
    "lantern.disruption",
    "lantern.networks",
    "lantern.intelligence",
    "lantern.reporting",
    "lantern.threats",
    "lantern.synthetic",
]

MIDDLEWARE = [
    "lantern.core.middleware.RequestIdMiddleware",
    # Outermost after the request id, so redirects from any later middleware get the headers too.
    "lantern.core.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lantern.accounts.middleware.SessionLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lantern.accounts.middleware.MFARequiredMiddleware",
    "lantern.access.middleware.AccessMatrixMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # accounts/templates is listed so its GOV.UK overrides win over allauth's own templates.
        "DIRS": [
            BASE_DIR / "lantern" / "core" / "templates",
            BASE_DIR / "lantern" / "accounts" / "templates",
        ],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lantern.core.context_processors.lantern",
                "lantern.core.context_processors.navigation",
                "lantern.accounts.context_processors.session_timing",
            ],
        },
    },
]
FORM_RENDERER = "lantern.core.forms.GovukFormRenderer"

# --- Database ---------------------------------------------------------------------------------
VAR_DIR.mkdir(parents=True, exist_ok=True)
_default_db_url = f"sqlite:///{VAR_DIR / 'lantern.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_db_url), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer commits; IMMEDIATE avoids lock upgrades failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------------------------
# allauth marks each used TOTP code in the cache to refuse replays. A per-process memory cache
# would let a code be replayed against another worker, so production shares a database cache
# (table created by lantern/accounts/migrations/0002_cache_table.py).
if IS_PRODUCTION:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "lantern_cache",
        }
    }

# --- Accounts, authentication, MFA -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lantern.accounts.backends.LanternModelBackend",
    "lantern.accounts.backends.LanternAllauthBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "lantern.accounts.adapters.LanternAccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = False  # django-axes owns lockout; allauth's cache limits would double count
ACCOUNT_FORMS = {
    "login": "lantern.accounts.forms.LoginForm",
    "change_password": "lantern.accounts.forms.ChangePasswordForm",
    "set_password": "lantern.accounts.forms.SetPasswordForm",
    "reauthenticate": "lantern.accounts.forms.ReauthenticateForm",
}
MFA_ADAPTER = "lantern.accounts.adapters.LanternMFAAdapter"
MFA_FORMS = {
    "authenticate": "lantern.accounts.forms.MFAAuthenticateForm",
    "reauthenticate": "lantern.accounts.forms.MFAReauthenticateForm",
    "activate_totp": "lantern.accounts.forms.ActivateTOTPForm",
    "deactivate_totp": "lantern.accounts.forms.DeactivateTOTPForm",
}
MFA_TOTP_TOLERANCE = 1  # one 30-second step either side for clock drift; replay marks cover it
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Lantern"
LANTERN_REQUIRE_MFA = IS_PRODUCTION or os.environ.get("LANTERN_REQUIRE_MFA", "0") == "1"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_ADAPTER = "lantern.accounts.adapters.LanternSocialAccountAdapter"
SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = ""  # /accounts/oidc/<provider_id>/login/callback/
# Single sign-on users prove their second factor at the identity provider (Entra conditional
# access); set to 0 to make them enrol a Lantern authenticator as well (docs/adr/0004).
LANTERN_SSO_SATISFIES_MFA = os.environ.get("LANTERN_SSO_SATISFIES_MFA", "1") == "1"
SOCIALACCOUNT_PROVIDERS: dict = {}
if os.environ.get("OIDC_SERVER_URL"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": "entra",
                "name": os.environ.get("OIDC_NAME", "Single sign-on"),
                "client_id": os.environ.get("OIDC_CLIENT_ID", ""),
                "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": os.environ["OIDC_SERVER_URL"],
                    "oauth_pkce_enabled": True,
                },
            }
        ]
    }

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = ["username"]
# Lock per username, not per IP: partner offices sit behind shared NAT addresses, and an IP lock
# would shut a whole police station out after one person's typos (see docs/adr/0004).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "lantern.accounts.lockout.lockout_response"  # no username in context
AXES_VERBOSE = False
# Axes log lines name the client; ours never carries the attempted username (it may be a
# mistyped password or a child's name typed into the wrong box).
AXES_CLIENT_STR_CALLABLE = "lantern.accounts.lockout.client_str"
# Count failures under the folded username (case, width, white space): sign-in ignores them, so
# "PRIYA" and " priya" must share priya's five guesses (issue 10 item 6; lockout.lockout_username).
AXES_USERNAME_CALLABLE = "lantern.accounts.lockout.axes_username"

# Sessions: idle timeout 30 minutes (rolling), absolute limit 12 hours (SessionLimitsMiddleware).
SESSION_COOKIE_AGE = 30 * 60
# Saved when the middleware records activity (at most once a minute), not on every request.
SESSION_SAVE_EVERY_REQUEST = False
LANTERN_SESSION_TOUCH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
LANTERN_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
LANTERN_SESSION_WARNING_SECONDS = 25 * 60
SESSION_COOKIE_HTTPONLY = True
# Flash messages ("Relationship recorded with ...") name children. Django's default keeps them
# in a cookie, signed but readable, that signing out does not clear: the next person to sign in
# on a shared computer would read the last one's. In the session they are flushed at sign-out.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "lantern.core.views.csrf_failure"

# --- Security headers ---------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
# English only: the translation machinery costs a lookup per rendered value (ADR 0011).
USE_I18N = False
USE_TZ = True

# --- Static files: served from node_modules via finders; never vendored --------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("moj", BASE_DIR / "node_modules" / "@ministryofjustice" / "frontend" / "moj"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vega", BASE_DIR / "node_modules" / "vega" / "build"),
    ("vega-lite", BASE_DIR / "node_modules" / "vega-lite" / "build"),
    ("vega-embed", BASE_DIR / "node_modules" / "vega-embed" / "build"),
    ("cytoscape", BASE_DIR / "node_modules" / "cytoscape" / "dist"),
    ("leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
]
STATICFILES_DIRS = [(p, d) for p, d in STATICFILES_DIRS if d.exists()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
# GOV.UK Frontend's compiled CSS asks for fonts and images at /assets/...; serve its assets
# folder from the site root (read-only package files, nothing of ours).
WHITENOISE_ROOT = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"

# --- Logging: no personal data; only request ids, event codes and status ------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "lantern.core.logging.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's request logger writes the full path (which may carry a search query) on 4xx.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # At DEBUG the template engine logs whole page contexts (children's records) when a
        # variable is missing; never let LOG_LEVEL=DEBUG turn that on.
        "django.template": {"level": "INFO"},
    },
}

# --- Lantern domain settings -----------------------------------------------------------------
LANTERN_SERVICE_NAME = "Lantern"
LANTERN_PARTNERSHIP_NAME = os.environ.get("LANTERN_PARTNERSHIP_NAME", "Ashdown County Partnership")
LANTERN_SUPPRESSION_THRESHOLD = int(os.environ.get("LANTERN_SUPPRESSION_THRESHOLD", "5"))
#: Emerging threats rule (lantern.analysis.threats.Rule fields; ADR 0020), e.g. {"alpha": 0.005}.
LANTERN_THREAT_RULE: dict = {}
LANTERN_BREAK_GLASS_HOURS = 4
LANTERN_BREAK_GLASS_REVIEW_WORKING_DAYS = 5
LANTERN_AUDIT_ANCHOR = os.environ.get("LANTERN_AUDIT_ANCHOR", "")  # exported audit head (ADR 0013)
LANTERN_ACCESS_MATRIX = BASE_DIR / "lantern" / "access" / "matrix.yaml"
LANTERN_EXTRA_TOOLS_DIR = os.environ.get("LANTERN_EXTRA_TOOLS_DIR", "")
# New assessments use each tool's current (latest) version. A partnership still starting an
# earlier version lists it here, e.g. "seraf-style:1" (comma-separated in the environment).
LANTERN_ASSESSMENT_EARLIER_VERSIONS_OFFERED = [
    v.strip() for v in os.environ.get("LANTERN_ASSESSMENT_EARLIER_VERSIONS_OFFERED", "").split(",")
    if v.strip()
]
# Missing children and schools (docs/adr/0007-missing-and-schools.md). Uploaded files (Philomena
# photos) live under MEDIA_ROOT and are only ever served through access-checked views.
MEDIA_ROOT = Path(os.environ.get("LANTERN_MEDIA_ROOT", VAR_DIR / "media"))
LANTERN_PHILOMENA_PHOTO_MAX_BYTES = 5 * 1024 * 1024
LANTERN_SCHOOL_FLAG_MINIMUM = int(os.environ.get("LANTERN_SCHOOL_FLAG_MINIMUM", "2"))
LANTERN_SCHOOL_FLAG_EVENT_DAYS = 180
LANTERN_SCHOOL_DAY_START = "08:30"
LANTERN_SCHOOL_TERM_DATES: list[tuple[str, str]] = []  # optional [("2026-09-02", "2026-10-23"), ...]
# NRM and section 45 (docs/adr/0017-nrm-and-section-45.md). The synthetic partnership is in the
# devolved decision-making pilot; set LANTERN_NRM_DEVOLVED_PILOT=0 where the partnership is not.
LANTERN_NRM_DEVOLVED_PILOT = os.environ.get("LANTERN_NRM_DEVOLVED_PILOT", "1") == "1"
# Where the section 45 rule finds exploitation indicators (lantern.nrm.rules); a lines register
# adds its "linked to a County Line" function here.
LANTERN_NRM_INDICATOR_SOURCES = ["lantern.nrm.rules.assessment_indicators"]
# Demo data the apps add on top of the synthetic county, in this order (lantern/synthetic/extensions).
LANTERN_SEED_EXTENSIONS = [
    "lantern.synthetic.extensions.assessments.seed",
    "lantern.synthetic.extensions.casework.seed",
    "lantern.synthetic.extensions.missing.seed",
    "lantern.synthetic.extensions.schools.seed",
    "lantern.synthetic.extensions.contexts.seed",
    "lantern.synthetic.extensions.identity.seed",
    "lantern.synthetic.extensions.nrm.seed",
    "lantern.synthetic.extensions.panels.seed",
    "lantern.synthetic.extensions.disruption.seed",
    "lantern.synthetic.extensions.intelligence.seed",
]


def _refuse_unsafe() -> None:
    """Production must never run on the demo's conveniences."""
    if not IS_PRODUCTION:
        return
    problems = []
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        problems.append("SQLite is for the demo only: set DATABASE_URL to PostgreSQL")
    if DEBUG:
        problems.append("DEBUG must be off")
    if SECRET_KEY == _DEFAULT_SECRET or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY must be set to a long random value")
    if problems:
        raise ImproperlyConfigured("Refusing to start in production: " + "; ".join(problems))


_refuse_unsafe()

# --- Public youth-reporting site (issue 15; docs/adr/0016-youth-reporting-site.md) -------------
# LANTERN_SITE=youth makes this process the public site for young people: its own URLconf,
# middleware, templates, sessions, cache and logging (lantern/youth/site_settings.py says what
# and why). It serves no staff page; the staff site (the default) serves none of its pages.
LANTERN_SITE = os.environ.get("LANTERN_SITE", "staff").lower()
# Where "Exit this page" goes: an ordinary website, after the session is wiped.
LANTERN_YOUTH_EXIT_URL = os.environ.get("LANTERN_YOUTH_EXIT_URL", "https://www.bbc.co.uk/weather")
# Behind the documented proxy: the META key holding the client address (e.g. HTTP_X_REAL_IP).
LANTERN_YOUTH_ADDRESS_HEADER = os.environ.get("LANTERN_YOUTH_ADDRESS_HEADER", "")
LANTERN_YOUTH_REPORTS_PER_HOUR = int(os.environ.get("LANTERN_YOUTH_REPORTS_PER_HOUR", "5"))
LANTERN_YOUTH_CHECKS_PER_HOUR = int(os.environ.get("LANTERN_YOUTH_CHECKS_PER_HOUR", "10"))
LANTERN_YOUTH_MIN_SECONDS = 5  # a person takes longer than this to write a report
LANTERN_SEED_EXTENSIONS.append("lantern.synthetic.extensions.youth.seed")
if LANTERN_SITE == "youth":
    from lantern.youth import site_settings as _youth

    globals().update(_youth.youth_overrides(BASE_DIR, caches=globals().get("CACHES")))
    LOGGING = _youth.youth_logging(LOGGING)
    # django-axes records who tries to sign in; nobody signs in here.
    INSTALLED_APPS = [a for a in INSTALLED_APPS if a != "axes"]
    AUTHENTICATION_BACKENDS = [b for b in AUTHENTICATION_BACKENDS if not b.startswith("axes.")]
elif LANTERN_SITE != "staff":
    raise ImproperlyConfigured("LANTERN_SITE must be 'staff' or 'youth'")

# Batch record linkage (lantern.analysis.linkage): match probability at or above which two
# records are linked without a person, and from which a reviewer is asked; below it, no link.
LANTERN_LINKAGE_THRESHOLDS = {
    "automatic_link": float(os.environ.get("LANTERN_LINKAGE_AUTOMATIC_LINK", "0.99")),
    "human_review": float(os.environ.get("LANTERN_LINKAGE_HUMAN_REVIEW", "0.5")),
}
