"""Writing the audit log; every app calls :func:`record` in its services."""

import ipaddress

from django.conf import settings
from django.db import models

from areas.names import person
from audit.models import AuditEntry


def _client_ip(request) -> str | None:
    """The client's address; behind PROXY_COUNT trusted proxies, from X-Forwarded-For."""
    if request is None:
        return None
    proxies = getattr(settings, "PROXY_COUNT", 0) or 0
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return _address(forwarded[-proxies])
    return _address(request.META.get("REMOTE_ADDR") or "")


def _address(text: str) -> str | None:
    """The text if it is an IP address; a forged header ("unknown", garbage) gives none."""
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def record(user, action: str, obj: models.Model | None = None, *, object_type: str = "",
           object_id: str | int = "", changes: dict | None = None, request=None,
           description: str = "") -> AuditEntry:
    """Append one entry; ``changes`` maps field names to [old, new] (or any JSON detail).

    ``object_type`` and ``object_id`` name a record that is gone (or was never a model)."""
    actor = user if getattr(user, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        user=actor,
        username=getattr(user, "username", "") or "",
        user_full_name=person(actor) if actor is not None else "",
        action=action,
        object_type=object_type or (obj._meta.label if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else str(object_id),
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
