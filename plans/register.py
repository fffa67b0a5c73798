"""The document register (sổ đăng ký văn bản): its numbers and the dates a plan may be issued on.

A register is kept per issuing body, document type (KH) and the year of the issue date, as
offices keep their paper books: a plan for next year issued on 20 December takes December's
number. The plan stores that year (``register_year``) and the unique constraint uses it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.utils import timezone

from areas.models import IssuingBody
from plans.models import Plan, RegisterCounter

# How far ahead of today a leader may date an issue (a plan signed on Friday, dated Monday).
ISSUE_DAYS_AHEAD = 7
REGISTER_PAGE_SIZE = 100


def _last_used(body: IssuingBody, type_abbr: str, year: int, counter: RegisterCounter | None) -> int:
    """The register's last number: its counter, or a higher number a plan already carries."""
    used = Plan.objects.filter(issuing_body=body, type_abbr=type_abbr, register_year=year,
                               number__isnull=False).aggregate(last=Max("number"))["last"]
    return max(counter.last_number if counter else 0, used or 0)


def next_document_number(body: IssuingBody, type_abbr: str, year: int) -> int:
    """The register's next number, under a lock on its counter row: consecutive, never twice.

    Concurrent issuers queue on the row until the first commits. A number already carried by
    a plan of the register (entered by hand, or before the counter existed) is skipped rather
    than given again, so the unique constraint never answers instead of the register. A
    withdrawn plan keeps its number, so a number is never given twice.
    """
    RegisterCounter.objects.get_or_create(issuing_body=body, type_abbr=type_abbr, year=year)
    counter = RegisterCounter.objects.select_for_update().get(
        issuing_body=body, type_abbr=type_abbr, year=year)
    counter.last_number = _last_used(body, type_abbr, year, counter) + 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def peek_next_number(body: IssuingBody, type_abbr: str, year: int) -> int:
    """The number the next issue would take, read without taking it (the confirmation page)."""
    counter = RegisterCounter.objects.filter(issuing_body=body, type_abbr=type_abbr,
                                             year=year).first()
    return _last_used(body, type_abbr, year, counter) + 1


def register_page(plans, body: IssuingBody, type_abbr: str, year: int, page: str | None):
    """One page of the register: every number from 1 to its last, each with its plan or None
    for a number no plan carries. A withdrawn plan stays on its line; no gap is hidden."""
    counter = RegisterCounter.objects.filter(issuing_body=body, type_abbr=type_abbr,
                                             year=year).first()
    register = plans.filter(issuing_body=body, type_abbr=type_abbr, register_year=year,
                            number__isnull=False)
    last = _last_used(body, type_abbr, year, counter)
    numbers = Paginator(range(1, last + 1), REGISTER_PAGE_SIZE).get_page(page)
    shown = {plan.number: plan for plan in register.filter(number__in=list(numbers))}
    numbers.entries = [(number, shown.get(number)) for number in numbers]
    return numbers


def _vn(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"


def issue_date_range(plan: Plan) -> tuple[datetime.date, datetime.date]:
    """The first and last day the plan may be dated: from its approval to a week ahead."""
    since = plan.approved_at or plan.created_at
    first = timezone.localdate(since) if since else datetime.date.min
    return first, timezone.localdate() + datetime.timedelta(days=ISSUE_DAYS_AHEAD)


def check_issue_date(plan: Plan, day: datetime.date) -> None:
    """Refuse a date before approval, more than ISSUE_DAYS_AHEAD days ahead or outside the
    issuing body's validity, with the reason in Vietnamese."""
    first, last = issue_date_range(plan)
    if day < first:
        raise ValidationError({"issue_date": (
            f"Ngày ban hành {_vn(day)} trước ngày kế hoạch được phê duyệt ({_vn(first)}): "
            "văn bản không thể ban hành trước khi được phê duyệt.")})
    if day > last:
        raise ValidationError({"issue_date": (
            f"Ngày ban hành {_vn(day)} quá xa: chỉ được ghi trước tối đa {ISSUE_DAYS_AHEAD} "
            f"ngày so với hôm nay, tức là đến ngày {_vn(last)}.")})
    body = plan.issuing_body
    if not body.is_active_on(day):
        raise ValidationError({"issue_date": (
            f"{plan.issuer_name} không còn hiệu lực vào ngày {_vn(day)} "
            f"({body.validity_text}).")})
