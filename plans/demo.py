"""Demo plans: the three seed plans reproduced under their issuers, and a library of bases."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction

from areas.models import IssuingBody
from plans.models import CitationKind, CitedDocument, Plan, PlanKind
from plans.seeding import SEED_DIR, SEEDS, create_seed_plan
from plans.services import create_plan, update_header

D = datetime.date
LIBRARY = [
    (CitationKind.LEGAL, "Nghị quyết", "24/2021/QH15", D(2021, 7, 28), "Quốc hội",
     "phê duyệt chủ trương đầu tư Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025"),
    (CitationKind.STATE, "Quyết định", "90/QĐ-TTg", D(2022, 1, 18), "Thủ tướng Chính phủ",
     "phê duyệt Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025"),
    (CitationKind.LEGAL, "Nghị định", "07/2021/NĐ-CP", D(2021, 1, 27), "Chính phủ",
     "quy định chuẩn nghèo đa chiều giai đoạn 2021-2025"),
    (CitationKind.LEGAL, "Thông tư", "06/2022/TT-BTTTT", D(2022, 6, 30),
     "Bộ trưởng Bộ Thông tin và Truyền thông",
     "hướng dẫn thực hiện Dự án Truyền thông và giảm nghèo về thông tin thuộc Chương trình mục "
     "tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025"),
    (CitationKind.LEGAL, "Thông tư", "55/2023/TT-BTC", D(2023, 8, 15), "Bộ trưởng Bộ Tài chính",
     "quy định quản lý, sử dụng và quyết toán kinh phí sự nghiệp từ nguồn ngân sách nhà nước "
     "thực hiện các Chương trình mục tiêu quốc gia giai đoạn 2021-2025"),
    (CitationKind.PARTY, "Chỉ thị", "05-CT/TW", D(2021, 6, 23), "Ban Bí thư Trung ương Đảng khóa XIII",
     "về tăng cường sự lãnh đạo của Đảng đối với công tác giảm nghèo bền vững đến năm 2030"),
    (CitationKind.PARTY, "Quyết định", "1408-QĐ/TU", D(2014, 9, 25), "Ban Thường vụ Tỉnh ủy Kon Tum",
     "về ban hành Quy chế tiếp xúc, đối thoại trực tiếp giữa bí thư các cấp ủy, tổ chức đảng, "
     "người đứng đầu chính quyền các cấp với nhân dân trên địa bàn tỉnh"),
    (CitationKind.STATE, "Quyết định", "1096/QĐ-UBND", D(2023, 5, 12), "UBND huyện Hạ Hoà",
     "về việc phân bổ chi tiết vốn ngân sách trung ương thực hiện Chương trình mục tiêu quốc gia năm 2023"),
    (CitationKind.STATE, "Kế hoạch", "277/KH-UBND", D(2022, 4, 27), "UBND tỉnh Nghệ An",
     "thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững trên địa bàn tỉnh Nghệ An giai đoạn 2021-2025"),
    (CitationKind.STATE, "Kế hoạch", "232/KH-UBND", D(2023, 5, 23), "UBND huyện Hưng Nguyên",
     "thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững trên địa bàn huyện Hưng Nguyên năm 2023"),
    (CitationKind.STATE, "Kế hoạch", "518/KH-UBND", D(2021, 12, 29), "UBND huyện Hưng Nguyên",
     "thực hiện Chỉ thị số 05-CT/TW ngày 23/6/2021 của Ban Bí thư Trung ương Đảng khóa XIII"),
    (CitationKind.LAW, "Luật", "", None, "", "Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"),
]
# The end of validity of the 2021–2025 documents (the current period's are loaded by migration).
ENDED = {"24/2021/QH15": D(2025, 12, 31), "90/QĐ-TTg": D(2025, 12, 31),
         "06/2022/TT-BTTTT": D(2025, 12, 31), "07/2021/NĐ-CP": D(2026, 12, 31),
         "Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015": D(2025, 6, 15)}
# The 2027 season under the two-tier government: (issuing body, kind, author, signer).
NEW_ERA = [
    ("UBND xã Hạ Hòa", PlanKind.DIALOGUE_CONFERENCES, "kehoach", "Hà Văn Minh"),
    ("UBND xã Hạ Hòa", PlanKind.HOUSEHOLD_REVIEW, "kehoach", "Hà Văn Minh"),
    ("UBND tỉnh Phú Thọ", PlanKind.DA6_COMMUNICATION, "quantri", "Lê Thị Hồng Vân"),
]


def _library() -> None:
    for kind, doc_type, number, date, issuer, title in LIBRARY:
        lookup = {"doc_type": doc_type, "number": number} if number else {"title": title}
        CitedDocument.objects.get_or_create(
            **lookup, defaults={"kind": kind, "date": date, "issuer": issuer, "title": title,
                                "doc_type": doc_type, "number": number,
                                "valid_to": ENDED.get(number or title)})


def _link_estimate(plan: Plan) -> None:
    if not apps.is_installed("budgets"):
        return
    from budgets.models import Estimate

    estimate = Estimate.objects.filter(unit=plan.unit, year=plan.year).order_by("pk").first()
    if estimate is not None and plan.estimate_id is None:
        plan.estimate = estimate
        plan.save(update_fields=["estimate"])


def _new_era_plans() -> list[str]:
    """2027 drafts in today's wording: a commune's dialogue and review plans, a province's
    communication plan (each once)."""
    users = get_user_model().objects
    created = []
    for body_name, kind, username, signer in NEW_ERA:
        body = IssuingBody.objects.filter(display_name=body_name).active_on(datetime.date(2027, 1, 1)).first()
        if body is None or Plan.objects.filter(issuing_body=body, year=2027, kind=kind).exists():
            continue
        author = users.get(username=username)
        plan = create_plan(kind=kind, issuing_body=body, year=2027, by=author)
        update_header(plan, by=author, signer_name=signer)
        if kind == PlanKind.DIALOGUE_CONFERENCES:  # the estimate of the year pays the dialogues
            _link_estimate(plan)
        created.append(plan.title)
    return created


@transaction.atomic
def load_demo_plans() -> list[str]:
    """Create what is missing: the library of bases, the three seed plans as drafts and the
    2027 drafts of the new era."""
    _library()
    author = get_user_model().objects.get(username="kehoach")
    created = []
    for filename, kind, body_name in SEEDS:
        body = IssuingBody.objects.active_on(datetime.date(2023, 1, 1)).get(display_name=body_name)
        plan = Plan.objects.filter(issuing_body=body, year=2023, kind=kind).first()
        if plan is None:
            plan = create_seed_plan(SEED_DIR / filename, kind=kind, body=body, by=author)
            created.append(plan.title)
        _link_estimate(plan)
    return created + _new_era_plans()
