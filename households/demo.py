"""Invented demo households for the three demo communes (seeded random, idempotent).

Names, codes and ID numbers are made up; ID numbers follow the structure rules but use the
province code of the commune and a random tail, so they may not belong to anyone real.
"""

import datetime
import random

from django.db import transaction

from areas.demo import UNITS, MissingUnits
from areas.models import AdminUnit
from households.classify import refresh_computed
from households.models import Classification, EthnicGroup, Household, HouseholdClass
from vntext import search_key

SEED = 2024
YEAR = 2025
COMMUNES = {
    # key in areas.demo.UNITS: (code prefix, pre-2025 province code for ID numbers, villages, ethnic mix)
    "ha_hoa_commune": ("HH", "25", ["Thôn Đồng Xuân", "Thôn Cả", "Thôn Ngòi Lao", "Thôn Đá Bạc", "Thôn Chiêu Ứng"],
                       [("01", 70), ("06", 20), ("09", 10)]),
    "hung_nguyen_commune": ("HN", "40", ["Xóm 1", "Xóm 2", "Xóm 3", "Xóm 4", "Xóm 5", "Xóm 6"], [("01", 100)]),
    "sa_loong_new": ("SL", "62", ["Thôn Đăk Ba", "Thôn Đăk Răng", "Thôn Giang Lố 1", "Thôn Giang Lố 2",
                                  "Thôn Ngọc Hiệp"], [("27", 55), ("14", 20), ("01", 25)]),
}
PER_COMMUNE = 120
SURNAMES = {
    "01": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"],
    "06": ["Đinh", "Bùi", "Hà", "Quách", "Xa"], "09": ["Bàn", "Triệu", "Đặng", "Lý"],
    "27": ["A", "Y"], "14": ["A", "Y"],
}
MIDDLE = {"M": ["Văn", "Đức", "Hữu", "Công"], "F": ["Thị", "Thu", "Ngọc"]}
GIVEN = {"M": ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Lâm", "Minh", "Nam", "Sơn", "Thắng", "Tuấn"],
         "F": ["Hoa", "Hòa", "Lan", "Liên", "Mai", "Nga", "Thủy", "Trang", "Vân", "Yến", "Hương"]}
HIGHLAND_GIVEN = {"M": ["Blúp", "Đình", "Khanh", "Bưu", "Thiên", "Rin"], "F": ["Bích", "Nhung", "Hiền", "Dơn", "Lê"]}
CLASSES = [(HouseholdClass.POOR, 35), (HouseholdClass.NEAR_POOR, 35), (HouseholdClass.NEWLY_ESCAPED, 15),
           (HouseholdClass.MIDDLE, 15)]


def _pick(rng, weighted):
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _name(rng, ethnic_code: str, gender: str) -> str:
    surname = rng.choice(SURNAMES[ethnic_code])
    if ethnic_code in ("27", "14"):
        return f"{surname} {rng.choice(HIGHLAND_GIVEN[gender])}"
    return f"{surname} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"


def _id_number(rng, province: str, gender: str, year: int) -> str:
    digit = (0 if year < 2000 else 2) + (1 if gender == "F" else 0)
    return f"0{province}{digit}{year % 100:02d}{rng.randrange(10**6):06d}"


def _classification(rng, household: Household, klass: str) -> Classification:
    deprived = sorted(rng.sample(range(1, 13), rng.choice([0, 1, 2] if klass != HouseholdClass.POOR else [3, 4, 5])))
    income = {HouseholdClass.POOR: 1_100_000, HouseholdClass.NEAR_POOR: 1_350_000,
              HouseholdClass.NEWLY_ESCAPED: 1_900_000, HouseholdClass.MIDDLE: 2_100_000}[klass]
    escaped = datetime.date(YEAR - 1, rng.randint(1, 12), rng.randint(1, 28)) \
        if klass == HouseholdClass.NEWLY_ESCAPED else None
    c = Classification(household=household, year=YEAR, household_class=klass, deprivations=deprived,
                       income_per_person=income + rng.randrange(0, 100_000, 10_000), escaped_on=escaped)
    return refresh_computed(c, urban=False)


@transaction.atomic
def load_demo_households() -> int:
    """Create the demo households that do not exist yet; returns how many were created."""
    rng = random.Random(SEED)
    created = 0
    for key, (prefix, province, villages, mix) in COMMUNES.items():
        level, code, valid_to = UNITS[key]
        commune = AdminUnit.objects.filter(level=level, code=code, valid_to=valid_to).first()
        if commune is None:
            raise MissingUnits(f"Chưa có đơn vị mã {code}; hãy chạy «manage.py load_areas» trước.")
        existing = set(Household.objects.filter(commune=commune).values_list("code", flat=True))
        groups = {g.code: g for g in EthnicGroup.objects.all()}
        for number in range(1, PER_COMMUNE + 1):
            ethnic, gender = _pick(rng, mix), "F" if rng.random() < 0.3 else "M"
            year = rng.randint(1945, 2000)
            values = dict(head_name=_name(rng, ethnic, gender), gender=gender, birth_year=year,
                          ethnic_group=groups[ethnic], id_number=_id_number(rng, province, gender, year),
                          village=rng.choice(villages), members=rng.randint(1, 8),
                          meritorious=rng.random() < 0.05, social_protection=rng.random() < 0.1,
                          no_labour_capacity=rng.random() < 0.05)
            klass = _pick(rng, CLASSES)
            household_code = f"{prefix}-{number:04d}"
            if household_code in existing:
                continue
            household = Household(commune=commune, code=household_code, recorded_on=datetime.date(YEAR, 12, 15),
                                  search_name=search_key(values["head_name"]), **values)
            household.save()
            _classification(rng, household, klass).save()
            created += 1
    return created
