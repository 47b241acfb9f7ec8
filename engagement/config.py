"""Configuration, read from the environment."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    DATABASE_URL = os.environ.get("DATABASE_URL", "")  # empty: SQLite under instance/
    REDIS_URL = os.environ.get("REDIS_URL", "")
    RATELIMIT_STORAGE_URI = REDIS_URL or "memory://"
    # If Redis stops answering, fail fast and count in each process until it is back.
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True

    # Respondent cookies: one session-only cookie for the journey and CSRF.
    SESSION_COOKIE_NAME = "session"
    SESSION_PERMANENT = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", True)
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the browser session
    # Over HTTPS, Flask-WTF also wants a Referer from this host, but every page says
    # "Referrer-Policy: no-referrer" (and browsers then send "Origin: null"), so every
    # form would fail. The session-bound token and SameSite cookies are the protection.
    WTF_CSRF_SSL_STRICT = False
    WTF_I18N_ENABLED = False  # our forms carry their own translated messages

    MAX_CONTENT_LENGTH = 64 * 1024  # a whole answer page is far smaller
    MAX_FORM_PARTS = 200

    BABEL_DEFAULT_LOCALE = "en"
    BABEL_TRANSLATION_DIRECTORIES = str(REPO_ROOT / "translations")

    # Days a "save and come back later" code and an unfinished answer set are kept.
    DRAFT_DAYS = int(os.environ.get("DRAFT_DAYS", "30"))
    # Resume-code guesses allowed across the whole service (never per person).
    RESUME_RATE_LIMIT = os.environ.get("RESUME_RATE_LIMIT", "120 per minute")
    # Practitioner-survey answers accepted per agency's link (a guard against flooding).
    PRACTITIONER_SURVEY_LIMIT = os.environ.get("PRACTITIONER_SURVEY_LIMIT", "600 per hour")

    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    # Audit evidence documents, outside the web root (empty: instance/evidence).
    EVIDENCE_DIR = os.environ.get("EVIDENCE_DIR", "")

    # Staff email (invitations, password resets). Without MAIL_SERVER it goes to the log.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USE_TLS = _flag("MAIL_USE_TLS", True)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_FROM = os.environ.get("MAIL_FROM", "no-reply@localhost")
    # The address staff links point at (never taken from the request's Host header).
    PUBLIC_URL = (
        os.environ.get("PUBLIC_URL") or f"http://{os.environ.get('BIND') or '127.0.0.1:5000'}"
    )
    STAFF_SIGN_IN_LIMIT = os.environ.get("STAFF_SIGN_IN_LIMIT", "20 per minute")
    # Reverse proxies in front of the app whose X-Forwarded-For is trusted (staff pages
    # only, for the sign-in limit; see engagement.proxies). 0: trust none.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    # Seconds each process keeps a consultation's questions before reading them again.
    CONTENT_CACHE_SECONDS = float(os.environ.get("CONTENT_CACHE_SECONDS", "30"))


class DevelopmentConfig(Config):
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", False)


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"
    SESSION_COOKIE_SECURE = False
    WTF_CSRF_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"


CONFIGS: dict[str, type[Config]] = {
    "production": Config,
    "development": DevelopmentConfig,
    "test": TestConfig,
}


def config_from_environment() -> type[Config]:
    return CONFIGS[os.environ.get("ENGAGEMENT_ENV", "production")]
