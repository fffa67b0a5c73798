"""What the sheet downloads contain, as bytes, and fingerprints that change whenever a list changes."""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max

from dialogues.exports import sheets_workbook
from dialogues.models import DialogueSession
from dialogues.payment import payment_sheet
from dialogues.pdfsheet import render_sheets
from dialogues.permissions import can_see_ethnicity
from dialogues.session_block import session_block
from dialogues.sheets import blank_rows, officials_sheet, sign_in_sheet

SHEET_KINDS = ("sign_in", "payment", "officials")


def session_fingerprint(session: DialogueSession) -> str:
    """Changes whenever the session or anyone on its list changes, so a kept file is never stale."""
    agg = session.attendees.aggregate(n=Count("pk"), last=Max("updated_at"))
    raw = f"{session.pk}:{session.updated_at.isoformat()}:{agg['n']}:{agg['last'] and agg['last'].isoformat()}"
    return hashlib.sha256(raw.encode()).hexdigest()


def plan_fingerprint(sessions: list[DialogueSession]) -> str:
    """Changes whenever a session is added or removed or any session's list changes."""
    raw = ",".join(session_fingerprint(s) for s in sessions)
    return hashlib.sha256(raw.encode()).hexdigest()


def sheet_rows(sessions: list[DialogueSession]) -> int:
    """About how many table rows the sheets of these sessions hold (what their rendering time follows)."""
    counts = dict(DialogueSession.objects.filter(pk__in=[s.pk for s in sessions]).with_counts()
                  .values_list("pk", "registered"))
    return sum(max(counts.get(s.pk, 0), 1) + blank_rows(s, 0) for s in sessions)


def build_sheet(session, kind: str, user, *, stagger: bool = False, blank_amounts: bool = False):
    """The sheet of this kind; a payment sheet raises ``PaymentUnavailable`` when a rate is missing."""
    if kind == "sign_in":
        return sign_in_sheet(session, show_ethnicity=can_see_ethnicity(user, session), stagger=stagger)
    if kind == "officials":
        return officials_sheet(session, stagger=stagger)
    return payment_sheet(session, blank_amounts=blank_amounts, stagger=stagger)


def sheets_pdf(sessions: list[DialogueSession], kind: str, *, user, progress=None, **options) -> bytes:
    """One PDF of the sessions' sheets; ethnicity only where the user may see it; progress goes 0 to 1."""
    sheets = []
    for done, session in enumerate(sessions, start=1):
        sheets.append(build_sheet(session, kind, user, **options))
        if progress is not None:
            progress(done / len(sessions) / 2)
    after = (lambda share: progress(0.5 + share / 2)) if progress is not None else None
    return render_sheets(sheets, title="Danh sách hội nghị đối thoại", progress=after)


def _printed_fingerprint(session: DialogueSession) -> str:
    """What else a sheet prints that the list's fingerprint does not follow: the session block (the plan's
    number and date, the rates of the linked lines) and the officials."""
    officials = list(session.officials.values_list("pk", "name", "position"))
    raw = repr((session_block(session).lines(), officials))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def sheets_xlsx(sessions: list[DialogueSession], kind: str, *, user, **options) -> bytes:
    """A workbook of the sessions' sheets, one worksheet per session, as the PDF draws them."""
    return sheets_workbook([(s.commune.short_name or s.commune.name, build_sheet(s, kind, user, **options))
                            for s in sessions])


def cached_session_pdf(session: DialogueSession, kind: str, *, user, **options) -> bytes:
    """One session's sheet, kept in the cache until its list changes."""
    chosen = ",".join(f"{k}={v}" for k, v in sorted(options.items()))
    key = (f"dialogues-sheet:{kind}:{chosen}:{can_see_ethnicity(user, session)}:{session_fingerprint(session)}:"
           f"{_printed_fingerprint(session)}")
    content = cache.get(key)
    if content is None:
        content = sheets_pdf([session], kind, user=user, **options)
        cache.set(key, content, 3600)
    return content
