"""The legal bases of the period after the 2025 reform as library rows with validity dates
(domain.md §2.2, §4.3, §5.2), marked as the default bases of new commune and province plans,
and the end of validity of the 2021–2025 documents already in the library."""

import datetime

from django.db import migrations

D = datetime.date
BOTH = ["commune", "province"]
PROGRAMME = ("Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững và phát "
             "triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2026 - 2035")

# kind, doc_type, number, date, issuer, title, valid_from, valid_to, levels, kinds, order
CURRENT = [
    ("law", "Luật", "", None, "", "Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
     D(2025, 6, 16), None, BOTH, [], 0),
    ("legal", "Nghị quyết", "257/2025/QH15", D(2025, 12, 11), "Quốc hội",
     f"phê duyệt chủ trương đầu tư {PROGRAMME}", D(2025, 12, 11), D(2035, 12, 31), BOTH, [], 1),
    ("state", "Nghị quyết", "424/NQ-CP", D(2025, 12, 30), "Chính phủ",
     "ban hành Kế hoạch triển khai thực hiện Nghị quyết số 257/2025/QH15 của Quốc hội",
     D(2025, 12, 30), D(2035, 12, 31), BOTH, [], 2),
    ("legal", "Nghị định", "358/2025/NĐ-CP", D(2025, 12, 31), "Chính phủ",
     "quy định cơ chế quản lý, tổ chức thực hiện các chương trình mục tiêu quốc gia",
     D(2025, 12, 31), None, BOTH, [], 3),
    ("state", "Quyết định", "417/QĐ-BNNMT", D(2026, 1, 31), "Bộ trưởng Bộ Nông nghiệp và Môi trường",
     f"phê duyệt {PROGRAMME}, giai đoạn I từ năm 2026 đến năm 2030",
     D(2026, 1, 31), D(2030, 12, 31), BOTH, [], 4),
    ("legal", "Nghị định", "351/2025/NĐ-CP", D(2025, 12, 30), "Chính phủ",
     "quy định chuẩn nghèo đa chiều giai đoạn 2026 - 2030", D(2025, 12, 30), D(2030, 12, 31),
     BOTH, ["household_review"], 5),
    ("legal", "Thông tư", "13/2025/TT-BNNMT", D(2025, 6, 19), "Bộ trưởng Bộ Nông nghiệp và Môi trường",
     "quy định phân định thẩm quyền quản lý nhà nước về giảm nghèo của chính quyền địa phương hai cấp",
     D(2025, 7, 1), None, BOTH, ["household_review"], 6),
    ("legal", "Quyết định", "25/2025/QĐ-TTg", D(2025, 7, 22), "Thủ tướng Chính phủ",
     "về cơ sở dữ liệu và hệ thống báo cáo trực tuyến theo dõi, đánh giá các chương trình mục "
     "tiêu quốc gia", D(2025, 9, 15), None, [], [], 0),
]

# (doc_type, number or law title, valid_to) of the earlier period's documents, when present.
ENDED = [
    ("Nghị quyết", "24/2021/QH15", D(2025, 12, 31)),
    ("Quyết định", "90/QĐ-TTg", D(2025, 12, 31)),
    ("Thông tư", "06/2022/TT-BTTTT", D(2025, 12, 31)),
    ("Nghị định", "07/2021/NĐ-CP", D(2026, 12, 31)),
    ("Luật", "Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", D(2025, 6, 15)),
]


def load(apps, schema_editor):
    CitedDocument = apps.get_model("plans", "CitedDocument")
    for kind, doc_type, number, date, issuer, title, start, end, levels, kinds, order in CURRENT:
        lookup = {"doc_type": doc_type, "number": number} if number else {"doc_type": doc_type,
                                                                          "title": title}
        CitedDocument.objects.update_or_create(**lookup, defaults=dict(
            kind=kind, date=date, issuer=issuer, title=title, valid_from=start, valid_to=end,
            default_levels=levels, default_kinds=kinds, default_order=order))
    for doc_type, key, end in ENDED:
        rows = CitedDocument.objects.filter(doc_type=doc_type)
        rows = rows.filter(title=key) if doc_type == "Luật" else rows.filter(number=key)
        rows.filter(valid_to__isnull=True).update(valid_to=end)


def unload(apps, schema_editor):
    CitedDocument = apps.get_model("plans", "CitedDocument")
    for _, doc_type, number, *_rest in CURRENT:
        if number:
            CitedDocument.objects.filter(doc_type=doc_type, number=number, plans__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0009_cited_document_validity_defaults_review_kind")]
    operations = [migrations.RunPython(load, unload)]
