"""Turning one spreadsheet row into household values, with a note for everything it had to fix."""

import datetime
import functools
import re
from unicodedata import is_normalized

from households.idnumber import FEMALE, MALE, check_id
from households.imports.cells import (
    INDICATOR_SEPARATORS,
    LOOK_CLOSER,
    birth_year_number,
    clean_text,
    excel_error,
    folded,
    is_tick,
    looks_like_formula,
    parse_amount,
    parse_date,
    parse_int,
)
from households.imports.columns import DONG
from households.imports.parsed import ParsedRow
from households.imports.texts import other_spelling
from households.models import HouseholdClass
from households.models.reference import ethnic_key as _ethnic_key
from households.participation import past_participation

NAME_MAX = 150
VILLAGE_MAX = 120
CLASS_TICKS = {"class_poor": HouseholdClass.POOR, "class_near_poor": HouseholdClass.NEAR_POOR,
               "class_escaped": HouseholdClass.NEWLY_ESCAPED, "class_middle": HouseholdClass.MIDDLE}
CLASS_WORDS = [("moi thoat ngheo", HouseholdClass.NEWLY_ESCAPED), ("thoat ngheo", HouseholdClass.NEWLY_ESCAPED),
               ("can ngheo", HouseholdClass.NEAR_POOR), ("ngheo", HouseholdClass.POOR),
               ("trung binh", HouseholdClass.MIDDLE), ("khac", HouseholdClass.OTHER)]
ethnic_key = functools.lru_cache(maxsize=1024)(_ethnic_key)
NAME_CHARS = re.compile(r"^[^\W\d_]+(?:[ '’.\-][^\W\d_]*)*$")
FLAGS = (("meritorious", "meritorious"), ("social_protection", "social_protection"),
         ("no_labour", "no_labour_capacity"))
PHONE_SEPARATORS = re.compile(r"[\s.\-]")
# What offices write in the ID column of a head who has none: read as "no ID" (imported, noted).
NO_ID_WORDS = frozenset({"chua co", "khong co", "khong", "chua", "chua cap", "kc", "k co", "ko co", "ko",
                         "khong ro", "chua lam", "chua co cccd", "khong co cccd", "chua co so", "0"})
DATE_TEXT = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}")
ETHNIC_SPLIT = re.compile(r"\s*(?:[,;/+&]|\bvà\b|-\s)\s*")
ADULT_AGE = 16
ESCAPED_WITHOUT_DATE = "Hộ mới thoát nghèo chưa có ngày công nhận: không tính được thời hạn 36 tháng"


def _no_id(raw) -> bool:
    """«Chưa có», «Không có», «-», «chưa cấp», «KC», or a zero (text or number) in the ID column."""
    if raw.__class__ is str:
        text = raw.strip()
        if text.isdigit():  # the usual ID: digits only, "no ID" only when it is a zero
            return text == "0"
        return bool(text) and (text == "0" or not any(c.isdigit() for c in text)) and (
            not folded(text) or folded(text) in NO_ID_WORDS)
    return not isinstance(raw, bool) and isinstance(raw, int | float) and raw == 0


