"""The class a household's income and deprivations give under a poverty standard.

ND 07/2021/NĐ-CP Art. 3 (2022–2026) and ND 351/2025/NĐ-CP (2027–2030): income at or below the
line with at least ``min_deprivations`` deprived indicators → poor; at or below the line with
fewer → near-poor; above the line and at or below the middle-income band → middle-income.
"""

import datetime

from django.core.exceptions import ValidationError

from households.models import Classification, HouseholdClass, PovertyStandard
from households.models.household import deprived_count

# Recorded classes that agree with "above the poverty line" when the computed class is MIDDLE/OTHER.
ABOVE_LINE = {HouseholdClass.MIDDLE, HouseholdClass.OTHER, HouseholdClass.NEWLY_ESCAPED}


def compute_class(standard: PovertyStandard, *, income: int | None, deprived: int,
                  urban: bool) -> str:
    """The class by the standard, or "" when the income is unknown."""
    if income is None:
        return ""
    line = standard.urban_line if urban else standard.rural_line
    if income <= line:
        return HouseholdClass.POOR if deprived >= standard.min_deprivations else HouseholdClass.NEAR_POOR
    mid = standard.mid_urban if urban else standard.mid_rural
    if mid is not None and income <= mid:
        return HouseholdClass.MIDDLE
    return HouseholdClass.OTHER


def agrees(recorded: str, computed: str, *, mid_known: bool) -> bool:
    """Whether a recorded class is consistent with the computed one."""
    if not computed or recorded == computed:
        return True
    if computed in (HouseholdClass.MIDDLE, HouseholdClass.OTHER):
        if recorded == HouseholdClass.NEWLY_ESCAPED:
            return True
        # Without a middle-income band in the standard, MIDDLE and OTHER cannot be told apart.
        return not mid_known and recorded in ABOVE_LINE
    return recorded == HouseholdClass.NEWLY_ESCAPED and computed == HouseholdClass.NEAR_POOR


def refresh_computed(classification: Classification, *, urban: bool,
                     standard: PovertyStandard | None = None) -> Classification:
    """Set the standard of the year, the computed class and the disagreement flag (not saved).
    A ``standard`` given must be the one in force for the year (refused otherwise)."""
    if standard is not None:
        check_standard_for_year(standard, classification.year)
    standard = standard or PovertyStandard.for_year(classification.year)
    classification.standard = standard
    if standard is None:
        classification.computed_class, classification.disagrees = "", False
        return classification
    deprived = deprived_count(classification.deprivations, classification.deprivation_count)
    computed = compute_class(standard, income=classification.income_per_person, deprived=deprived or 0,
                             urban=urban)
    classification.computed_class = computed
    mid_known = standard.mid_rural is not None
    classification.disagrees = not agrees(classification.household_class, computed, mid_known=mid_known)
    return classification


def check_standard_for_year(standard: PovertyStandard, year: int) -> None:
    """Refuse measuring ``year`` by a standard not in force on 1 January of it, naming the one
    that is (a 2027 review by the 2022–2025 standard of Nghị định 07/2021/NĐ-CP)."""
    if standard.is_active_on(datetime.date(year, 1, 1)):
        return
    valid = PovertyStandard.for_year(year)
    which = f"«{valid}»" if valid else "(chưa có chuẩn nghèo nào được khai báo cho năm này)"
    raise ValidationError({"standard": f"Chuẩn nghèo «{standard}» không áp dụng cho năm {year} "
                                       f"(hiệu lực {standard.validity_text}). Phân loại năm {year} "
                                       f"phải theo chuẩn: {which}."})
