"""Checking an ID number against the whole registry: what the user may be told, the per-user limit on
such look-ups, and the numbers held for an administrator.

A number held by a household the user may see in full (their own communes) is named: it is their
own data. A number held outside their scope is never quoted nor confirmed: the user reads that the
number needs checking, and an administrator gets an ``IdNumberReview`` to resolve. Every look-up
is an audit entry, and the entries of the last hour are the user's budget: counted in the
database, so the limit holds across processes and servers.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.models import Action, AuditEntry
from audit.services import record
from households.idnumber import mask
from households.models import Household, IdNumberReview, ReviewStatus, id_number_hash
from households.permissions import id_unit_ids

logger = logging.getLogger(__name__)
LOOKUP = "households.IdLookup"  # the audit object type of one look-up, which counts against the limit
REFUSED = "households.IdLookupRefused"  # a look-up refused over the limit (logged, not counted)
NEEDS_REVIEW = "Số định danh này cần được quản trị viên kiểm tra trước khi ghi."
OVER_LIMIT = ("Bạn đã dùng hết {limit} lần kiểm tra số định danh trong một giờ; số định danh này chưa được "
              "kiểm tra và chưa được ghi. Hãy thử lại sau ít phút hoặc liên hệ quản trị viên.")
WINDOW = datetime.timedelta(hours=1)


def lookup_limit() -> int:
    return settings.HOUSEHOLD_ID_LOOKUPS_PER_HOUR


def lookups_left(user) -> int:
    """How many more ID look-ups the user may make in the current hour."""
    used = AuditEntry.objects.filter(user_id=user.pk, object_type=LOOKUP,
                                     at__gte=timezone.now() - WINDOW).count()
    return max(lookup_limit() - used, 0)


def over_limit_message() -> str:
    return OVER_LIMIT.format(limit=lookup_limit())


def _refuse(user, number: str, *, where: str, request=None) -> str:
    logger.warning("ID look-up refused over the limit: user %s, %s", user.pk, where)
    record(user, Action.VIEW_SENSITIVE, object_type=REFUSED, request=request,
           changes={"id_number": mask(number), "where": where, "limit": lookup_limit()},
           description=f"Từ chối kiểm tra số định danh {mask(number)}: vượt giới hạn mỗi giờ")
    return over_limit_message()


def _log_lookup(user, number: str, *, result: str, where: str, request=None) -> None:
    record(user, Action.VIEW_SENSITIVE, object_type=LOOKUP, request=request,
           changes={"id_number": mask(number), "result": result, "where": where},
           description=f"Kiểm tra số định danh {mask(number)} trên toàn sổ hộ")


def open_review(number: str, *, commune, by, household, batch=None, row=None) -> IdNumberReview:
    """Route a number held outside the user's scope to an administrator (one review per import row)."""
    logger.warning("ID number held outside the scope of user %s routed to an administrator", by.pk)
    fields = {"created_by": by, "username": by.username, "commune": commune, "masked_number": mask(number),
              "number_hash": id_number_hash(number), "household": household}
    if batch is not None:
        review, _ = IdNumberReview.objects.get_or_create(batch=batch, row=row, defaults=fields)
        return review
    # The same form saved again: the case already open is the one to resolve.
    same = IdNumberReview.objects.filter(batch=None, status=ReviewStatus.OPEN, created_by=by, commune=commune,
                                         number_hash=fields["number_hash"]).first()
    return same or IdNumberReview.objects.create(**fields)


def registry_problem(number: str, *, household: Household, by, request=None) -> str | None:
    """Why ``number`` cannot be written on ``household`` (held by another one), or None.

    One look-up, logged and counted; over the limit the number is not looked up at all.
    """
    where = f"Biểu mẫu hộ ở {household.commune.name}"
    if lookups_left(by) <= 0:
        return _refuse(by, number, where=where, request=request)
    other = (Household.objects.exclude(pk=household.pk).filter(id_number=number)
             .select_related("commune").first())
    if other is None:
        _log_lookup(by, number, result="chưa có trong sổ hộ", where=where, request=request)
        return None
    if other.commune_id in id_unit_ids(by):
        _log_lookup(by, number, result="đã có, trong phạm vi phụ trách", where=where, request=request)
        return f"Số định danh này đã được ghi cho hộ «{other}» ở {other.commune.full_name}."
    _log_lookup(by, number, result="đã có, ngoài phạm vi: chuyển quản trị viên", where=where, request=request)
    open_review(number, commune=household.commune, by=by, household=other)
    return NEEDS_REVIEW


class FileLookups:
    """The look-ups of one import file, made on behalf of the officer who uploaded it.

    IDs the commune already holds are not looked up. For the others, a number held outside the
    officer's scope costs one look-up and is held for an administrator; a number free or held in
    their own scope costs nothing. Once the hour's budget is spent, every remaining number that
    would need a look-up is held with the limit's message, free or not, so the answer never
    leaks.
    """

    def __init__(self, batch):
        self.batch, self.user = batch, batch.created_by
        self.scope = id_unit_ids(self.user)
        self.left = lookups_left(self.user)
        self.held: list[tuple[int, str, Household]] = []
        self.refused = 0
        # Rows held by an earlier reading of this batch (remapped, committed): already counted.
        self.reviewed = set(IdNumberReview.objects.filter(batch=batch).values_list("row", flat=True))

    def problem(self, row: int, number: str, holder: Household | None) -> str | None:
        """The message of an import row whose ID number is not the commune's (None: it may be written)."""
        if holder is not None and holder.commune_id in self.scope:
            return (f"Số định danh đã được ghi cho hộ «{holder}» ở {holder.commune.full_name}; "
                    "không tự chuyển hộ sang xã/phường này")
        if self.left <= 0:
            self.refused += 1
            return over_limit_message()
        if holder is None:
            return None
        if row not in self.reviewed:
            self.left -= 1
        self.held.append((row, number, holder))
        return NEEDS_REVIEW

    def save(self) -> None:
        """Open a review for each number held (once per row of the batch) and log it as a look-up."""
        where = f"Tệp «{self.batch.filename}» ({self.batch.commune.name})"
        with transaction.atomic():
            for row, number, holder in self.held:
                if row in self.reviewed:
                    continue
                open_review(number, commune=self.batch.commune, by=self.user, household=holder,
                            batch=self.batch, row=row)
                _log_lookup(self.user, number, result="đã có, ngoài phạm vi: chuyển quản trị viên",
                            where=f"{where}, dòng {row}")
            if self.refused:
                logger.warning("ID look-ups refused over the limit: user %s, batch %s, %s rows",
                               self.user.pk, self.batch.pk, self.refused)
                record(self.user, Action.VIEW_SENSITIVE, self.batch, object_type=REFUSED,
                       changes={"rows": self.refused, "where": where, "limit": lookup_limit()},
                       description=f"Giữ {self.refused} dòng chưa kiểm tra số định danh: vượt giới hạn mỗi giờ")
