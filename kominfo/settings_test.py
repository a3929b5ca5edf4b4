"""Settings for the test suite: always PostgreSQL (DATABASE_URL, else 127.0.0.1:5432)."""

import os
import tempfile

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kominfo")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from .settings import *  # noqa: E402,F403
from .settings import DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise RuntimeError("The test suite runs on PostgreSQL only; set DATABASE_URL=postgres://...")

DATABASES["default"]["CONN_MAX_AGE"] = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="kominfo-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="kominfo-test-static-")
WORDPRESS_IMPORT_ROOT = tempfile.mkdtemp(prefix="kominfo-test-wordpress-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
AXES_ENABLED = False  # enabled explicitly in the lockout tests
MOST_READ_BUFFER = 1  # every view reaches the cache at once (the buffer has its own test)
