"""Demo budgets: seed 000's allocation and its 132.000.000 đồng estimate for three dialogues.

Idempotent: an object that exists is left as it is. Needs the administrative units loaded.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from areas.demo import UNITS, MissingUnits
from areas.models import AdminUnit
from budgets.models import (
    Allocation,
    AllocationDecision,
    Disbursement,
    Estimate,
    EstimateGroup,
    EstimateLine,
    FundingSource,
    Norm,
    Severity,
    SubProject,
)
from budgets.models.estimates import line_amount

TT40 = "Thông tư 40/2017/TT-BTC, Điều 12 khoản 4"
TT40_START = datetime.date(2017, 7, 1)
# (code, name, unit of measure, amount, severity, illustrative, legal basis)
NORMS = [
    ("AN_XA", "Hỗ trợ tiền ăn đại biểu không hưởng lương – hội nghị do cấp xã tổ chức", "người/ngày",
     100_000, Severity.ERROR, False, TT40),
    ("AN_HUYEN", "Hỗ trợ tiền ăn đại biểu không hưởng lương – hội nghị ở huyện, thị xã", "người/ngày",
     150_000, Severity.ERROR, False, TT40),
    ("AN_DO_THI", "Hỗ trợ tiền ăn đại biểu không hưởng lương – hội nghị ở quận nội thành thành phố "
     "trực thuộc trung ương", "người/ngày", 200_000, Severity.ERROR, False, TT40),
    ("NUOC_UONG", "Nước uống đại biểu (2 buổi)", "người/ngày", 40_000, Severity.WARNING, True,
     "Mức minh hoạ, chưa đối chiếu nghị quyết HĐND tỉnh"),
]
COMMUNES = ["Đan Thượng", "Yên Kỳ", "Xuân Áng"]
# (content, unit, quantity, days, unit price, note, norm code); 44.000.000 đồng per conference
LINES = [
    ("Hỗ trợ tiền ăn đại biểu không hưởng lương", "người", 100, 1, 150_000, TT40, "AN_HUYEN"),
    ("Nước uống đại biểu", "người", 120, 1, 40_000, "Mức minh hoạ", "NUOC_UONG"),
    ("Tài liệu, văn phòng phẩm", "bộ", 120, None, 50_000, "Theo báo giá", None),
    ("Thuê hội trường, âm thanh, khánh tiết", "gói", 1, 1, 8_000_000, "Theo hợp đồng", None),
    ("Hỗ trợ tiền đi lại đại biểu không hưởng lương", "người", 100, 1, 50_000, "Theo quy định của tỉnh", None),
    ("Bồi dưỡng báo cáo viên", "người", 2, 1, 1_000_000, "Mức minh hoạ", None),
    ("In pano, băng rôn hội nghị", "bộ", 1, None, 3_200_000, "Theo báo giá", None),
]
ESTIMATE_TITLE = "Dự toán kinh phí tổ chức Hội nghị đối thoại chính sách giảm nghèo năm 2023"
# 2027, a commune of the two-tier government: two dialogues it organises itself (meal support
# at the commune rate), paid from the merged programme's communication content.
ESTIMATE_2027_TITLE = "Dự toán kinh phí tổ chức Hội nghị đối thoại chính sách giảm nghèo năm 2027"
LINES_2027 = [
    ("Hỗ trợ tiền ăn đại biểu không hưởng lương", "người", 60, 1, 100_000, TT40, "AN_XA"),
    ("Nước uống đại biểu", "người", 70, 1, 40_000, "Mức minh hoạ", "NUOC_UONG"),
    ("Tài liệu, văn phòng phẩm", "bộ", 70, None, 30_000, "Theo báo giá", None),
    ("Thuê âm thanh, khánh tiết", "gói", 1, 1, 3_000_000, "Theo hợp đồng", None),
]
GROUPS_2027 = [("Hội nghị đối thoại quý II/2027", "NSTW_SN"), ("Hội nghị đối thoại quý III/2027", "NSDP")]


def _unit(key: str) -> AdminUnit:
    level, code, valid_to = UNITS[key]
    unit = AdminUnit.objects.filter(level=level, code=code, valid_to=valid_to).first()
    if unit is None:
        raise MissingUnits(f"Chưa có đơn vị mã {code}; hãy chạy «manage.py load_areas» trước.")
    return unit


def _norms(province: AdminUnit) -> dict[str, Norm]:
    norms = {}
    for code, name, uom, amount, severity, illustrative, basis in NORMS:
        norms[code], _ = Norm.objects.get_or_create(
            province=province, code=code, valid_from=TT40_START,
            defaults=dict(name=name, unit_of_measure=uom, amount=amount, severity=severity,
                          illustrative=illustrative, legal_basis=basis))
    return norms


def _allocation(district: AdminUnit, tda2: SubProject, source: FundingSource) -> None:
    decision, _ = AllocationDecision.objects.get_or_create(
        unit=district, number="1096/QĐ-UBND", date=datetime.date(2023, 5, 12),
        defaults=dict(issuer="UBND huyện Hạ Hoà", title="Phân bổ chi tiết vốn ngân sách trung ương "
                      "thực hiện Chương trình mục tiêu quốc gia năm 2023"))
    Allocation.objects.get_or_create(decision=decision, unit=district, year=2023, sub_project=tda2,
                                     funding_source=source, defaults=dict(amount=150_000_000))


def _estimate(district, tda2, source, norms) -> Estimate:
    estimate, created = Estimate.objects.get_or_create(
        unit=district, year=2023, title=ESTIMATE_TITLE, defaults=dict(sub_project=tda2))
    if not created:
        return estimate
    for order, commune in enumerate(COMMUNES, start=1):
        group = EstimateGroup.objects.create(estimate=estimate, order=order,
                                             title=f"Hội nghị đối thoại tại xã {commune}")
        for number, (content, uom, qty, days, price, note, norm) in enumerate(LINES, start=1):
            days_value = None if days is None else Decimal(days)
            EstimateLine.objects.create(
                estimate=estimate, group=group, order=number, content=content, unit_of_measure=uom,
                quantity=Decimal(qty), days=days_value, unit_price=price, note=note,
                funding_source=source, norm=norms.get(norm),
                amount=line_amount(Decimal(qty), days_value, price))
    first = estimate.lines.filter(group__order=1)
    for content, day, voucher, amount in [
        ("Hỗ trợ tiền ăn đại biểu không hưởng lương", 20, "PC-045", 15_000_000),
        ("Thuê hội trường, âm thanh, khánh tiết", 20, "PC-046", 8_000_000),
        ("Tài liệu, văn phòng phẩm", 18, "PC-041", 6_000_000),
    ]:
        Disbursement.objects.create(line=first.get(content=content), date=datetime.date(2023, 6, day),
                                    voucher_number=voucher, amount=amount)
    return estimate


def _estimate_2027(commune: AdminUnit) -> Estimate:
    content = SubProject.objects.get(code="HP1-TT")
    estimate, created = Estimate.objects.get_or_create(
        unit=commune, year=2027, title=ESTIMATE_2027_TITLE, defaults=dict(sub_project=content))
    if not created:
        return estimate
    norms = _norms(commune.parent)
    for order, (title, source) in enumerate(GROUPS_2027, start=1):
        group = EstimateGroup.objects.create(estimate=estimate, order=order, title=title)
        for number, (text, uom, qty, days, price, note, norm) in enumerate(LINES_2027, start=1):
            days_value = None if days is None else Decimal(days)
            EstimateLine.objects.create(
                estimate=estimate, group=group, order=number, content=text, unit_of_measure=uom,
                quantity=Decimal(qty), days=days_value, unit_price=price, note=note,
                funding_source=FundingSource.objects.get(code=source), norm=norms.get(norm),
                amount=line_amount(Decimal(qty), days_value, price))
    return estimate


@transaction.atomic
def load_demo_budgets() -> Estimate:
    """Create seed 000's norms, allocation, estimate and disbursements if they do not exist."""
    district = _unit("ha_hoa_district")
    tda2 = SubProject.objects.get(code="DA6-TDA2")
    source = FundingSource.objects.get(code="NSTW_SN")
    norms = _norms(district.parent)
    _allocation(district, tda2, source)
    _estimate_2027(_unit("ha_hoa_commune"))
    return _estimate(district, tda2, source, norms)
