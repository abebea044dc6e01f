"""Settings shared by every environment; values come from the environment (12-factor)."""

from datetime import timedelta
from pathlib import Path

import environ

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# First, so that every setting below (VAR_DIR too) may come from .env.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Runtime data (SQLite database, uploads, collected static files) stays out of the code tree.
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env.bool("DEBUG", default=False)
# The release being served (e.g. the deployed commit): part of the keys of kept public pages, so
# a deploy never serves what the previous code made. Unset: a digest of the code (core.release).
RELEASE = env.str("RELEASE", default="")

# A development default only while DEBUG is on: production must set a real secret.
if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-kommunal-digital")
else:
    SECRET_KEY = env.str("SECRET_KEY")

# load_demo and ensure_admin write accounts with known passwords: only with DEBUG on, unless
# the operator insists (ALLOW_DEMO_DATA=1 or --force-demo-in-production).
ALLOW_DEMO_DATA = env.bool("ALLOW_DEMO_DATA", default=False)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    # Before wagtail.admin: its templates brand the admin („Kommunal Digital – Redaktion“).
    "editorial",
    "cities",
    "projects",
    "solutions",
    "events",
    "search",
    "opendata",
    "follow",
    "introductions",
    "legal",
    "surveys",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "django.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Last: its post_migrate hook grants permissions that the apps above create.
    "core",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session: a kept public page is answered without loading one.
    "core.page_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.reject_null_characters",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.membership",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction begins, so that concurrent registrations queue up
    # instead of both reading "one seat left".
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

# Sign-in brute force (django-axes), on /anmelden/ and /admin/login/ alike: after
# LOGIN_FAILURE_LIMIT wrong passwords for one user name from one address, that pair is refused
# for LOGIN_COOLOFF_MINUTES (429 with a German page); a successful sign-in starts the count anew.
# The attempts live in the database, so every server process and machine counts together
# without a shared cache; expired ones are deleted at the next sign-in. The address is read as
# for the API's rate limit (NUM_PROXIES), so a forged X-Forwarded-For changes nothing.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
AXES_LOCKOUT_CALLABLE = "core.views.login_locked_out"
AXES_DISABLE_ACCESS_LOG = True  # no record of successful sign-ins: not needed to lock out

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Uploaded files are hostile. Images: raster formats only (an SVG can carry script).
# Documents: office formats and PDF only, always through Wagtail's serve view, which checks
# the collection's privacy, sends everything but PDF as an attachment and forbids scripts
# (CSP "default-src 'none'"). The site serves var/media/images/ and original_images/ only;
# var/media/documents/ must never be served directly (see README, „Sicherheit“).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "csv", "txt",
]  # fmt: skip
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kommunal Digital <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The cache also counts API requests per client (throttling): with several server processes,
# CACHE_URL must name a shared cache, or each process counts on its own.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# Public pages for visitors who are not signed in (core/page_cache.py): kept in the cache for
# PAGE_CACHE_SECONDS at most (0: not kept) – a publish, unpublish, move or view restriction
# replaces every kept page at once. Browsers may reuse a page for PAGE_MAX_AGE seconds without
# asking (0: they ask each time and get a 304 while it is unchanged), a reverse proxy for
# PAGE_SHARED_MAX_AGE seconds (s-maxage).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
PAGE_MAX_AGE = env.int("PAGE_MAX_AGE", default=0)
PAGE_SHARED_MAX_AGE = env.int("PAGE_SHARED_MAX_AGE", default=60)
# A reverse proxy that keeps pages (Varnish, nginx with a purge module): Wagtail sends it a
# PURGE for every address that shows a page published, unpublished, moved or made private
# (core/frontend_cache.py). Off unless FRONTEND_CACHE_URL names the proxy, e.g. http://127.0.0.1:6081.
FRONTEND_CACHE_URL = env.str("FRONTEND_CACHE_URL", default="")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }

