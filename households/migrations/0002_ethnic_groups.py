"""The 54 ethnic groups with their GSO codes and the spellings commune lists use.

Codes and order: Danh mục các thành phần dân tộc Việt Nam, QĐ 121-TCTK/PPCĐ (02/3/1979), the
order in which the 2019 census tables still list the groups; names as those tables spell them.
"""

import datetime

from django.db import migrations

GROUPS = [
    ("01", "Kinh", ["Việt", "Kinh (Việt)"]),
    ("02", "Tày", []),
    ("03", "Thái", []),
    ("04", "Hoa", ["Hán", "Hoa (Hán)"]),
    ("05", "Khơ-me", ["Khmer", "Khơ me", "Khơ-me Krôm"]),
    ("06", "Mường", []),
    ("07", "Nùng", []),
    ("08", "Mông", ["H'Mông", "Hmông", "HMông", "Hmong", "H'mong", "Mông (H'Mông)"]),
    ("09", "Dao", []),
    ("10", "Gia-rai", ["Jrai", "Giơ-rai", "Gia Lai"]),
    ("11", "Ngái", []),
    ("12", "Ê-đê", ["Ê Đê", "Ra-đê", "Rhađê"]),
    ("13", "Ba-na", ["Bahnar", "Ba Na"]),
    ("14", "Xơ-đăng", ["Xê-đăng", "Sedang", "Xơ Đăng"]),
    ("15", "Sán Chay", ["Cao Lan", "Sán Chỉ", "Cao Lan-Sán Chỉ"]),
    ("16", "Cơ-ho", ["K'Ho", "Kơ Ho", "Koho"]),
    ("17", "Chăm", ["Chàm"]),
    ("18", "Sán Dìu", []),
    ("19", "Hrê", ["H'rê"]),
    ("20", "Mnông", ["M'Nông", "Mơ Nông"]),
    ("21", "Ra-glai", ["Raglai", "Ra Glay"]),
    ("22", "Xtiêng", ["Stiêng", "X'tiêng"]),
    ("23", "Bru-Vân Kiều", ["Vân Kiều", "Bru"]),
    ("24", "Thổ", []),
    ("25", "Giáy", []),
    ("26", "Cơ-tu", ["Katu", "Ca Tu"]),
    ("27", "Gié-Triêng", ["Giẻ-Triêng", "Giẻ Triêng", "Gié Triêng", "Triêng", "Giẻ"]),
    ("28", "Mạ", []),
    ("29", "Khơ-mú", ["Khơ Mú", "Khmú"]),
    ("30", "Co", ["Cor"]),
    ("31", "Tà-ôi", ["Ta-ôi", "Tà Ôi", "Pa Kô"]),
    ("32", "Chơ-ro", []),
    ("33", "Kháng", []),
    ("34", "Xinh-mun", []),
    ("35", "Hà Nhì", []),
    ("36", "Chu-ru", []),
    ("37", "Lào", []),
    ("38", "La Chí", ["La Chi"]),
    ("39", "La Ha", []),
    ("40", "Phù Lá", []),
    ("41", "La Hủ", []),
    ("42", "Lự", []),
    ("43", "Lô Lô", []),
    ("44", "Chứt", []),
    ("45", "Mảng", []),
    ("46", "Pà Thẻn", []),
    ("47", "Cơ Lao", ["Cờ Lao", "Co Lao"]),
    ("48", "Cống", []),
    ("49", "Bố Y", []),
    ("50", "Si La", []),
    ("51", "Pu Péo", []),
    ("52", "Brâu", []),
    ("53", "Ơ Đu", []),
    ("54", "Rơ-măm", ["Rơ Măm"]),
]
LIST_DATE = datetime.date(1979, 3, 2)


def load(apps, schema_editor):
    EthnicGroup = apps.get_model("households", "EthnicGroup")
    for code, name, other_names in GROUPS:
        EthnicGroup.objects.update_or_create(
            code=code, defaults={"name": name, "other_names": other_names, "valid_from": LIST_DATE}
        )


def unload(apps, schema_editor):
    apps.get_model("households", "EthnicGroup").objects.filter(
        code__in=[code for code, _, _ in GROUPS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("households", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
