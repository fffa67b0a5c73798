"""The inline form correcting one row of an import preview; the import's own rules check the values."""

from django import forms

from households.idnumber import mask
from households.models import HouseholdClass

GENDERS = [("", "—"), ("Nam", "Nam"), ("Nữ", "Nữ")]
CLASSES = [("", "Chưa phân loại"), *[(label, label) for _, label in HouseholdClass.choices]]


TICKS = {"class_poor": HouseholdClass.POOR.label, "class_near_poor": HouseholdClass.NEAR_POOR.label,
         "class_escaped": HouseholdClass.NEWLY_ESCAPED.label}
TEXT_FIELDS = ("name", "code", "ethnicity", "id_number", "village", "members", "birth_year", "gender")


def original_cells(batch, row: int) -> dict[str, str]:
    """A not-imported row's cells as the file wrote them, by form field (from ``batch.pending``)."""
    cells = next((c for number, _section, _reason, c in batch.pending.get("rows", ()) if number == row), None)
    if cells is None:
        return {}

    def cell(name):
        col = batch.columns.get(name)
        value = cells[col] if col is not None and col < len(cells) else ""
        return "" if value is None else str(value).strip()

    found = {name: cell(name) for name in TEXT_FIELDS}
    for name, gender in (("birth_male", "Nam"), ("birth_female", "Nữ")):
        if cell(name):
            found["birth_year"], found["gender"] = cell(name), gender
    found["klass"] = next((label for name, label in TICKS.items() if cell(name)), "")
    return {name: value for name, value in found.items() if value}


class RowCorrectionForm(forms.Form):
    """Name, code, gender, birth year, ethnicity, ID, village, class, members, as text: checked by
    ``plan.correction_reader`` exactly as the file's cells are."""

    name = forms.CharField(label="Họ và tên chủ hộ", max_length=150)
    code = forms.CharField(label="Mã hộ", max_length=40, required=False)
    gender = forms.ChoiceField(label="Giới tính", choices=GENDERS, required=False)
    birth_year = forms.CharField(label="Năm sinh", max_length=10, required=False)
    ethnicity = forms.CharField(label="Dân tộc", max_length=40, required=False)
    id_number = forms.CharField(label="Số định danh", max_length=20, required=False,
                                help_text="Để nguyên dạng che: giữ số đã đọc từ tệp.")
    village = forms.CharField(label="Thôn", max_length=120, required=False)
    klass = forms.ChoiceField(label="Phân loại", choices=CLASSES, required=False)
    members = forms.CharField(label="Số nhân khẩu", max_length=3, required=False)
    past = forms.BooleanField(label="Ghi nhận hộ đã tham gia đối thoại (theo ghi chú)", required=False)

    def __init__(self, *args, past_offered: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not past_offered:  # only a row whose note tells of a past dialogue offers it
            del self.fields["past"]

    def accepts_past(self) -> bool | None:
        """Whether the row's note of past participation is accepted; None when the row offers none."""
        return self.cleaned_data.get("past", False) if "past" in self.fields else None

    @staticmethod
    def initial_from(item: dict, batch, *, full_ids: bool) -> dict:
        """The row's values as read (or as last corrected), a value the import could not take as
        the file wrote it, the ID masked unless ``full_ids``."""
        before = batch.corrections.get(str(item["row"]))
        if before:
            initial = {**before, "klass": before.get("class", "")}
        else:
            initial = {"name": item["name"], "code": item["code"], "village": item["village"],
                       "gender": {"M": "Nam", "F": "Nữ"}.get(item.get("gender") or "", ""),
                       "birth_year": item.get("birth_year") or "", "ethnicity": item.get("ethnicity") or "",
                       "id_number": item.get("id") or "", "members": item.get("members") or "",
                       "klass": HouseholdClass(item["klass"]).label if item.get("klass") else ""}
            for name, value in original_cells(batch, item["row"]).items():
                initial[name] = initial.get(name) or value
        if not full_ids:
            initial["id_number"] = mask(str(initial.get("id_number") or ""))
        initial["past"] = item["row"] in batch.past_accepted
        return initial

    def values(self, *, stored_id: str) -> dict[str, str]:
        """The corrected cells by ``plan.CORRECTION_FIELDS`` name; a masked ID left as shown keeps ``stored_id``."""
        data = {key: str(value or "") for key, value in self.cleaned_data.items() if key != "past"}
        if "*" in data["id_number"] and data["id_number"] == mask(stored_id):
            data["id_number"] = stored_id
        data["class"] = data.pop("klass")
        return data
