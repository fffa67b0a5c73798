"""The merged programme 2026–2035 as data (domain.md §2.2): its phase I (2026–2030, Quyết
định 417/QĐ-BNNMT) with the two components as published (working names, not yet checked against
the decision: marked unverified, editable by the administrator), the contents the app's
activities are paid from (the cross-cutting mechanisms of Nghị định 358/2025/NĐ-CP), and the
funding sources named in full (domain.md §3.3). The 2021–2025 components end with their programme.
"""

import datetime

from django.db import migrations

D = datetime.date
PHASE_I = (D(2026, 1, 1), D(2030, 12, 31))
SOURCE = ("Tên theo tin đã công bố về Nghị quyết 257/2025/QH15 và Quyết định 417/QĐ-BNNMT "
          "(vietnamnet.vn, vov2.vov.vn); chưa đối chiếu văn bản gốc.")
COMPONENTS = [
    ("HP1", "Xây dựng nông thôn mới và giảm nghèo bền vững", [
        # Worded unlike the 2021–2025 sub-projects, so a sheet named after one is never
        # taken for the other (budgets.imports.matching matches names by their start).
        ("TT", "Thông tin, truyền thông về giảm nghèo bền vững"),
        ("NL", "Đào tạo, bồi dưỡng, nâng cao năng lực thực hiện Chương trình"),
        ("GS", "Kiểm tra, giám sát, đánh giá, báo cáo; rà soát hộ nghèo, hộ cận nghèo"),
    ]),
    ("HP2", "Phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi", []),
]
CONTENT_NOTE = ("Nội dung xuyên suốt theo Nghị định 358/2025/NĐ-CP; danh mục nội dung chi tiết "
                "của hợp phần chưa được công bố.")
NAMES = {
    "NSTW_SN": "Ngân sách trung ương – vốn sự nghiệp (kinh phí thường xuyên)",
    "NSTW_DTPT": "Ngân sách trung ương – vốn đầu tư phát triển",
    "NSDP": "Ngân sách địa phương (vốn đối ứng hoặc vốn tự cân đối của địa phương)",
    "LONG_GHEP": "Vốn lồng ghép từ các chương trình, dự án khác",
    "HUY_DONG": "Vốn huy động hợp pháp khác (doanh nghiệp, cộng đồng, nhà tài trợ)",
    "TIN_DUNG": "Vốn tín dụng chính sách (Ngân hàng Chính sách xã hội)",
}


def load(apps, schema_editor):
    Program = apps.get_model("budgets", "Program")
    Component = apps.get_model("budgets", "Component")
    SubProject = apps.get_model("budgets", "SubProject")
    FundingSource = apps.get_model("budgets", "FundingSource")
    old = Program.objects.filter(code="GNBV-2021-2025").first()
    if old is not None:
        Component.objects.filter(program=old, valid_to__isnull=True).update(
            valid_from=old.valid_from, valid_to=old.valid_to)
    program = Program.objects.filter(code="MTQG-2026-2035").first()
    if program is not None:
        program.legal_basis = "Nghị quyết 257/2025/QH15; Quyết định 417/QĐ-BNNMT (giai đoạn I)"
        program.save(update_fields=["legal_basis"])
        for order, (code, name, contents) in enumerate(COMPONENTS, start=1):
            component, _ = Component.objects.get_or_create(program=program, code=code, defaults=dict(
                name=name, order=order, valid_from=PHASE_I[0], valid_to=PHASE_I[1],
                verified=False, note=SOURCE + (" " + CONTENT_NOTE if contents else "")))
            for sub_order, (short, sub_name) in enumerate(contents, start=1):
                SubProject.objects.get_or_create(component=component, code=f"{code}-{short}", defaults=dict(
                    short_code=short, name=sub_name, order=sub_order, valid_from=PHASE_I[0],
                    valid_to=PHASE_I[1], verified=False))
    for code, name in NAMES.items():
        FundingSource.objects.filter(code=code).update(name=name)


class Migration(migrations.Migration):
    dependencies = [("budgets", "0009_catalog_validity_and_checks")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
