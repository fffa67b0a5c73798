"""Registering citizens for a session and checking them in at the venue.

Capacity is enforced with the session row locked (SELECT … FOR UPDATE) inside the transaction,
so two staff registering the last seat at the same moment cannot both get it; a household is on
a session's list at most once (a database constraint backs the check).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import Action
from audit.services import record
from dialogues import mixfill
from dialogues.models import Attendee, DialogueSession
from dialogues.permissions import can_check_in, can_register, can_run_session
from dialogues.priority import candidates, related_commune_ids
from households.models import Household
from vntext import nfc

CONSENT_MISSING = "Cần xác nhận người dân đã được thông báo và đồng ý cho xử lý dữ liệu cá nhân."


@dataclass
class Registered:
    attendee: Attendee
    warnings: list[str]


def _locked(session: DialogueSession, by, predicate) -> DialogueSession:
    locked = DialogueSession.objects.select_for_update().select_related("commune").get(pk=session.pk)
    if not can_run_session(by, locked):
        raise PermissionDenied
    if not predicate(by, locked):
        raise ValidationError(f"Hội nghị đang ở trạng thái «{locked.get_status_display()}», không thể thực hiện.")
    return locked


def _free_seats(session: DialogueSession) -> int:
    return session.target - session.attendees.filter(is_walk_in=False).count()


def _require_seat(session: DialogueSession) -> None:
    if _free_seats(session) <= 0:
        raise ValidationError(f"Hội nghị đã đủ {session.target} người đăng ký; không thể đăng ký thêm.")


def _from_household(session, household: Household, *, by, consent: bool) -> Registered:
    if household.commune_id not in related_commune_ids(session.commune):
        raise ValidationError(f"Hộ {household.head_name} thuộc {household.commune.name}, "
                              f"không thuộc xã tổ chức hội nghị ({session.commune.name}).")
    if session.attendees.filter(household=household).exists():
        raise ValidationError(f"Hộ {household.head_name} đã có trong danh sách hội nghị này.")
    found = candidates(session, Household.objects.filter(pk=household.pk))[0]
    attendee = Attendee(
        session=session, household=household, full_name=household.head_name, gender=household.gender,
        birth_year=household.birth_year, ethnic_group=household.ethnic_group, village=household.village,
        household_class=found.household_class, first_time=found.first_time, reasons=found.reasons,
        consent=consent, registered_by=by)
    try:
        with transaction.atomic():
            attendee.save()
    except IntegrityError:
        raise ValidationError(f"Hộ {household.head_name} đã có trong danh sách hội nghị này.") from None
    warnings = []
    if found.attended_this_year:
        warnings.append(f"Hộ {household.head_name} đã dự một hội nghị đối thoại trong năm {session.year} "
                        f"({found.attended_when}).")
    return Registered(attendee, warnings)


@transaction.atomic
def register_household(session: DialogueSession, household: Household, *, by, consent: bool,
                       request=None) -> Registered:
    """Put a registry household on the list if a seat is free, it lives in the commune and is not on it yet."""
    if not consent:
        raise ValidationError(CONSENT_MISSING)
    session = _locked(session, by, can_register)
    _require_seat(session)
    result = _from_household(session, household, by=by, consent=True)
    record(by, Action.CREATE, result.attendee, request=request, changes={"session": session.pk})
    return result


def _refuse_same_citizen(session: DialogueSession, name: str, details: dict) -> None:
    """A citizen outside the registry with the name, birth year and village of one already listed is the
    same person sent twice (a double click); the session row is locked, so two at once are caught too."""
    wanted = (name.casefold(), details.get("birth_year"), nfc(details.get("village")).casefold())
    for other in session.attendees.filter(household__isnull=True):
        if (nfc(other.full_name).casefold(), other.birth_year, nfc(other.village).casefold()) == wanted:
            raise ValidationError(f"{other.full_name} ({other.gender_year or 'không rõ năm sinh'}"
                                  f"{', ' + other.village if other.village else ''}) đã có trong danh sách "
                                  "hội nghị này.")


@transaction.atomic
def register_citizen(session: DialogueSession, *, by, consent: bool, full_name: str, request=None,
                     **details) -> Registered:
    """Put a citizen who is not in the registry on the list (a seat must be free)."""
    if not consent:
        raise ValidationError(CONSENT_MISSING)
    session = _locked(session, by, can_register)
    name = nfc(full_name)
    _refuse_same_citizen(session, name, details)
    _require_seat(session)
    attendee = Attendee.objects.create(session=session, full_name=name, consent=True,
                                       registered_by=by, first_time=True, **details)
    record(by, Action.CREATE, attendee, request=request, changes={"session": session.pk})
    return Registered(attendee, [])


@transaction.atomic
def fill_to_target(session: DialogueSession, *, by, consent: bool, request=None) -> list[Registered]:
    """Register the best-ranked suggestions until the target is reached (or the commune runs out),
    keeping the session's planned shares of women, minorities and first-timers (dialogues.mixfill)."""
    if not consent:
        raise ValidationError(CONSENT_MISSING)
    session = _locked(session, by, can_register)
    free = _free_seats(session)
    if free <= 0:
        raise ValidationError(f"Hội nghị đã đủ {session.target} người đăng ký.")
    wanted = mixfill.needs(session, free)
    # With an aim to keep, the whole ranked commune is the pool; else only the best ``free``.
    pool = candidates(session, limit=None if wanted else free)
    chosen = mixfill.choose(pool, free, wanted)
    households = Household.objects.in_bulk([s.household_id for s in chosen])
    done = [_from_household(session, households[s.household_id], by=by, consent=True) for s in chosen]
    record(by, Action.CREATE, session, request=request, description=f"Đăng ký {len(done)} người theo gợi ý",
           changes={"households": [s.household_id for s in chosen]})
    return done


