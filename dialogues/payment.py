"""The support payment sheet (danh sách ký nhận tiền hỗ trợ): meal and, when configured, travel per
person, «Cộng», the total row, the amount in words and the three signature blocks.

Without the rates it needs the sheet is not produced (``PaymentUnavailable`` names what is missing);
the «blank amounts» variant, for paying by hand, is the user's deliberate choice. A sheet printed
before the meeting lists those registered and leaves the totals to be written by hand, since who
comes is not known yet.
"""

from __future__ import annotations

from dialogues.columns import Column
from dialogues.models import DialogueSession
from dialogues.pdfsheet import Sheet
from dialogues.rates import MissingRate, missing_rates, session_rates
from dialogues.sheets import (
    NAME,
    NUMBER,
    blank_rows,
    build_sheet,
    listed_attendees,
    name_cells,
    sign_cell,
)
from documents.money import vi_money_words

PAYMENT_TITLE = "DANH SÁCH KÝ NHẬN TIỀN HỖ TRỢ NGƯỜI DÂN THAM DỰ HỘI NGHỊ ĐỐI THOẠI CHÍNH SÁCH"
SIGNATURES = ["NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ"]
HAND_WORDS = "Tổng số tiền bằng chữ: " + "." * 85  # one line on a portrait page


class PaymentUnavailable(Exception):
    """The session lacks a rate the payment sheet needs."""

    def __init__(self, session: DialogueSession, missing: list[MissingRate]):
        self.session, self.missing = session, missing
        super().__init__("; ".join(f"{m.label}: {m.hint}" for m in missing))


def payment_columns(labels: list[str], *, stagger: bool) -> list[Column]:
    """STT | Họ và tên | Năm sinh | Địa chỉ (thôn) | one column per rate | Cộng (with two rates) | Ký nhận | Ghi chú."""
    money = [Column(f"rate{i}", f"{label} (đồng)", "money", "right", least_mm=22) for i, label in enumerate(labels)]
    if len(money) > 1:
        money.append(Column("sum", "Cộng (đồng)", "money", "right", least_mm=24))
    return [NUMBER, NAME, Column("year", "Năm sinh", "whole", "center"), Column("village", "Địa chỉ (thôn)", least_mm=24),
            *money, Column("sign", "Ký nhận", "sign", stagger=stagger), Column("note", "Ghi chú", least_mm=16)]


def _amounts(amounts: list[int] | None, blank_count: int) -> list:
    if amounts is None:
        return [""] * blank_count
    return [*amounts, sum(amounts)] if len(amounts) > 1 else list(amounts)


def payment_sheet(session: DialogueSession, *, blank_amounts: bool = False, stagger: bool = False) -> Sheet:
    """The payment sheet of one session; raises ``PaymentUnavailable`` when a rate is missing and the
    user did not choose blank amounts."""
    missing = missing_rates(session)
    if missing and not blank_amounts:
        raise PaymentUnavailable(session, missing)
    rates = session_rates(session)
    labels = [r.label for r in rates] if rates else ["Tiền ăn"]
    if session.travel_line_id and "Tiền đi lại" not in labels:
        labels.append("Tiền đi lại")
    per_person = None if blank_amounts else [r.amount for r in rates]
    width = len(labels) + (1 if len(labels) > 1 else 0)
    people = listed_attendees(session)
    rows = [[str(i), name, str(p.birth_year or ""), p.village, *_amounts(per_person, width), sign_cell(i, stagger),
             "Đến trực tiếp" if p.is_walk_in else ""]
            for i, (p, name) in enumerate(zip(people, name_cells(people), strict=True), start=1)]
    extra = blank_rows(session)
    start = len(rows) + 1
    rows += [[str(n), "", "", "", *[""] * width, sign_cell(n, stagger), ""] for n in range(start, start + extra)]
    final = per_person is not None and not extra  # who came is known: the totals can be printed
    totals = [a * len(people) for a in per_person] if final else None
    total_row = ["", "Tổng cộng", "", f"{len(people)} người" if final else "", *_amounts(totals, width), "", ""]
    words = (f"Tổng số tiền bằng chữ: {vi_money_words(sum(totals))}./." if final and totals is not None
             else HAND_WORDS)
    return build_sheet(session, PAYMENT_TITLE, payment_columns(labels, stagger=stagger), rows,
                       signatures=SIGNATURES, total_rows=[total_row], after_lines=[words])
