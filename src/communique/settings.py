"""Django settings for the whole project (tracker, and later the web app).

Database: SQLite in the user's data directory by default (``COMMUNIQUE_DB``
overrides the file path), PostgreSQL when ``DATABASE_URL`` is set
(``postgres://user:password@host:port/name``). The secret key comes from
``COMMUNIQUE_SECRET_KEY`` or a key file generated once in the data directory;
there is no fixed secret in the code. ``COMMUNIQUE_DEBUG=1`` turns DEBUG on.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import platformdirs


def data_dir() -> Path:
    """Where communique keeps its database and key file (``COMMUNIQUE_DATA_DIR`` overrides)."""
    path = Path(os.environ.get("COMMUNIQUE_DATA_DIR") or platformdirs.user_data_dir("communique"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sqlite_path() -> Path:
    value = os.environ.get("COMMUNIQUE_DB")
    return Path(value).expanduser() if value else data_dir() / "communique.sqlite3"


# Applied on every new SQLite connection. WAL lets readers run while one writer writes;
# busy_timeout waits for the lock instead of failing at once; foreign keys are on by
# default in Django's backend already.
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA busy_timeout=20000;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA cache_size=-32000"
)


def database_from_url(url: str) -> dict[str, Any]:
    """Django DATABASES entry from a ``DATABASE_URL`` (postgres://, postgresql://, sqlite:///path)."""
    parts = urlparse(url)
    scheme = parts.scheme.lower()
    if scheme in ("postgres", "postgresql", "pgsql"):
        options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "communique",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": 0,
            "TEST": {"NAME": os.environ.get("COMMUNIQUE_TEST_DB_NAME") or None},
        }
    if scheme == "sqlite":
        return sqlite_database(Path(unquote(parts.path)))
    raise ValueError(f"DATABASE_URL: unsupported scheme {scheme!r} (use postgres:// or sqlite:///)")


def sqlite_database(path: Path) -> dict[str, Any]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "init_command": SQLITE_PRAGMAS,
            # Take the write lock at BEGIN so that two writers queue on busy_timeout
            # instead of one failing when it upgrades a read lock.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Tests: a real file (not shared-cache memory) so that threads get real connections.
        "TEST": {"NAME": os.environ.get("COMMUNIQUE_TEST_DB") or None},
    }


def _secret_key() -> str:
    key = os.environ.get("COMMUNIQUE_SECRET_KEY")
    if key:
        return key
    path = data_dir() / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = os.environ.get("COMMUNIQUE_DEBUG") == "1"
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h for h in os.environ.get("COMMUNIQUE_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "communique.tracker",
    # Web app (issue 5) and exports (issue 6): add their apps below this line.
    "communique.web",
    "communique.exports",  # calendar feed tokens
    "axes",  # login rate limit (django-axes)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "communique.web.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {
    "default": database_from_url(os.environ["DATABASE_URL"])
    if os.environ.get("DATABASE_URL")
    else sqlite_database(sqlite_path())
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
USE_I18N = True
STATIC_URL = "static/"


# --- Web app (issue 5): pages, roles, login rate limit, i18n, security from the environment ---
def _env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.common.CommonMiddleware"), "django.middleware.locale.LocaleMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # login rate limit: last, as django-axes asks
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in ("UserAttributeSimilarityValidator", "MinimumLengthValidator", "CommonPasswordValidator",
                 "NumericPasswordValidator")
]
TEMPLATES[0]["OPTIONS"]["context_processors"].append("communique.web.access.context")
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
LANGUAGES = [("en", "English"), ("ja", "日本語")]
# First in line, so that the web app's words win over Django admin's catalogue (e.g. "None").
LOCALE_PATHS = [str(Path(__file__).resolve().parent / "web" / "locale")]
STATIC_ROOT = os.environ.get("COMMUNIQUE_STATIC_ROOT") or str(data_dir() / "static")
# Local runs serve /static/ from the app; production sets 0 and lets the web server do it.
COMMUNIQUE_SERVE_STATIC = _env_flag("COMMUNIQUE_SERVE_STATIC", True)
COMMUNIQUE_UPLOAD_MAX_BYTES = int(os.environ.get("COMMUNIQUE_UPLOAD_MAX_BYTES") or 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # non-file form fields
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads go to a temporary file
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("COMMUNIQUE_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
SESSION_COOKIE_SECURE = _env_flag("COMMUNIQUE_SECURE_COOKIES")
CSRF_COOKIE_SECURE = _env_flag("COMMUNIQUE_SECURE_COOKIES")
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = _env_flag("COMMUNIQUE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("COMMUNIQUE_HSTS_SECONDS") or 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if _env_flag("COMMUNIQUE_BEHIND_PROXY"):  # trust X-Forwarded-Proto from the reverse proxy
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# django-axes: lock a user name + address pair out after 5 failed logins, for 15 minutes.
AXES_ENABLED = _env_flag("COMMUNIQUE_AXES", True)
AXES_FAILURE_LIMIT = int(os.environ.get("COMMUNIQUE_LOGIN_FAILURE_LIMIT") or 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# --- JSON API (issue 5): Django REST framework, token auth, OpenAPI by drf-spectacular ---
INSTALLED_APPS += ["rest_framework", "rest_framework.authtoken", "drf_spectacular"]
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",  # first: 401 + WWW-Authenticate when missing
        "rest_framework.authentication.SessionAuthentication",  # the logged-in browser (CSRF enforced)
    ],
    "DEFAULT_PERMISSION_CLASSES": ["communique.web.api.permissions.RolePermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "communique.web.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "communique API",
    "DESCRIPTION": "Statements, commitments and their history. Read: viewers (session or token). "
    "Write: editors (`Authorization: Token KEY`; `communique token --user NAME` makes one).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}