class RowReader:
    """Reads data rows against a header; holds the file-wide context (village sections, lookups).

    Each row's cells are first picked into a {field: value} dict, so a field the header lacks
    costs one dictionary miss; what depends only on the header is worked out once, here.
    """

    income_unit = DONG  # what one unit of the income column is worth: set from the header's label

    def __init__(self, fields: dict[str, int], *, ethnic_groups: dict, year: int, today: datetime.date,
                 codes_required: bool = False):
        self.fields, self.ethnic_groups, self.year, self.today = fields, ethnic_groups, year, today
        self.codes_required = codes_required
        self.columns = tuple(fields.items())
        self.width = max(fields.values(), default=-1) + 1
        self.gender_columns = "birth_male" in fields or "birth_female" in fields
        self.class_ticks = [(name, klass) for name, klass in CLASS_TICKS.items() if name in fields]
        self.deprivation_ticks = [name for name in fields if name.startswith("dep_")]
        self.has_deprivations = "deprivations" in fields or bool(self.deprivation_ticks)
        self.flags = [(name, key) for name, key in FLAGS if name in fields]
        self.ethnicities: dict[str, tuple] = {}
        from households.imports.quick import quick_reader  # it reads with this module's rules

        self.quick = quick_reader(self)

    def pick(self, cells: list) -> dict:
        """The row's value of each mapped field (a column beyond the row's end has none)."""
        if len(cells) >= self.width:
            return {name: cells[col] for name, col in self.columns}
        return {name: cells[col] for name, col in self.columns if col < len(cells)}

    @staticmethod
    def text(parsed: ParsedRow, value, label: str) -> str:
        if (value.__class__ is str and value.isprintable() and "  " not in value and value[:1] != " "
                and value[-1:] != " " and is_normalized("NFC", value) and not value.startswith(LOOK_CLOSER)):
            return value  # the usual cell: nothing for clean_text to fix, nothing like a formula
        text, notes = clean_text(value)
        if notes:
            parsed.notes.append(f"{label}: " + ", ".join(notes))
        if excel_error(text):
            parsed.notes.append(f"{label}: ô ghi lỗi của Excel «{text}», không phải giá trị; để trống")
            return ""
        if looks_like_formula(text):
            parsed.notes.append(f"{label} bắt đầu bằng «{text[0]}»: lưu nguyên dạng chữ, không tính như công thức")
        return text

    def read(self, row_number: int, cells: list, village: str) -> ParsedRow:
        if self.quick is not None and (parsed := self.quick(row_number, cells, village)) is not None:
            return parsed  # the common row, read as below would read it, without a look at each rule
        parsed = ParsedRow(row=row_number)
        cells = self.pick(cells)
        self._name(parsed, cells)
        self._identity(parsed, cells)
        self._place(parsed, cells, village)
        self._numbers(parsed, cells)
        self._classification(parsed, cells)
        self._flags(parsed, cells)
        self._note(parsed, cells)
        return parsed

    def _name(self, parsed, cells):
        name = self.text(parsed, cells.get("name", ""), "Họ tên")
        if not name:
            parsed.errors.append("Thiếu họ và tên chủ hộ")
        elif len(name) > NAME_MAX:
            parsed.errors.append(f"Họ tên dài {len(name)} ký tự (tối đa {NAME_MAX})")
        elif not NAME_CHARS.match(name):
            odd = "".join(sorted({c for c in name if not (c.isalpha() or c in " '’.-")}))[:10]
            parsed.errors.append(f"Họ tên «{name[:40]}» có ký tự không phải chữ cái: «{odd}»")
        else:
            parsed.values["head_name"] = name
        raw_code = cells.get("code", "")
        if isinstance(raw_code, datetime.date) or (raw_code.__class__ is str and DATE_TEXT.fullmatch(raw_code.strip())):
            shown = f"{raw_code:%d/%m/%Y}" if isinstance(raw_code, datetime.date) else raw_code.strip()
            message = (f"Mã hộ «{shown}» là ngày tháng (Excel đã tự đổi mã thành ngày), không phải mã hộ; "
                       "hãy định dạng cột mã hộ là văn bản và nhập lại mã")
            if self.codes_required:
                parsed.errors.append(message + " (xã này bắt buộc có mã hộ)")
            else:
                parsed.dropped.append(message + "; hộ được nhập không có mã")
            return
        code = self.text(parsed, raw_code, "Mã hộ")
        if isinstance(cells.get("code"), int | float) and not isinstance(cells.get("code"), bool):
            parsed.values["code_was_number"] = True  # its leading zeros may be lost: see codes.restore_widths
        if len(code) > 40:
            parsed.errors.append(f"Mã hộ dài {len(code)} ký tự (tối đa 40)")
        elif code:
            parsed.values["code"] = code

    def _identity(self, parsed, cells):
        gender, year = self._gender_and_year(parsed, cells)
        if gender:
            parsed.values["gender"] = gender
        if year is not None:
            parsed.values["birth_year"] = year
        if year is not None and year > self.year - ADULT_AGE:
            parsed.warnings.append(f"Chủ hộ sinh năm {year}, chưa đủ {ADULT_AGE} tuổi vào năm {self.year} "
                                   "của danh sách; hãy kiểm tra năm sinh hoặc người đứng tên chủ hộ")
        raw_id = cells.get("id_number", "")
        if _no_id(raw_id):
            parsed.notes.append(f"Số định danh ghi «{clean_text(raw_id)[0][:20]}»: hộ chưa có số định danh")
            raw_id = ""
        checked = check_id(raw_id, gender=gender, birth_year=year)
        if checked.errors:
            parsed.dropped += [f"{e}; để trống số định danh" for e in checked.errors]
        if checked.warnings:  # an ID given back its leading zero is never taken silently
            parsed.warnings += checked.warnings
        if checked.offer:
            parsed.values["id_offer"] = checked.offer
        if checked.value:
            parsed.values["id_number"] = checked.value
        ethnicity = self.text(parsed, cells.get("ethnicity", ""), "Dân tộc")
        if ethnicity:
            group, several = self._ethnicity(ethnicity)
            if several:
                parsed.dropped.append(f"Ô dân tộc ghi nhiều dân tộc «{ethnicity[:40]}»; để trống dân tộc, "
                                      "hãy chọn một")
            elif group is None:
                parsed.warnings.append(f"Không nhận ra dân tộc «{ethnicity[:40]}»; chưa ghi dân tộc")
            else:
                parsed.values["ethnic_group"] = group
                if group.name != ethnicity:
                    parsed.notes.append(other_spelling(ethnicity, group))

    def _ethnicity(self, text: str) -> tuple:
        """(the group the text names or None, whether it names several), worked out once per text:
        a commune's list spells a handful of ethnic groups."""
        if (found := self.ethnicities.get(text)) is None:
            found = self.ethnicities[text] = (self.ethnic_groups.get(ethnic_key(text)), self._several_groups(text))
        return found

    def _several_groups(self, text: str) -> bool:
        parts = [part for part in ETHNIC_SPLIT.split(text) if part]
        return len(parts) > 1 and all(self.ethnic_groups.get(ethnic_key(part)) for part in parts)

    def _gender_and_year(self, parsed, cells) -> tuple[str, int | None]:
        male, female = cells.get("birth_male", ""), cells.get("birth_female", "")
        gender = ""
        if male not in ("", None) and female not in ("", None):
            parsed.dropped.append("Năm sinh ghi ở cả cột Nam và cột Nữ; để trống năm sinh và giới tính")
            return "", None
        raw_year = male if male not in ("", None) else female
        if self.gender_columns:
            gender = MALE if male not in ("", None) else FEMALE if female not in ("", None) else ""
        if raw_year in ("", None):
            raw_year = cells.get("birth_year", "")
        gender = gender or self._gender(parsed, cells)
        return gender, self._year(parsed, raw_year)

    def _gender(self, parsed, cells) -> str:
        if is_tick(cells.get("gender_male", "")):
            return MALE
        if is_tick(cells.get("gender_female", "")) or is_tick(cells.get("woman_head", "")):
            return FEMALE
        word = folded(cells.get("gender", ""))
        if word in ("nam", "1", "m"):
            return MALE
        if word in ("nu", "2", "f"):
            return FEMALE
        if word:
            parsed.dropped.append(f"Giới tính «{clean_text(cells.get('gender', ''))[0][:20]}» không rõ "
                                  "(ghi Nam hoặc Nữ); để trống giới tính")
        return ""

    def _year(self, parsed, raw) -> int | None:
        if raw in ("", None):
            return None
        if isinstance(raw, datetime.date):
            parsed.notes.append(f"Năm sinh lấy từ ngày sinh {raw:%d/%m/%Y}")
            return raw.year
        number, how = birth_year_number(raw, list_year=self.year)
        if how:
            parsed.notes.append(how)
        if number is None:
            day = parse_date(raw)
            if day is None:
                parsed.dropped.append(f"Năm sinh «{clean_text(raw)[0][:20]}» không phải năm hợp lệ")
                return None
            parsed.notes.append(f"Năm sinh lấy từ ngày sinh {day:%d/%m/%Y}")
            number = day.year
        elif number > 3000:
            day = parse_date(float(number))
            if day is None:
                parsed.dropped.append(f"Năm sinh «{number}» không phải năm hợp lệ")
                return None
            parsed.notes.append(f"Ô năm sinh là số ngày kiểu Excel ({number}) = {day:%d/%m/%Y}; lấy năm {day.year}")
            number = day.year
        if number > self.today.year:
            parsed.dropped.append(f"Năm sinh {number} ở tương lai")
            return None
        if number < 1900:
            parsed.dropped.append(f"Năm sinh {number} không hợp lệ (trước 1900)")
            return None
        return number

    def _place(self, parsed, cells, village):
        own = self.text(parsed, cells.get("village", ""), "Thôn")
        chosen = own or village
        if len(chosen) > VILLAGE_MAX:
            parsed.dropped.append(f"Tên thôn dài {len(chosen)} ký tự (tối đa {VILLAGE_MAX})")
        elif chosen:
            parsed.values["village"] = chosen
        else:
            parsed.warnings.append("Không rõ thôn/xóm của hộ")
        phone_raw = cells.get("phone", "")
        if phone_raw in ("", None):
            return
        phone = str(int(phone_raw)) if isinstance(phone_raw, float) else clean_text(phone_raw)[0]
        phone = PHONE_SEPARATORS.sub("", phone)
        if phone and re.fullmatch(r"[1-9]\d{8}", phone):
            phone = "0" + phone
            parsed.notes.append(f"Số điện thoại: thêm số 0 đầu bị mất ({phone})")
        if phone and not re.fullmatch(r"\+?\d{8,15}", phone):
            parsed.dropped.append(f"Số điện thoại «{phone[:20]}» không hợp lệ")
        elif phone:
            parsed.values["phone"] = phone

    def _numbers(self, parsed, cells):
        for name, label, low, high, key in (
            ("members", "Số nhân khẩu", 1, 50, "members"),
            ("income", "Thu nhập bình quân", 0, 1_000_000_000, "income_per_person"),
        ):
            raw = cells.get(name, "")
            if raw in ("", None):
                continue
            number = parse_int(raw) if name == "members" else self._income(parsed, raw)
            if number is None or not low <= number <= high:
                parsed.dropped.append(f"{label} «{clean_text(raw)[0][:20]}» không phải số hợp lệ ({low}–{high:,})".replace(",", "."))
            else:
                parsed.values[key] = number

    def _classification(self, parsed, cells):
        ticked = [klass for name, klass in self.class_ticks if is_tick(cells.get(name, ""))]
        word = folded(cells.get("class", ""))
        if word:
            ticked += [klass for phrase, klass in CLASS_WORDS if phrase in word][:1]
            if not ticked:
                parsed.dropped.append(f"Phân loại «{clean_text(cells.get('class', ''))[0][:30]}» không rõ")
        if len(set(ticked)) > 1:
            parsed.dropped.append("Đánh dấu nhiều loại hộ trên cùng một dòng")
        elif ticked:
            parsed.values["household_class"] = ticked[0]
        else:
            parsed.warnings.append(f"Chưa có phân loại hộ năm {self.year}")
        raw_date = cells.get("escaped_on", "")
        if raw_date not in ("", None):
            day = parse_date(raw_date)
            if day is None or day > self.today:
                parsed.dropped.append(f"Ngày thoát nghèo «{clean_text(raw_date)[0][:20]}» không hợp lệ")
            else:
                parsed.values["escaped_on"] = day
        if parsed.values.get("household_class") == HouseholdClass.NEWLY_ESCAPED and "escaped_on" not in parsed.values:
            parsed.warnings.append(ESCAPED_WITHOUT_DATE)
        if self.has_deprivations:
            parsed.values["deprivations"] = self._deprivations(parsed, cells)
        if cells.get("deprivation_count", "") not in ("", None):
            self._deprivation_count(parsed, cells["deprivation_count"])

    def _deprivations(self, parsed, cells) -> list[int]:
        numbers = sorted(int(name[4:]) for name in self.deprivation_ticks if is_tick(cells.get(name, "")))
        listed = clean_text(cells.get("deprivations", ""))[0]
        for part in INDICATOR_SEPARATORS.split(listed):
            if part.isdigit() and 1 <= int(part) <= 12:
                numbers.append(int(part))
            elif part:
                parsed.dropped.append(f"Chỉ số thiếu hụt «{part[:10]}» không hợp lệ (ghi số 1–12)")
        return sorted(set(numbers))

    def _flags(self, parsed, cells):
        for name, key in self.flags:
            parsed.values[key] = is_tick(cells.get(name, ""))

    def _income(self, parsed, raw) -> int | None:
        if note := self.income_unit.note:
            parsed.warnings.append(note)
        return parse_amount(raw, self.income_unit.factor)

    def _deprivation_count(self, parsed, raw):
        """A «Số chỉ số thiếu hụt» column: how many indicators, kept as a count (never as indicator numbers)."""
        count = parse_int(raw)
        if count is None or not 0 <= count <= 12:
            parsed.warnings.append(f"Số chỉ số thiếu hụt «{clean_text(raw)[0][:10]}» không hợp lệ (ghi số 0–12); "
                                   "để trống")
            return
        parsed.values["deprivation_count"] = count
        listed = parsed.values.get("deprivations")
        if listed and len(listed) != count:
            parsed.warnings.append(f"Số chỉ số thiếu hụt ghi {count} nhưng cột liệt kê {len(listed)} chỉ số "
                                   f"({', '.join(map(str, listed))}); hãy kiểm tra")

    def _note(self, parsed, cells):
        raw = cells.get("note")
        if raw in ("", None):
            return
        note = self.text(parsed, raw, "Ghi chú")
        if not note:
            return
        parsed.notes.append(f"Ghi chú trong tệp: «{note[:200]}»")
        if hint := past_participation(note):
            parsed.values["past_participation"] = hint
            parsed.notes.append(hint.message)