@transaction.atomic
def unregister(attendee: Attendee, *, by, request=None) -> None:
    """Take a citizen off the list before the session (never someone already checked in)."""
    session = _locked(attendee.session, by, can_register)
    if Attendee.objects.filter(pk=attendee.pk, present=True).exists():
        raise ValidationError(f"{attendee.full_name} đã được điểm danh có mặt; không thể xóa khỏi danh sách.")
    record(by, Action.DELETE, attendee, request=request, changes={"session": session.pk})
    Attendee.objects.filter(pk=attendee.pk).delete()


@transaction.atomic
def check_in(session: DialogueSession, attendee_id: int, *, present: bool, by, request=None) -> Attendee:
    """Set (not toggle) whether an attendee came, so a tap replayed after a lost connection is harmless.

    A tap that changes presence (or undoes it) writes one audit entry; a replayed one writes none.
    """
    session = _locked(session, by, can_check_in)
    attendee = session.attendees.filter(pk=attendee_id).first()
    if attendee is None:
        raise ValidationError("Người này không có trong danh sách hội nghị.")
    if attendee.present != present:
        attendee.present = present
        attendee.checked_in_at = timezone.now() if present else None
        attendee.save(update_fields=["present", "checked_in_at", "updated_at"])
        record(by, Action.CHANGE, attendee, request=request,
               changes={"present": [not present, present], "session": session.pk},
               description=f"{'Điểm danh' if present else 'Bỏ điểm danh'}: {attendee.full_name}")
    return attendee


@transaction.atomic
def add_walk_in(session: DialogueSession, *, by, client_ref: str, full_name: str, consent: bool,
                request=None, **details) -> Attendee:
    """Add someone who came without registering, present; the phone's reference makes a resend harmless."""
    if not consent:
        raise ValidationError(CONSENT_MISSING)
    session = _locked(session, by, can_check_in)
    if client_ref:
        existing = session.attendees.filter(client_ref=client_ref).first()
        if existing is not None:
            return existing
    name = nfc(full_name)
    if not name:
        raise ValidationError("Cần nhập họ và tên người đến dự.")
    attendee = Attendee.objects.create(session=session, full_name=name, is_walk_in=True, present=True,
                                       checked_in_at=timezone.now(), client_ref=client_ref[:40], consent=True,
                                       first_time=True, registered_by=by, **details)
    record(by, Action.CREATE, attendee, request=request, changes={"session": session.pk, "walk_in": True})
    return attendee