# Requests per client to the JSON API before it answers 429 (a harvester needs about fifty
# requests for 10,000 projects). NUM_PROXIES: reverse proxies in front of the site, so the
# client is read from X-Forwarded-For and not every request counts as the proxy's.
API_RATE_LIMIT = env.str("API_RATE_LIMIT", default="120/minute")
# The contact form and „Barriere melden“ send their messages to CONTACT_EMAIL (comma-separated;
# unset: to every active moderator with an e-mail address), at most CONTACT_RATE_LIMIT messages
# per client address for both forms together. Nothing of them is stored.
CONTACT_EMAIL = env.list("CONTACT_EMAIL", default=[])
CONTACT_RATE_LIMIT = env.str("CONTACT_RATE_LIMIT", default="10/hour")
# Always a number: DRF trusts X-Forwarded-For as a whole when NUM_PROXIES is None, so a client
# could name itself anew on every request. 0 counts REMOTE_ADDR; N the N-th address from the right.
REST_FRAMEWORK = {
    "NUM_PROXIES": max(0, env.int("NUM_PROXIES", default=0)),
    "DEFAULT_SCHEMA_CLASS": "opendata.schema.AutoSchema",
}
# The API's OpenAPI schema (/daten/api/schema/), made from the views, serializers and filters:
# every description in it is a help text of theirs, in the language of the request.
SPECTACULAR_SETTINGS = {
    "TITLE": "Kommunal Digital – Open-Data-API",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "DEFAULT_GENERATOR_CLASS": "opendata.generator.SchemaGenerator",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "COMPONENT_SPLIT_REQUEST": False,
    "DISABLE_ERRORS_AND_WARNINGS": False,
}

WAGTAIL_SITE_NAME = "Kommunal Digital"
# A city counts as without an active editor on the moderators' dashboard when no account of its
# editor group has signed in for this many days.
EDITOR_ACTIVE_DAYS = env.int("EDITOR_ACTIVE_DAYS", default=365)
# „Wir arbeiten auch daran“ (introductions/): how many introductions one member may ask for
# within 24 hours.
INTRODUCTIONS_PER_DAY = env.int("INTRODUCTIONS_PER_DAY", default=3)
# A project not confirmed („ist noch aktuell“) or published for this many months is marked
# „möglicherweise veraltet“; search multiplies its score by STALE_SEARCH_WEIGHT (1: no effect;
# the database search, which has no scores, ranks it after fresh pages of the same tier when
# the weight is below 1).
STALE_AFTER_MONTHS = env.int("STALE_AFTER_MONTHS", default=18)
STALE_SEARCH_WEIGHT = env.float("STALE_SEARCH_WEIGHT", default=0.5)
WAGTAILADMIN_BASE_URL = env.str("BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from Gravatar: a third party, fed e-mail hashes
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL full text with German stemming and stop words.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "german"

# Search: Elasticsearch 8 when ELASTICSEARCH_URL is set, else the database search.
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
SEARCH_ENGINE = env.str(
    "SEARCH_ENGINE", default="elasticsearch" if ELASTICSEARCH_URL else "database"
)
# Only for engines that reject Elasticsearch's versioned media types (osmem-server).
ELASTICSEARCH_PLAIN_JSON = env.bool("ELASTICSEARCH_PLAIN_JSON", default=False)
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=5.0)
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="kommunal-digital")
WAGTAILEMBEDS_FINDERS = []  # no third-party requests: embeds are links, not remote iframes
TAGGIT_CASE_INSENSITIVE = True

# Security headers; the deploy settings tighten them further.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp) on every page: everything from this site only, no
# inline script or style, no plug-ins, not framed by other sites. The Wagtail admin needs
# inline script and style: core.middleware relaxes the policy under /admin/ only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    }
}
# The site uses none of these browser features, so no page (nor anything injected) may.
# Only names Chromium knows: it reports others as header errors (see the browser test).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
