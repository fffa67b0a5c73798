"""``CACHE_URL`` → Django's ``CACHES["default"]``.

- empty or ``locmem://``: each process's own memory (one development server, the tests);
- ``redis://host:6379/1`` (``rediss://`` with TLS, ``unix:///run/redis.sock?db=1``): Redis through
  django-redis, shared by every server, so a change bumped by one is seen by all at once;
- ``dummy://``: no cache at all (every read goes to the database).
"""

from django.core.exceptions import ImproperlyConfigured

KEY_PREFIX = "giamngheo"


def parse(url: str) -> dict:
    url = (url or "").strip()
    scheme = url.split("://", 1)[0].lower() if "://" in url else url.lower()
    if scheme in ("", "locmem"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": url.split("://", 1)[1] if "://" in url else "", "KEY_PREFIX": KEY_PREFIX}
    if scheme in ("redis", "rediss", "unix"):
        return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": KEY_PREFIX,
                "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"}}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL không hợp lệ: {url!r}; dùng locmem://, redis://máy:cổng/số hoặc dummy:// "
        "(CACHE_URL must start with locmem://, redis://, rediss://, unix:// or dummy://)."
    )
