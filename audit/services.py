"""Writing the audit log; every app calls :func:`record` in its services."""

from django.conf import settings
from django.db import models

from audit.models import AuditEntry


def _client_ip(request) -> str | None:
    """The client's address; behind PROXY_COUNT trusted proxies, from X-Forwarded-For."""
    if request is None:
        return None
    proxies = getattr(settings, "PROXY_COUNT", 0) or 0
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def record(user, action: str, obj: models.Model | None = None, *, object_type: str = "",
           changes: dict | None = None, request=None, description: str = "") -> AuditEntry:
    """Append one entry; ``changes`` maps field names to [old, new] (or any JSON detail)."""
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        username=getattr(user, "username", "") or "",
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=(description or (str(obj) if obj is not None else ""))[:300],
        changes=changes or {},
        ip_address=_client_ip(request),
    )


def diff(before: dict, after: dict) -> dict:
    """Fields whose value changed, as {field: [old, new]} with JSON-safe values."""
    return {
        key: [_plain(before.get(key)), _plain(after.get(key))]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
