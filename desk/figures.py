"""The numbers on each role's desk, each in a fixed number of queries whatever the data.

A number links to the list it counts, with the filter of ``desk.filters`` the list also reads.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse

from areas.models import Role
from areas.scope import units_in_role, visible_unit_ids
from budgets.models import Estimate
from desk import filters
from desk.counts import count_each
from desk.verdicts import EDITABLE, verdicts_of
from dialogues.models import DialogueSession, Petition
from households.models import ImportBatch
from plans.models import Plan, Status


@dataclass
class Figure:
    label: str
    count: int
    url: str
    hint: str = ""
    tone: str = "primary"  # Bootstrap colour of a non-zero number (danger: something is late)


def _url(name: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse(name) + (f"?{query}" if query else "")


def leader(user, today: datetime.date) -> list[Figure]:
    units = units_in_role(user, Role.LEADER)
    counts = Plan.objects.filter(unit__in=units).aggregate(
        submitted=Count("pk", filter=Q(status=Status.SUBMITTED)),
        approved=Count("pk", filter=Q(status=Status.APPROVED)))
    return [
        Figure("Kế hoạch chờ phê duyệt", counts["submitted"], _url("plans:plan-list", status=Status.SUBMITTED),
               "Cán bộ đã trình, chờ lãnh đạo xem và phê duyệt hoặc trả lại."),
        Figure("Kế hoạch đã phê duyệt, chờ ban hành", counts["approved"],
               _url("plans:plan-list", status=Status.APPROVED), "Ký, cấp số và ban hành."),
    ]


def planner(user, today: datetime.date) -> list[Figure]:
    units = units_in_role(user, Role.PLANNER)
    drafts = list(Plan.objects.filter(unit__in=units, status__in=EDITABLE).values_list("pk", "updated_at", "status"))
    counts = Counter(status for _pk, _updated, status in drafts)
    verdicts = verdicts_of((pk, updated) for pk, updated, _status in drafts)
    checking = (f"Còn {len(verdicts.unchecked)} bản đang được kiểm tra; số liệu cập nhật sau ít phút."
                if verdicts.unchecked else "Mở trang «Kiểm tra» của từng bản để xem lỗi cần sửa.")
    return [
        Figure("Dự thảo đang soạn", counts[Status.DRAFT], _url("plans:plan-list", status=Status.DRAFT)),
        Figure("Bị trả lại để sửa", counts[Status.RETURNED], _url("plans:plan-list", status=Status.RETURNED),
               tone="warning"),
        Figure("Dự thảo còn lỗi chặn trình", len(verdicts.blocking), _url("plans:plan-list", loi=1),
               checking, tone="danger"),
    ]


def commune_staff(user, today: datetime.date) -> list[Figure]:
    units = units_in_role(user, Role.COMMUNE_STAFF)
    sessions = DialogueSession.objects.filter(commune__in=units)
    first = filters.week_start(today)
    last = first + datetime.timedelta(days=13)
    soon, short, overdue, imports = count_each(
        filters.sessions_between(sessions, first, last), filters.short_of_registrations(sessions, today),
        Petition.objects.filter(session__commune__in=units).overdue(today),
        filters.unfinished_imports(ImportBatch.objects.filter(commune__in=units)))
    return [
        Figure("Hội nghị tuần này và tuần sau", soon,
               _url("dialogues:session-list", tu=first.isoformat(), den=last.isoformat()),
               f"Từ {first:%d/%m} đến {last:%d/%m/%Y}."),
        Figure("Hội nghị chưa đủ người đăng ký", short, _url("dialogues:session-list", **{"thieu-dang-ky": 1}),
               "Số người đăng ký trước còn ít hơn số dự kiến.", tone="warning"),
        Figure("Ý kiến quá hạn trả lời", overdue, _url("dialogues:petition-list", overdue=1), tone="danger"),
        Figure("Lần nhập danh sách hộ còn dở", imports, _url("households:import-start", **{"con-do": 1}),
               "Chờ xác nhận, chờ ghép cột hoặc còn dòng chưa nhập.", tone="warning"),
    ]


def finance(user, today: datetime.date) -> list[Figure]:
    units = units_in_role(user, Role.FINANCE)
    over, conflicts, waiting = count_each(
        filters.over_allocated(today.year, visible_unit_ids(user)),  # the overview's rows: every unit seen
        filters.estimates_in_conflict(Estimate.objects.filter(unit__in=units)),
        filters.awaiting_payment(DialogueSession.objects.filter(commune__in=units)))
    return [
        Figure(f"Tiểu dự án có dự toán vượt vốn giao năm {today.year}", over,
               _url("budgets:overview", year=today.year), tone="danger"),
        Figure("Dự toán có tổng ghi khác tổng các khoản", conflicts,
               _url("budgets:estimate-list", **{"chenh-lech": 1}),
               "Chênh lệch chưa được sửa hoặc ghi nhận giữ lại.", tone="warning"),
        Figure("Hội nghị đã tổ chức chờ chi trả", waiting, _url("dialogues:session-list", **{"chua-chi": 1}),
               "Dòng dự toán chi trả của hội nghị chưa có khoản giải ngân nào."),
    ]


FIGURES = {Role.LEADER: leader, Role.PLANNER: planner, Role.COMMUNE_STAFF: commune_staff, Role.FINANCE: finance}
