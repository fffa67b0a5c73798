"""Poverty standards as data: ND 07/2021/NĐ-CP (2022–2026) and ND 351/2025/NĐ-CP (2027–2030).

ND 351/2025 keeps ND 07/2021 Art. 3 in force for calendar 2026. Its 2027–2030 lines are
2,200,000 đ (rural) and 2,800,000 đ (urban, "khu vực đô thị"); it sets no middle-income band and
its indicator list past the employment dimension was not checked against the decree's text, so
the 12 indicators of ND 07/2021 are carried over and flagged in the note.
"""

import datetime

from django.db import migrations

INDICATORS = [
    ("Việc làm", "Việc làm"),
    ("Việc làm", "Người phụ thuộc trong hộ gia đình"),
    ("Y tế", "Dinh dưỡng"),
    ("Y tế", "Bảo hiểm y tế"),
    ("Giáo dục", "Trình độ giáo dục của người lớn"),
    ("Giáo dục", "Tình trạng đi học của trẻ em"),
    ("Nhà ở", "Chất lượng nhà ở"),
    ("Nhà ở", "Diện tích nhà ở bình quân đầu người"),
    ("Nước sinh hoạt và vệ sinh", "Nguồn nước sinh hoạt"),
    ("Nước sinh hoạt và vệ sinh", "Nhà tiêu hợp vệ sinh"),
    ("Thông tin", "Sử dụng dịch vụ viễn thông"),
    ("Thông tin", "Phương tiện phục vụ tiếp cận thông tin"),
]

STANDARDS = [
    dict(code="ND07-2021", name="Nghị định 07/2021/NĐ-CP (chuẩn nghèo đa chiều 2022–2025, kéo dài hết 2026)",
         rural_line=1_500_000, urban_line=2_000_000, mid_rural=2_250_000, mid_urban=3_000_000,
         valid_from=datetime.date(2022, 1, 1), valid_to=datetime.date(2026, 12, 31),
         note="Nghị định 351/2025/NĐ-CP giữ chuẩn này đến hết ngày 31/12/2026."),
    dict(code="ND351-2025", name="Nghị định 351/2025/NĐ-CP (chuẩn nghèo đa chiều 2027–2030)",
         rural_line=2_200_000, urban_line=2_800_000, mid_rural=None, mid_urban=None,
         valid_from=datetime.date(2027, 1, 1), valid_to=datetime.date(2030, 12, 31),
         note="Chưa quy định mức sống trung bình. Danh mục chỉ số thiếu hụt tạm theo "
              "Nghị định 07/2021/NĐ-CP; cần đối chiếu văn bản gốc."),
]


def load(apps, schema_editor):
    PovertyStandard = apps.get_model("households", "PovertyStandard")
    Indicator = apps.get_model("households", "Indicator")
    for spec in STANDARDS:
        spec = dict(spec)
        standard, _ = PovertyStandard.objects.update_or_create(code=spec.pop("code"), defaults=spec)
        for number, (dimension, name) in enumerate(INDICATORS, start=1):
            Indicator.objects.update_or_create(
                standard=standard, number=number, defaults={"dimension": dimension, "name": name}
            )


def unload(apps, schema_editor):
    apps.get_model("households", "PovertyStandard").objects.filter(
        code__in=[s["code"] for s in STANDARDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("households", "0002_ethnic_groups")]
    operations = [migrations.RunPython(load, unload)]
