"""The 2027–2030 standard of Nghị định 351/2025/NĐ-CP: its lines from 1/1/2027 (2026 keeps Nghị
định 07/2021's), «khu vực đô thị», its indicators marked where unverified, and a year measured
only by the standard in force for it."""

import pytest
from django.core.exceptions import ValidationError

from households.classify import check_standard_for_year, refresh_computed
from households.models import Classification, HouseholdClass, PovertyStandard
from households.services import classify_household

pytestmark = pytest.mark.django_db


def _standard(code):
    return PovertyStandard.objects.get(code=code)


def test_the_two_standards_name_the_urban_area_as_their_decrees_do():
    assert _standard("ND351-2025").area_labels == ("khu vực nông thôn", "khu vực đô thị")
    assert _standard("ND07-2021").urban_term == "khu vực thành thị"
    assert _standard("ND351-2025").basis == "Nghị định số 351/2025/NĐ-CP ngày 30/12/2025 của Chính phủ"


def test_only_the_employment_indicators_of_the_new_standard_are_marked_verified():
    new = _standard("ND351-2025").indicators
    assert list(new.filter(verified=True).values_list("name", flat=True)) == [
        "Việc làm", "Người phụ thuộc trong hộ gia đình"]
    assert new.filter(verified=False).count() == 10
    assert not _standard("ND07-2021").indicators.filter(verified=False).exists()


@pytest.mark.parametrize("year,code,valid", [
    (2027, "ND07-2021", "ND351-2025"), (2030, "ND07-2021", "ND351-2025"),
    (2026, "ND351-2025", "ND07-2021"), (2022, "ND351-2025", "ND07-2021")])
def test_a_year_measured_by_another_years_standard_is_refused_naming_the_right_one(year, code, valid):
    with pytest.raises(ValidationError) as error:
        check_standard_for_year(_standard(code), year)
    message = " ".join(error.value.messages)
    assert f"không áp dụng cho năm {year}" in message and str(_standard(valid)) in message


def test_a_year_without_a_standard_is_told_so():
    with pytest.raises(ValidationError, match="chưa có chuẩn nghèo"):
        check_standard_for_year(_standard("ND351-2025"), 2031)


def test_a_2027_classification_with_the_2022_standard_changes_nothing(own_household):
    row = Classification(household=own_household, year=2027, household_class=HouseholdClass.POOR,
                         income_per_person=2_100_000, deprivations=[1, 2, 3])
    with pytest.raises(ValidationError):
        refresh_computed(row, urban=False, standard=_standard("ND07-2021"))
    assert row.standard_id is None and row.computed_class == ""


@pytest.mark.parametrize("year,income,urban,expected,code", [
    (2026, 2_100_000, False, HouseholdClass.MIDDLE, "ND07-2021"),  # 2026 keeps 1.5 million
    (2027, 2_100_000, False, HouseholdClass.POOR, "ND351-2025"),
    (2027, 2_200_000, False, HouseholdClass.POOR, "ND351-2025"),
    (2027, 2_200_001, False, HouseholdClass.OTHER, "ND351-2025"),
    (2027, 2_800_000, True, HouseholdClass.POOR, "ND351-2025"),
    (2027, 2_800_001, True, HouseholdClass.OTHER, "ND351-2025"),
])
def test_the_computed_class_follows_the_standard_of_the_year(own_household, officer, year, income,
                                                             urban, expected, code):
    own_household.commune.kind = "Phường" if urban else "Xã"
    own_household.commune.save()
    row = classify_household(own_household, year=year, household_class=HouseholdClass.NEAR_POOR,
                             by=officer, income_per_person=income, deprivations=[1, 4, 9])
    assert (row.standard.code, row.computed_class) == (code, expected)
    assert row.disagrees is (expected != HouseholdClass.NEAR_POOR)


def test_the_classification_form_marks_the_indicators_not_yet_checked():
    from households.forms import ClassificationForm

    labels = dict(ClassificationForm(indicators=list(_standard("ND351-2025").indicators.all()))
                  .fields["deprivations"].choices)
    assert labels[1] == "1. Việc làm: Việc làm"
    assert labels[3] == "3. Y tế: Dinh dưỡng (chưa đối chiếu văn bản gốc)"
    old = dict(ClassificationForm(indicators=list(_standard("ND07-2021").indicators.all()))
               .fields["deprivations"].choices)
    assert "chưa đối chiếu" not in " ".join(old.values())
