"""The session block every sheet and letter of a dialogue carries: programme, basis, time, place, rates.

«Chương trình … – Dự án 6, Tiểu dự án 2: …», «Căn cứ Kế hoạch số 05/KH-UBND ngày 12/5/2026 của …»
(a draft plan keeps the blanks the văn thư fills in), «08 giờ 00 ngày 12/05/2026 (01 buổi)», the
venue, and the support rates. The fields are plain values so each document labels them its own way;
``lines()`` gives the labelled lines the sheets print.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from budgets.models import Program, SubProject
from budgets.naming import sub_project_title
from dialogues.rates import session_rates
from documents.dates import draft_date_text
from documents.symbols import NUMBER_BLANK

BLANK = "\u2026" * 3  # «………» where an hour or a day is not fixed yet


@dataclass
class SessionBlock:
    programme: str
    basis: str
    time: str
    place: str
    rates: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The block as printed under a sheet's title: empty parts are left out, never printed blank."""
        lines = [text for text in (self.programme, self.basis) if text]
        if self.time:
            lines.append(f"Thời gian: {self.time}")
        if self.place:
            lines.append(f"Địa điểm: {self.place}")
        if self.rates:
            lines.append("Mức hỗ trợ: " + "; ".join(self.rates))
        return lines


def _sub_project(session) -> SubProject | None:
    line = session.budget_line
    if line is not None:
        pk = line.effective_sub_project_id(line.group, line.estimate)
        if pk:
            return SubProject.objects.with_catalog().filter(pk=pk).first()
    plan = session.plan
    if plan is not None:
        found = plan.subprojects.with_catalog().order_by("component__order", "order", "code").first()
        if found is None and plan.estimate_id and plan.estimate.sub_project_id:
            found = SubProject.objects.with_catalog().filter(pk=plan.estimate.sub_project_id).first()
        return found
    return None


def programme_line(session) -> str:
    """The programme and, when known, its component and sub-project by name (never by code alone)."""
    sub = _sub_project(session)
    if sub is not None:  # «… – Dự án 6, Tiểu dự án 2: Truyền thông về giảm nghèo đa chiều»
        return f"{sub.component.program.name} – {sub_project_title(sub)}"
    program = Program.objects.active_on(session.reference_date).order_by("-valid_from").first()
    return program.name if program is not None else ""


def basis_line(session) -> str:
    """«Căn cứ Kế hoạch số 05/KH-UBND ngày 12/5/2026 của Ủy ban nhân dân xã …»; blanks for a draft."""
    plan = session.plan
    if plan is None:
        return ""
    issuer = f" của {plan.issuer_name}" if plan.issuer_name else ""
    if plan.number and plan.issue_date:
        day = plan.issue_date
        return f"Căn cứ Kế hoạch số {plan.symbol} ngày {day.day:02d}/{day.month:02d}/{day.year}{issuer}"
    year = plan.issue_date.year if plan.issue_date else plan.year
    number = f"{NUMBER_BLANK}/{plan.type_abbr}-{plan.issuer_abbr}"
    return f"Căn cứ Kế hoạch số {number} {draft_date_text(year)}{issuer}"


def time_text(session) -> str:
    """«08 giờ 00 ngày 12/05/2026 (01 buổi)»; before the day is fixed, blanks and the planned quarter."""
    duration = f"{session.half_days:02d} buổi"
    if session.starts_at:
        return f"{session.when_text} ({duration})"
    planned = f"; dự kiến {session.when_text}" if session.quarter else ""
    return f"{BLANK} giờ {BLANK} ngày {BLANK}/{BLANK}/{session.year} ({duration}{planned})"


def session_block(session) -> SessionBlock:
    """Everything a sheet or letter says about the session, read once."""
    place = session.venue.strip()
    return SessionBlock(programme=programme_line(session), basis=basis_line(session),
                        time=time_text(session), place=place,
                        rates=[rate.text for rate in session_rates(session)])
