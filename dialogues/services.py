"""Writes on sessions: create one or a series from a plan, change it, move it through its statuses."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from areas.models import AdminUnit, UnitLevel
from audit.models import Action
from audit.services import record
from dialogues.models import DialogueSession, OfficialLevel, Quarter, SessionOfficial, SessionStatus
from dialogues.permissions import can_create_series, can_create_session, can_run_session

SESSION_FIELDS = ["year", "quarter", "starts_at", "venue", "chair", "theme", "policy_fields", "target",
                  "women_share", "minority_share", "first_timer_share", "budget_line"]


def session_problems(session: DialogueSession) -> dict[str, str]:
    """Rule checks on a session's values, field → Vietnamese message."""
    problems = {}
    if session.plan_id and session.year != session.plan.year:
        problems["year"] = f"Năm tổ chức phải là năm của kế hoạch ({session.plan.year})."
    if session.starts_at and timezone.localtime(session.starts_at).year != session.year:
        problems["starts_at"] = f"Ngày tổ chức phải nằm trong năm {session.year}."
    if session.commune_id and session.commune.level != UnitLevel.COMMUNE:
        problems["commune"] = "Hội nghị đối thoại được tổ chức tại một xã, phường, thị trấn."
    if session.pk:
        registered = session.attendees.filter(is_walk_in=False).count()
        if session.target < registered:
            problems["target"] = f"Đã có {registered} người đăng ký; số dự kiến không thể nhỏ hơn."
    if session.budget_line_id and session.plan_id and session.plan.estimate_id \
            and session.budget_line.estimate_id != session.plan.estimate_id:
        problems["budget_line"] = "Dòng dự toán phải thuộc dự toán của kế hoạch."
    return problems


def session_notes(session: DialogueSession) -> list[str]:
    """What does not stop the session but an office would want corrected before printing its papers:
    a date outside the planned quarter, a date before the plan it cites was issued."""
    notes, day = [], session.day
    if day is None:
        return notes
    quarter = (day.month - 1) // 3 + 1
    if session.quarter and quarter != session.quarter:
        notes.append(f"Ngày tổ chức {day:%d/%m/%Y} thuộc {Quarter(quarter).label}, khác quý dự kiến "
                     f"({Quarter(session.quarter).label}/{session.year}); hãy sửa ngày hoặc quý dự kiến.")
    plan = session.plan
    if plan is not None and plan.number and plan.issue_date and day < plan.issue_date:
        notes.append(f"Ngày tổ chức {day:%d/%m/%Y} trước ngày ban hành Kế hoạch số {plan.symbol} "
                     f"({plan.issue_date:%d/%m/%Y}) mà giấy mời và các danh sách ghi «Căn cứ»; hãy kiểm tra "
                     "lại ngày tổ chức.")
    return notes


def _check(session: DialogueSession) -> None:
    if problems := session_problems(session):
        raise ValidationError(problems)


def _same_session(session: DialogueSession) -> DialogueSession | None:
    """A session of the commune with the same plan, year, quarter, date and theme (a double submit)."""
    return DialogueSession.objects.filter(
        commune=session.commune_id, plan=session.plan_id, year=session.year, quarter=session.quarter,
        starts_at=session.starts_at, theme=session.theme).first()


@transaction.atomic
def create_session(*, commune, by, request=None, **values) -> DialogueSession:
    """A new planned session in a commune the user runs, checked against its plan's year."""
    if not can_create_session(by, commune):
        raise PermissionDenied
    session = DialogueSession(commune=commune, created_by=by, **values)
    if session.starts_at and session.status == SessionStatus.PLANNED:
        session.status = SessionStatus.SCHEDULED
    _check(session)
    # The commune's row is locked so that the same form sent twice at once is caught by the check below.
    AdminUnit.objects.select_for_update().filter(pk=commune.pk).first()
    if twin := _same_session(session):
        raise ValidationError(f"Hội nghị này đã được tạo ({twin.when_text}, {twin.theme}); không tạo lại.")
    session.save()
    record(by, Action.CREATE, session, request=request)
    return session


@transaction.atomic
def create_series(plan, *, communes, quarter, target, theme, by, policy_fields=(), request=None) -> list[DialogueSession]:
    """One planned session per chosen commune, all in the plan's year; nothing is created if one fails."""
    if not can_create_series(by, plan):
        raise PermissionDenied
    if not communes:
        raise ValidationError({"communes": "Chọn ít nhất một xã."})
    # The plan's row is locked so that the series sent twice at once is created once.
    type(plan).objects.select_for_update().filter(pk=plan.pk).first()
    taken = set(plan.dialogue_sessions.values_list("commune_id", flat=True))
    sessions = []
    for commune in communes:
        if commune.pk in taken:
            raise ValidationError({"communes": f"{commune.name} đã có hội nghị trong kế hoạch này."})
        session = DialogueSession(plan=plan, commune=commune, year=plan.year, quarter=quarter, target=target,
                                  theme=theme, policy_fields=list(policy_fields), created_by=by)
        _check(session)
        session.save()
        sessions.append(session)
    record(by, Action.CREATE, plan, request=request, description=f"Tạo {len(sessions)} hội nghị đối thoại",
           changes={"communes": [c.name for c in communes]})
    return sessions


