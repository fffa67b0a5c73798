"""The household list as a spreadsheet in the commune list layout (domain.md §4.2)."""

from collections.abc import Iterator

from django.utils import timezone

from areas.names import person
from audit.models import Action
from audit.services import record
from households.models import Classification
from households.permissions import sensitive_unit_ids
from households.sheets import write_csv, write_table
from web.downloads import XLSX, Download

CSV = "text/csv; charset=utf-8"
DEPRIVATION_COUNT = 12
MAX_ROWS = 200_000


def _columns(sensitive: bool) -> tuple[list, list, list]:
    """Two header rows and the merges for the layout; sensitive columns only for roles that need them."""
    before = ["STT", "Mã hộ", "Họ và tên chủ hộ", "Giới tính", "Năm sinh"]
    before += ["Dân tộc"] if sensitive else []
    before += ["Số định danh (CCCD)", "Thôn / tổ dân phố", "Xã", "Số nhân khẩu", "Phân loại", "Năm công nhận"]
    after = ["Đặc điểm", "Ghi chú"]
    if not sensitive:
        return [before + after], [], []
    top = before + ["Thu nhập BQ (đồng/người/tháng)"] + ["Chỉ số thiếu hụt"] * DEPRIVATION_COUNT + after
    sub = [""] * (len(before) + 1) + [str(n) for n in range(1, DEPRIVATION_COUNT + 1)] + ["", ""]
    first_dep = len(before) + 1
    merges = [(0, c, 1, c, label) for c, label in enumerate(top) if not first_dep <= c < first_dep + 12]
    merges.append((0, first_dep, 0, first_dep + DEPRIVATION_COUNT - 1, "Chỉ số thiếu hụt (x)"))
    return [top, sub], [], merges


def _traits(household, sensitive: bool) -> str:
    traits = []
    if sensitive and household.is_ethnic_minority:
        traits.append("DTTS")
    for flag, label in ((household.meritorious, "người có công"), (household.social_protection, "BTXH"),
                        (household.no_labour_capacity, "không có khả năng LĐ"),
                        (household.is_woman_head, "chủ hộ nữ")):
        if flag:
            traits.append(label)
    return ", ".join(traits)


def household_rows(households, *, year: int, sensitive_units: set[int], full_ids: set[int]) -> Iterator[list]:
    """One row per household, IDs masked outside ``full_ids``, sensitive cells only in ``sensitive_units``."""
    sensitive_any = bool(sensitive_units)
    for number, household in enumerate(households.iterator(chunk_size=2000), start=1):
        klass: Classification | None = household.year_class[0] if household.year_class else None
        sensitive = household.commune_id in sensitive_units
        id_text = household.id_number if household.commune_id in full_ids else household.masked_id
        row = [number, household.code, household.head_name, household.get_gender_display(), household.birth_year]
        if sensitive_any:
            row.append(household.ethnic_group.name if sensitive and household.ethnic_group else "")
        village = household.village_unit.name if household.village_unit_id else household.village
        row += [id_text, village, household.commune.name, household.members,
                klass.get_household_class_display() if klass else "", year if klass else ""]
        if sensitive_any:
            income = klass.income_per_person if klass and sensitive else None
            deprived = set(klass.deprivations) if klass and sensitive else set()
            row += [income] + [n in deprived for n in range(1, DEPRIVATION_COUNT + 1)]
        row += [_traits(household, sensitive), ""]
        yield row


def _flat_header(sensitive_any: bool) -> list[str]:
    """The two header rows as one (csv has no merged cells): «Chỉ số thiếu hụt 1» … «12»."""
    (top, *sub), _, _ = _columns(sensitive_any)
    if not sub:
        return top
    return [f"{label} {number}" if number else label for label, number in zip(top, sub[0], strict=True)]


def _prepared(households, *, filters, user):
    """(count, households with their class of the year, sensitive units, watermark lines, time)."""
    from django.db.models import Prefetch

    count = households.count()
    households = households[:MAX_ROWS].prefetch_related(Prefetch(
        "classifications", queryset=Classification.objects.filter(year=filters.year), to_attr="year_class"))
    now = timezone.localtime()
    title = [f"DANH SÁCH HỘ GIA ĐÌNH NĂM {filters.year}",
             f"Xuất bởi {person(user)} ({user.username}) lúc {now:%H:%M ngày %d/%m/%Y}. "
             "Dữ liệu cá nhân: chỉ dùng cho công tác giảm nghèo, không chia sẻ."]
    return count, households, sensitive_unit_ids(user), title, now


def _logged(user, request, *, count, filters, full_ids, sensitive_units, kind: str) -> None:
    record(user, Action.EXPORT, None, object_type="households.Household", request=request,
           description=f"Xuất danh sách {count} hộ ra {kind}",
           changes={"rows": count, "year": filters.year, "query": filters.q, "format": kind.lower(),
                    "full_ids": bool(full_ids), "sensitive": bool(sensitive_units)})


def household_list_xlsx(households, *, filters, user, request=None, full_ids: set[int]) -> Download | None:
    """The filtered list as .xlsx (formula-safe, watermarked with who and when); the export is logged."""
    count, households, sensitive_units, title, now = _prepared(households, filters=filters, user=user)
    if not count:
        return None
    headers, _, merges = _columns(bool(sensitive_units))
    content = write_table(sheet_name="Danh sách hộ", title_lines=title, header_rows=headers,
                          rows=household_rows(households, year=filters.year, sensitive_units=sensitive_units,
                                              full_ids=full_ids),
                          widths={2: 28, 6: 16, 7: 20, 8: 20}, merges=merges)
    _logged(user, request, count=count, filters=filters, full_ids=full_ids, sensitive_units=sensitive_units,
            kind="Excel")
    return Download(f"danh-sach-ho-{filters.year}-{now:%Y%m%d-%H%M}.xlsx", XLSX, content)


def household_list_csv(households, *, filters, user, request=None, full_ids: set[int]) -> Download | None:
    """The same list, columns and masking as the .xlsx, as UTF-8 csv with a BOM; formula-looking
    text is neutralised (households.sheets.csv_cell); the export is logged."""
    count, households, sensitive_units, title, now = _prepared(households, filters=filters, user=user)
    if not count:
        return None
    content = write_csv(title_lines=title, header=_flat_header(bool(sensitive_units)),
                        rows=household_rows(households, year=filters.year, sensitive_units=sensitive_units,
                                            full_ids=full_ids))
    _logged(user, request, count=count, filters=filters, full_ids=full_ids, sensitive_units=sensitive_units,
            kind="CSV")
    return Download(f"danh-sach-ho-{filters.year}-{now:%Y%m%d-%H%M}.csv", CSV, content)
