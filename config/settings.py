"""Settings read from the environment.

Nothing set: the embedded development default (SQLite file in the project, DEBUG on,
a generated secret kept in a local file). ``DATABASE_URL`` switches the database.
``CACHE_URL`` chooses the cache (config/cache_url.py: this process's memory by default, Redis
shared by every server in production). ``DJANGO_ENV=production`` requires ``SECRET_KEY``,
``DATABASE_URL``, ``CACHE_URL`` and ``ALLOWED_HOSTS`` and turns on every setting that
``manage.py check --deploy`` asks for.
"""

import base64
import datetime
import hashlib
import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from config import queue
from config.cache_url import parse as parse_cache_url

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ.get("DJANGO_ENV", "development").strip().lower()
PRODUCTION = ENV == "production"


def _require(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"DJANGO_ENV=production cần biến môi trường {name} (production requires {name})."
        )
    return value


def _dev_secret() -> str:
    """A random secret kept outside git, so sessions survive restarts of the dev server."""
    path = BASE_DIR / ".dev-secret"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


if PRODUCTION:
    SECRET_KEY = _require("SECRET_KEY")
    DATABASE_URL = _require("DATABASE_URL")
    # Several servers must share one cache (Redis) or none: a cache in each process would show
    # each worker its own version of the data. One server alone may say CACHE_URL=locmem://.
    CACHE_URL = _require("CACHE_URL")
    ALLOWED_HOSTS = [h.strip() for h in _require("ALLOWED_HOSTS").split(",") if h.strip()]
    DEBUG = False
else:
    SECRET_KEY = os.environ.get("SECRET_KEY") or _dev_secret()
    DATABASE_URL = os.environ.get("DATABASE_URL", "")
    CACHE_URL = os.environ.get("CACHE_URL", "")
    ALLOWED_HOSTS = [
        h.strip()
        for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",")
        if h.strip()
    ]
    DEBUG = os.environ.get("DEBUG", "1") not in ("0", "false", "False", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_tasks",
    "config.apps.BackgroundTasksConfig",  # django_tasks_db, named in Vietnamese
    "config.apps.ProjectConfig",  # `manage.py worker`
    "axes",
    "csp",
    "areas",
    "audit",
    "documents",
    "web",
    "plans",
    "budgets",
    "households",
    "dialogues",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, forms and views: NUL and other control characters never reach them.
    "config.control_characters.StripControlCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "areas.context_processors.roles",
            ],
        },
    },
    {
        # The household and plan list rows only (config/jinja2.py says why); rendered by name with
        # using="jinja2", so the Django templates above answer every other template name.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "config.jinja2.environment"},
    },
]

if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's cache framework is the only cache: data that can change is cached under keys whose
# version a write bumps (areas/versioned.py), never in a dictionary of one process.
CACHES = {"default": parse_cache_url(CACHE_URL)}
# Sessions are read on every request: from the cache when every server shares it (Redis),
# written through to the database either way. With a cache of one process (locmem), a sign-out
# in one worker would leave the session alive in another's memory, so sessions stay in the
# database alone there.
SESSION_ENGINE = ("django.contrib.sessions.backends.cached_db"
                  if CACHES["default"]["BACKEND"].startswith("django_redis.")
                  else "django.contrib.sessions.backends.db")

# Django's rules, with the Vietnamese messages its translation lacks (config/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "config.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "config.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "config.passwords.CommonPasswordValidator"},
    {"NAME": "config.passwords.NumericPasswordValidator"},
]
# Login throttling (django-axes): five wrong passwords for one user name from one address
# lock that pair out for 15 minutes; the lockout page says so in Vietnamese.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = os.environ.get("AXES_ENABLED", "1") not in ("0", "false", "False")
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind nginx the client address comes from X-Forwarded-For, set by the one trusted proxy.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))  # trusted proxies in front (nginx: 1)
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
# Checks of an ID number against the whole household registry, per user and hour (counted in
# the audit log, so every server shares the count): a household form or an import row whose number
# is held outside the user's communes. Over it, numbers are held unchecked (households.id_lookups).
HOUSEHOLD_ID_LOOKUPS_PER_HOUR = int(os.environ.get("HOUSEHOLD_ID_LOOKUPS_PER_HOUR", "60"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
# Vietnamese for what Django's admin and third-party apps leave in English (compilemessages).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True
# Numbers are grouped only where a template asks (|vnd, |intcomma): years and ids never.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Background work (long imports, large documents): Django's Tasks API via the django-tasks
# backport. TASKS_BACKEND=database (default) needs no extra server; TASKS_BACKEND=rq queues
# in Redis (REDIS_URL) for many servers (config/queue.py). `manage.py worker` runs the jobs
# with either (`make run` starts one, `make worker` runs one alone).
TASKS_BACKEND = queue.backend_name(os.environ.get("TASKS_BACKEND"))
TASKS = queue.tasks(TASKS_BACKEND)
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    REDIS_URL = _require("REDIS_URL") if PRODUCTION else os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    RQ_QUEUES = queue.rq_queues(REDIS_URL)
    RQ = {"JOB_CLASS": queue.RQ_JOB_CLASS}  # also for `manage.py rqworker` started by hand
# A running import or document job whose worker has not reported for this long is dead
# (the worker was killed): it is marked failed and can be retried.
JOB_LEASE_SECONDS = int(os.environ.get("JOB_LEASE_SECONDS", "300"))
# Uploaded household lists and generated dialogue documents hold personal data: they are
# deleted this many days after their batch or job ends (`manage.py purge_expired_files`).
# Issued plan PDFs are official records and are never purged.
FILE_RETENTION_DAYS = int(os.environ.get("FILE_RETENTION_DAYS", "30"))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Uploads (households' Excel lists later) are bounded in memory; larger ones go to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# htmx sends the token from the page (hx-headers in base.html), never from the cookie.
CSRF_COOKIE_HTTPONLY = True


def _csp_hashes(*sources: str) -> list[str]:
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in sources
    ]


# Inline code still in app templates, allowed by exact hash only (CSP 'unsafe-hashes'), so
# that no other inline script or handler can run. Each belongs in a static file; see
# docs/security.md. tests/security/test_headers.py fails on any inline handler not listed.
CSP_ALLOWED_INLINE_HANDLERS: list[str] = []  # behaviours live in static/js/app.js
CSP_ALLOWED_INLINE_STYLES: list[str] = []  # the budget chart's classes are in app.css
# Content-Security-Policy (django-csp 4): only our own files; the vendored Bootstrap and htmx
# need nothing more (htmx's indicator style is in app.css, see base.html's htmx-config).
# Style attributes (progress bars, the document preview) are allowed; they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *(["'unsafe-hashes'", *_csp_hashes(*CSP_ALLOWED_INLINE_HANDLERS)]
                                   if CSP_ALLOWED_INLINE_HANDLERS else [])],
        # The sign-in page's stylesheet is inline, with the response's nonce (base.html, login.html).
        "style-src": ["'self'", NONCE, *_csp_hashes(*CSP_ALLOWED_INLINE_STYLES)],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # The plan editor frames its own preview (X-Frame-Options SAMEORIGIN on that view).
        "frame-ancestors": ["'self'"],
    }
}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") != "0"
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [
        o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
    ]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint reports every unsupported CSS property; keep only real problems.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # django-axes logs every sign-in at INFO; keep failures and lockouts (WARNING).
        "axes": {"level": "WARNING"},
    },
}
