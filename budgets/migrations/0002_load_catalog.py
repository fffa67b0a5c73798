"""Load the program catalog: the 2021–2025 program with DA1–DA7 and their sub-projects,
the 2026–2035 merged program as an empty shell, and the six funding sources (domain.md §2, §3.3).
"""

import datetime

from django.db import migrations

D = datetime.date

PROGRAMS = [
    dict(code="GNBV-2021-2025",
         name="Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021 - 2025",
         legal_basis="Quyết định 90/QĐ-TTg", valid_from=D(2021, 1, 1), valid_to=D(2025, 12, 31)),
    dict(code="MTQG-2026-2035",
         name="Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững và "
              "phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi "
              "giai đoạn 2026 - 2035",
         legal_basis="Nghị quyết 257/2025/QH15", valid_from=D(2026, 1, 1), valid_to=D(2035, 12, 31)),
]

# (component code, name, [(short code, name), ...]) of the 2021–2025 program (QĐ 90/QĐ-TTg).
COMPONENTS_2021 = [
    ("DA1", "Hỗ trợ đầu tư phát triển hạ tầng kinh tế - xã hội các huyện nghèo, các xã đặc biệt "
            "khó khăn vùng bãi ngang, ven biển và hải đảo", []),
    ("DA2", "Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo", []),
    ("DA3", "Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng", [
        ("TDA1", "Hỗ trợ phát triển sản xuất trong lĩnh vực nông nghiệp"),
        ("TDA2", "Cải thiện dinh dưỡng"),
    ]),
    ("DA4", "Phát triển giáo dục nghề nghiệp, việc làm bền vững", [
        ("TDA1", "Phát triển giáo dục nghề nghiệp vùng nghèo, vùng khó khăn"),
        ("TDA2", "Hỗ trợ người lao động đi làm việc ở nước ngoài theo hợp đồng"),
        ("TDA3", "Hỗ trợ việc làm bền vững"),
    ]),
    ("DA5", "Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo trên địa bàn các huyện nghèo", []),
    ("DA6", "Truyền thông và giảm nghèo về thông tin", [
        ("TDA1", "Giảm nghèo về thông tin"),
        ("TDA2", "Truyền thông về giảm nghèo đa chiều"),
    ]),
    ("DA7", "Nâng cao năng lực và giám sát, đánh giá Chương trình", [
        ("TDA1", "Nâng cao năng lực thực hiện Chương trình"),
        ("TDA2", "Giám sát, đánh giá"),
    ]),
]

FUNDING_SOURCES = [
    ("NSTW_SN", "Ngân sách trung ương – vốn sự nghiệp (kinh phí thường xuyên)", "NSTW sự nghiệp"),
    ("NSTW_DTPT", "Ngân sách trung ương – vốn đầu tư phát triển", "NSTW đầu tư phát triển"),
    ("NSDP", "Ngân sách địa phương (tỉnh, huyện, xã)", "Ngân sách địa phương"),
    ("LONG_GHEP", "Vốn lồng ghép từ các chương trình, dự án khác", "Vốn lồng ghép"),
    ("HUY_DONG", "Vốn huy động hợp pháp khác (doanh nghiệp, nhà tài trợ, cộng đồng)",
     "Vốn huy động"),
    ("TIN_DUNG", "Vốn tín dụng chính sách (Ngân hàng Chính sách xã hội)", "Vốn tín dụng chính sách"),
]


def load(apps, schema_editor):
    Program = apps.get_model("budgets", "Program")
    Component = apps.get_model("budgets", "Component")
    SubProject = apps.get_model("budgets", "SubProject")
    FundingSource = apps.get_model("budgets", "FundingSource")
    programs = {}
    for spec in PROGRAMS:
        spec = dict(spec)
        code = spec.pop("code")
        programs[code], _ = Program.objects.get_or_create(code=code, defaults=spec)
    program = programs["GNBV-2021-2025"]
    for order, (code, name, subs) in enumerate(COMPONENTS_2021, start=1):
        component, _ = Component.objects.get_or_create(
            program=program, code=code, defaults=dict(name=name, order=order)
        )
        for sub_order, (short, sub_name) in enumerate(subs, start=1):
            SubProject.objects.get_or_create(
                component=component, code=f"{code}-{short}",
                defaults=dict(short_code=short, name=sub_name, order=sub_order,
                              valid_from=program.valid_from, valid_to=program.valid_to),
            )
    for order, (code, name, short) in enumerate(FUNDING_SOURCES, start=1):
        FundingSource.objects.get_or_create(
            code=code, defaults=dict(name=name, short_name=short, order=order)
        )


class Migration(migrations.Migration):
    dependencies = [("budgets", "0001_catalog")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
