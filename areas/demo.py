"""Demo data for a first look: the seeds' issuing bodies and one account per role.

Idempotent: running it again changes nothing that exists. Refused in production.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from areas.models import AdminUnit, Assignment, IssuingBody, Role, UnitLevel

DEMO_PASSWORD = "giamngheo-demo-2026"
PRE_REFORM_END = datetime.date(2025, 6, 30)
POST_REFORM_START = datetime.date(2025, 7, 1)

# (key, level, code, valid_to is None) of the units the demo uses.
UNITS = {
    "ha_hoa_district": (UnitLevel.DISTRICT, "231", PRE_REFORM_END),
    "hung_nguyen_district": (UnitLevel.DISTRICT, "431", PRE_REFORM_END),
    "sa_loong_old": (UnitLevel.COMMUNE, "23398", PRE_REFORM_END),
    "ha_hoa_commune": (UnitLevel.COMMUNE, "08053", None),
    "hung_nguyen_commune": (UnitLevel.COMMUNE, "18001", None),
    "sa_loong_new": (UnitLevel.COMMUNE, "23392", None),
    "phu_tho_province": (UnitLevel.PROVINCE, "25", None),
}

BODIES = [
    dict(unit="ha_hoa_district", name="ỦY BAN NHÂN DÂN\nHUYỆN HẠ HÒA", display_name="UBND huyện Hạ Hoà",
         abbreviation="UBND", place_name="Hạ Hoà", valid_to=PRE_REFORM_END),
    dict(unit="ha_hoa_district", parent_name="UBND HUYỆN HẠ HÒA",
         name="PHÒNG LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI", display_name="Phòng LĐTBXH huyện Hạ Hoà",
         abbreviation="LĐTBXH", place_name="Hạ Hoà", is_collective=False, collective_name="",
         head_title="TRƯỞNG PHÒNG", deputy_title="PHÓ TRƯỞNG PHÒNG",
         valid_to=datetime.date(2025, 2, 28)),
    dict(unit="hung_nguyen_district", name="ỦY BAN NHÂN DÂN\nHUYỆN HƯNG NGUYÊN",
         display_name="UBND huyện Hưng Nguyên", abbreviation="UBND", place_name="Hưng Nguyên",
         valid_to=PRE_REFORM_END),
    dict(unit="sa_loong_old", name="ỦY BAN NHÂN DÂN\nXÃ SA LOONG", display_name="UBND xã Sa Loong",
         abbreviation="UBND", place_name="Sa Loong", valid_to=PRE_REFORM_END),
    dict(unit="ha_hoa_commune", name="ỦY BAN NHÂN DÂN\nXÃ HẠ HÒA", display_name="UBND xã Hạ Hòa",
         abbreviation="UBND", place_name="Hạ Hòa", valid_from=POST_REFORM_START),
    dict(unit="hung_nguyen_commune", name="ỦY BAN NHÂN DÂN\nXÃ HƯNG NGUYÊN",
         display_name="UBND xã Hưng Nguyên", abbreviation="UBND", place_name="Hưng Nguyên",
         valid_from=POST_REFORM_START),
    dict(unit="sa_loong_new", name="ỦY BAN NHÂN DÂN\nXÃ SA LOONG", display_name="UBND xã Sa Loong",
         abbreviation="UBND", place_name="Sa Loong", valid_from=POST_REFORM_START),
    # The province after the reform: its People's Committee and the department now in charge
    # of poverty reduction (domain.md §5.2).
    dict(unit="phu_tho_province", name="ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ", display_name="UBND tỉnh Phú Thọ",
         abbreviation="UBND", place_name="Phú Thọ", valid_from=POST_REFORM_START),
    dict(unit="phu_tho_province", parent_name="UBND TỈNH PHÚ THỌ", name="SỞ NÔNG NGHIỆP\nVÀ MÔI TRƯỜNG",
         display_name="Sở Nông nghiệp và Môi trường tỉnh Phú Thọ", abbreviation="SNNMT",
         place_name="Phú Thọ", is_collective=False, collective_name="", head_title="GIÁM ĐỐC",
         deputy_title="PHÓ GIÁM ĐỐC", valid_from=POST_REFORM_START),
]

# username, full name, role, units (keys of UNITS; new units, since old ones take no assignments)
ACCOUNTS = [
    ("kehoach", "Nguyễn Thị Lan", Role.PLANNER, ["ha_hoa_commune", "hung_nguyen_commune", "sa_loong_new"]),
    ("canboxa", "Y Hơ Niê", Role.COMMUNE_STAFF, ["sa_loong_new"]),
    ("taichinh", "Trần Văn Minh", Role.FINANCE, ["ha_hoa_commune"]),
    ("lanhdao", "Ngô Anh Vũ", Role.LEADER, ["ha_hoa_commune", "hung_nguyen_commune", "sa_loong_new"]),
    ("quantri", "Lê Quản Trị", Role.ADMIN, ["ha_hoa_commune"]),
]


class MissingUnits(Exception):
    """The administrative units are not loaded yet (run load_areas first)."""


def _units() -> dict[str, AdminUnit]:
    found = {}
    for key, (level, code, valid_to) in UNITS.items():
        unit = AdminUnit.objects.filter(level=level, code=code, valid_to=valid_to).first()
        if unit is None:
            raise MissingUnits(f"Chưa có đơn vị mã {code}; hãy chạy «manage.py load_areas» trước.")
        found[key] = unit
    return found


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    """Create the demo bodies and accounts that do not exist; return (username, password, role)."""
    units = _units()
    for spec in BODIES:
        spec = dict(spec)
        unit = units[spec.pop("unit")]
        bodies = IssuingBody.objects.filter(unit=unit, name=spec["name"], parent_name=spec.get("parent_name", ""))
        if not bodies.exists():
            body = IssuingBody(unit=unit, **spec)
            body.full_clean()
            body.save()
        else:  # a demo of an earlier version: the name its documents print, as the data now gives it
            bodies.exclude(display_name=spec["display_name"]).update(display_name=spec["display_name"])
    User = get_user_model()
    accounts = []
    for username, full_name, role, unit_keys in ACCOUNTS:
        last, first = full_name.split(" ", 1)[0], full_name.split(" ", 1)[1]
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.ADMIN
            user.is_superuser = role == Role.ADMIN
            user.save()
        for key in unit_keys:
            Assignment.objects.get_or_create(user=user, unit=units[key], role=role)
        accounts.append((username, DEMO_PASSWORD, role.label))
    return accounts
