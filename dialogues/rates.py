"""The support rates a session pays each citizen: meal (tiền ăn) and, when configured, travel (tiền đi lại).

The meal rate is the unit price of the session's meal estimate line, else the province's flat
commune-meeting norm (TT 40/2017, Art. 12.4); the travel rate exists only when a travel line is
linked. A sheet asking for a rate that is missing names it (``MissingRate``) instead of printing 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from budgets.models import Norm
from documents.money import format_vnd

MEAL_NORM_CODE = "AN_XA"  # TT 40/2017 Art. 12.4: meetings organised by a commune


@dataclass(frozen=True)
class Rate:
    key: str  # "meal" or "travel"
    label: str  # column heading, e.g. "Tiền ăn"
    amount: int  # đồng per person
    basis: str = ""  # the legal basis or the estimate line it comes from

    @property
    def text(self) -> str:
        """«Tiền ăn: 100.000 đồng/người (Thông tư 40/2017/TT-BTC, Điều 12 khoản 4)»."""
        basis = f" ({self.basis})" if self.basis else ""
        return f"{self.label}: {format_vnd(self.amount)} đồng/người{basis}"


@dataclass(frozen=True)
class MissingRate:
    """A rate the payment sheet needs but the session does not have, and where to set it."""

    label: str
    hint: str
    url: str


def _line_rate(key: str, label: str, line) -> Rate | None:
    if line is None or line.unit_price <= 0:
        return None
    basis = line.note or (str(line.norm.legal_basis or line.norm.name) if line.norm_id else "")
    return Rate(key, label, line.unit_price, basis)


def meal_rate(session) -> Rate | None:
    """The meal support per person: the linked line's unit price, else the province's commune norm."""
    if rate := _line_rate("meal", "Tiền ăn", session.budget_line):
        return rate
    norm = (Norm.objects.for_unit(session.commune).filter(code=MEAL_NORM_CODE)
            .active_on(session.reference_date).order_by("-valid_from").first())
    if norm is None:
        return None
    return Rate("meal", "Tiền ăn", norm.amount, str(norm.legal_basis or norm.name))


def travel_rate(session) -> Rate | None:
    return _line_rate("travel", "Tiền đi lại", session.travel_line)


def session_rates(session) -> list[Rate]:
    """The rates the payment sheet pays, meal first; travel only when its line is linked."""
    return [rate for rate in (meal_rate(session), travel_rate(session)) if rate is not None]


def missing_rates(session) -> list[MissingRate]:
    """What keeps the payment sheet from being produced: no meal rate, or a travel line priced 0."""
    edit = reverse("dialogues:session-edit", args=[session.pk])
    missing = []
    if meal_rate(session) is None:
        line = (f"Dòng dự toán tiền ăn «{session.budget_line.content}» có đơn giá 0 đồng" if session.budget_line_id
                else "Chưa liên kết dòng dự toán tiền ăn cho hội nghị")
        missing.append(MissingRate(
            "Mức hỗ trợ tiền ăn",
            f"{line} và tỉnh chưa có định mức tiền ăn hội nghị cấp xã (mã {MEAL_NORM_CODE}) hiệu lực vào "
            "ngày tổ chức.", edit))
    if session.travel_line_id and travel_rate(session) is None:
        missing.append(MissingRate(
            "Mức hỗ trợ tiền đi lại",
            f"Dòng dự toán tiền đi lại «{session.travel_line.content}» có đơn giá 0 đồng.", edit))
    return missing