@transaction.atomic
def update_session(session: DialogueSession, *, by, request=None, **values) -> DialogueSession:
    """Change a session's details; a date moves a planned session to scheduled."""
    if not can_run_session(by, session):
        raise PermissionDenied
    session = DialogueSession.objects.select_for_update().get(pk=session.pk)
    before = {f: getattr(session, f) for f in SESSION_FIELDS}
    for field, value in values.items():
        setattr(session, field, value)
    if session.starts_at and session.status == SessionStatus.PLANNED:
        session.status = SessionStatus.SCHEDULED
    _check(session)
    session.save()
    after = {f: getattr(session, f) for f in SESSION_FIELDS}
    from audit.services import diff

    record(by, Action.CHANGE, session, request=request, changes=diff(before, after))
    return session


def _official_text(row: dict) -> str:
    return f"{row['name']}, {row['position']} ({OfficialLevel(row['level']).label})"


def _officials_diff(before: list[dict], after: list[dict]) -> dict:
    """Who was added, removed, or kept under the same name with another level or position."""
    old = {row["name"]: row for row in before}
    new = {row["name"]: row for row in after}
    changes = {
        "added": [_official_text(r) for name, r in new.items() if name not in old],
        "removed": [_official_text(r) for name, r in old.items() if name not in new],
        "changed": [[_official_text(old[name]), _official_text(r)] for name, r in new.items()
                    if name in old and old[name] != r],
    }
    if not any(changes.values()) and before != after:
        changes["order"] = [[r["name"] for r in before], [r["name"] for r in after]]
    return {key: value for key, value in changes.items() if value}


@transaction.atomic
def set_officials(session: DialogueSession, officials: list[dict], *, by, request=None) -> None:
    """Replace the officials attending with the given (level, position, name) rows; one audit entry."""
    if not can_run_session(by, session):
        raise PermissionDenied
    # The session row is locked so that two saves at once replace the list one after the other.
    DialogueSession.objects.select_for_update().filter(pk=session.pk).first()
    before = list(session.officials.order_by("order", "pk").values("level", "position", "name"))
    after = [{key: row[key] for key in ("level", "position", "name")} for row in officials]
    if not (changes := _officials_diff(before, after)):
        return
    session.officials.all().delete()
    SessionOfficial.objects.bulk_create(
        SessionOfficial(session=session, order=i, **row) for i, row in enumerate(after))
    record(by, Action.CHANGE, session, request=request, changes={"officials": changes},
           description=f"Đại biểu: {session}")


def _refusal(status: str, to: str) -> ValidationError:
    if status == to:
        return ValidationError(f"Hội nghị đã ở trạng thái «{SessionStatus(to).label}» (có thể do bấm hai lần "
                               "hoặc người khác vừa chuyển); không chuyển lại.")
    return ValidationError(f"Không thể chuyển hội nghị đang «{SessionStatus(status).label}» "
                           f"sang «{SessionStatus(to).label}».")


def _transition(session, *, by, to: str, allowed_from: tuple, problems: list[str], request=None):
    """Move the status by a conditional update: of several identical requests only one moves it."""
    if not can_run_session(by, session):
        raise PermissionDenied
    if session.status not in allowed_from:
        raise _refusal(session.status, to)
    if problems:
        raise ValidationError(problems)
    old = session.status
    moved = DialogueSession.objects.filter(pk=session.pk, status__in=allowed_from).update(
        status=to, updated_at=timezone.now())
    if not moved:  # another request (a second click, a colleague) moved it after this one read it
        raise _refusal(DialogueSession.objects.values_list("status", flat=True).get(pk=session.pk), to)
    session.status = to
    record(by, Action.WORKFLOW, session, request=request, changes={"status": [old, to]})
    return session


@transaction.atomic
def mark_held(session: DialogueSession, *, by, request=None) -> DialogueSession:
    """Record that the session took place: it had a date that has come, and someone came."""
    problems = []
    if not session.starts_at:
        problems.append("Chưa có ngày tổ chức.")
    elif session.day > timezone.localdate():
        problems.append("Chưa đến ngày tổ chức hội nghị.")
    if not session.attendees.filter(present=True).exists():
        problems.append("Chưa điểm danh người dân nào có mặt.")
    return _transition(session, by=by, to=SessionStatus.HELD, allowed_from=(SessionStatus.SCHEDULED,),
                       problems=problems, request=request)


@transaction.atomic
def mark_reported(session: DialogueSession, *, by, request=None) -> DialogueSession:
    """Close the session once its minutes are written (proceedings and the chair's conclusion)."""
    problems = [] if session.proceedings.strip() and session.conclusion.strip() else [
        "Cần ghi diễn biến và kết luận của hội nghị (biên bản) trước khi báo cáo."]
    return _transition(session, by=by, to=SessionStatus.REPORTED, allowed_from=(SessionStatus.HELD,),
                       problems=problems, request=request)


@transaction.atomic
def save_minutes(session: DialogueSession, *, by, secretary: str, proceedings: str, conclusion: str,
                 request=None) -> DialogueSession:
    """Store the minutes' text of a held session."""
    if not can_run_session(by, session):
        raise PermissionDenied
    if not session.was_held:
        raise ValidationError("Chỉ ghi biên bản khi hội nghị đã tổ chức.")
    session.secretary, session.proceedings, session.conclusion = secretary, proceedings, conclusion
    session.save(update_fields=["secretary", "proceedings", "conclusion", "updated_at"])
    record(by, Action.CHANGE, session, request=request, description=f"Biên bản: {session}")
    return session
