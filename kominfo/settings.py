"""Kominfo CMS settings. Every deploy-specific value comes from the environment.

With nothing set the project runs on an SQLite file in the repository folder with
DEBUG on (the embedded default for trying it out). Production sets DEBUG=false and
must provide SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "kominfo.taggit_app.TaggitConfig",
    "django_ckeditor_5",
    "kominfo.third_party_apps.AxesConfig",
    "django_otp",
    "kominfo.third_party_apps.TotpConfig",
    "kominfo",
    "perangkat_daerah",
    "site_settings",
    "authors",
    "media_library",
    "publishing",
    "pages",
    "announcements",
    "articles",
    "django_tasks",
    "kominfo.third_party_apps.TasksDatabaseConfig",
    "agenda",
    "galleries",
    "ppid",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kominfo.security.SecurityHeadersMiddleware",
    "kominfo.request_guard.RequestGuardMiddleware",
    "kominfo.public_404.PublicNotFoundMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Page-cache hits leave here, before sessions/locale/CSRF/auth (publishing/page_cache.py).
    "publishing.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Old WordPress addresses: only asked when nothing else answered (404).
    "articles.wordpress.redirects.LegacyRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kominfo.two_factor.TwoFactorMiddleware",
    "kominfo.audit.AuditRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Lock an account+address pair out after repeated failures (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# The admin never shows a TOTP secret or its QR code (django-otp's config/qrcode views
# answer 403, and would otherwise answer 500 for an unknown id): users enrol themselves
# at /admin/2fa/setup/.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

ROOT_URLCONF = "kominfo.urls"
WSGI_APPLICATION = "kominfo.wsgi.application"

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
                "site_settings.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves several people at once (the demo): a deferred
    # transaction that reads, then writes fails at once with "database is locked"
    # when another writer holds the lock. IMMEDIATE takes the write lock up front and
    # waits for it (timeout); WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env.bool(
    "DATABASE_PREPARED_STATEMENTS", default=True
):
    # psycopg may prepare statements on the server, but only where the code asks for it
    # (publishing.statements: the statements compiled once per process — search, an
    # article's page, list pages — planned once per connection instead of per request). Django's own cursors bind on the client and are never
    # prepared; the threshold is never reached by counting. Off behind a pooler that
    # cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://kominfo")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Redis down must never take the site down: see kominfo/cache.py.
    CACHES["default"]["BACKEND"] = "kominfo.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "retry_on_timeout": False}
    )
elif CACHES["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache":
    # The embedded default (the demo): Django's 300 entries were culled by one crawl of
    # the public site (pages, fragments and tokens), so repeated visits kept missing.
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 10_000)

# Public page cache (publishing/page_cache.py) and teaser fragments (articles/fragments.py):
# on in production, off with DEBUG so template edits show at once.
# "Pemkab", "pemkab" and "PEMKAB" are one tag.
TAGGIT_CASE_INSENSITIVE = True

PUBLIC_PAGE_CACHE = env.bool("PUBLIC_PAGE_CACHE", default=not DEBUG)
PUBLIC_FRAGMENT_CACHE = env.bool("PUBLIC_FRAGMENT_CACHE", default=not DEBUG)
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=600)
PUBLIC_RELATED_STALE_SECONDS = env.int("PUBLIC_RELATED_STALE_SECONDS", default=60)
# Each worker keeps the last answer of its most served pages (checked against the cache's
# tokens on every request): a hit then reads a few tokens, not the page, from the cache.
PUBLIC_PAGE_CACHE_LOCAL_BYTES = env.int("PUBLIC_PAGE_CACHE_LOCAL_BYTES", default=16 * 1024 * 1024)
# Every model of these apps is on every page: a change renews the whole page cache.
PUBLIC_PAGE_CACHE_SHARED_APPS = ["site_settings"]
# Browser/CDN max-age for public HTML; 0 = revalidate every time (ETag → 304).
PUBLIC_HTTP_MAX_AGE = env.int("PUBLIC_HTTP_MAX_AGE", default=0)
# Most-read counts are written to the database every N slots (a slot: one worker's views
# of one article in one push).
MOST_READ_BATCH = env.int("MOST_READ_BATCH", default=50)
# Views a worker keeps in memory before sending them to the cache in one round trip.
MOST_READ_BUFFER = env.int("MOST_READ_BUFFER", default=20)

# Optional read replica for public pages (see kominfo/db_router.py).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASE_ROUTERS = ["kominfo.db_router.PublicReadReplicaRouter"]
    MIDDLEWARE.insert(0, "kominfo.db_router.ReplicaForPublicReadsMiddleware")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesia"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Makassar")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# WordPress imports (articles/wordpress): uploaded exports are kept here, never under
# MEDIA_ROOT (not public), and the admin may name an uploads folder only below it.
WORDPRESS_IMPORT_ROOT = env.path("WORDPRESS_IMPORT_ROOT", default=BASE_DIR / "wordpress-import")
WORDPRESS_IMPORT_JOBS = env.int("WORDPRESS_IMPORT_JOBS", default=1)
# Largest export the admin accepts (an office's whole archive is far below it).
WORDPRESS_IMPORT_MAX_BYTES = env.int("WORDPRESS_IMPORT_MAX_BYTES", default=200 * 1024 * 1024)
# Background work (the WordPress import) runs in `manage.py db_worker` (django-tasks).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Media on S3-compatible object storage by settings alone (django-storages), else local disk.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_OBJECT_PARAMETERS = {"CacheControl": "public, max-age=31536000, immutable"}
    _media_storage = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Serve media from the app (safe types only, see kominfo/media_serve.py) unless a web server,
# object store or CDN does it.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=not AWS_STORAGE_BUCKET_NAME)

STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}

# Uploads: Django never writes the client's filename; limits are enforced by media_library.
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
MEDIA_MAX_UPLOAD_BYTES = env.int("MEDIA_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
MEDIA_MAX_IMAGE_PIXELS = env.int("MEDIA_MAX_IMAGE_PIXELS", default=40_000_000)
MEDIA_MAX_GIF_FRAMES = env.int("MEDIA_MAX_GIF_FRAMES", default=200)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="redaksi@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Rich text: CKEditor 5 (django-ckeditor-5). Uploads go to our own view, which
# stores through the media_library pipeline.
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "media_library:editor_upload"
CKEDITOR_5_UPLOAD_FILE_TYPES = ["jpeg", "jpg", "png", "gif", "webp", "heic", "heif"]
CKEDITOR_5_CONFIGS = {
    "article": {
        "language": "id",
        "toolbar": [
            "heading",
            "|",
            "bold",
            "italic",
            "underline",
            "strikethrough",
            "link",
            "|",
            "bulletedList",
            "numberedList",
            "blockQuote",
            "insertTable",
            "|",
            "imageUpload",
            "mediaEmbed",
            "|",
            "undo",
            "redo",
        ],
        "heading": {
            "options": [
                {"model": "paragraph", "title": "Paragraf", "class": "ck-heading_paragraph"},
                {
                    "model": "heading2",
                    "view": "h2",
                    "title": "Judul 2",
                    "class": "ck-heading_heading2",
                },
                {
                    "model": "heading3",
                    "view": "h3",
                    "title": "Judul 3",
                    "class": "ck-heading_heading3",
                },
                {
                    "model": "heading4",
                    "view": "h4",
                    "title": "Judul 4",
                    "class": "ck-heading_heading4",
                },
            ]
        },
        "image": {"toolbar": ["imageTextAlternative", "toggleImageCaption"]},
        "table": {"contentToolbar": ["tableColumn", "tableRow", "mergeTableCells"]},
        "mediaEmbed": {"previewsInData": False, "providers": [], "extraProviders": []},
    },
}
CKEDITOR_5_CONFIGS["default"] = CKEDITOR_5_CONFIGS["article"]

LOGIN_URL = "admin:login"

SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}
