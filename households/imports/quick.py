"""The household import's quick path: the common row read without a look at each rule.

A row whose cells are already clean (text in NFC without control characters or stray spaces, a
birth year typed as a number, a 12-digit ID that fits its structure, a known ethnic group, one
class ticked) gives exactly the ParsedRow that ``RowReader.read`` gives. Any other row gets None
and goes through every rule of the full reader, which words every message: this path writes only
the two that such a row can have, each always the same (an ethnic group spelled otherwise than in
the catalogue; a newly escaped household without its date). tests/households/test_import_quick.py
holds the two paths to each other.
"""

from collections.abc import Callable
from unicodedata import is_normalized

from households.idnumber import FEMALE, MALE, PROVINCE_CODES
from households.imports.cells import LOOK_CLOSER, is_tick
from households.imports.parsed import ParsedRow
from households.imports.texts import other_spelling
from households.models import HouseholdClass

# Fields the quick path reads; those it leaves alone only when empty (any value: the full reader);
# a header with any other field (deprivation lists and ticks) has no quick path.
READ = frozenset({"stt", "minority", "code", "name", "birth_year", "birth_male", "birth_female", "ethnicity",
                  "id_number", "village", "members", "class_poor", "class_near_poor", "class_escaped",
                  "class_middle", "meritorious", "social_protection", "no_labour"})
EMPTY_ONLY = ("gender", "gender_male", "gender_female", "woman_head", "phone", "class", "escaped_on", "income",
              "deprivation_count", "note")
EMPTY = ("", None)


def quick_reader(reader) -> Callable | None:
    """``read(row_number, cells, village) -> ParsedRow | None`` for ``reader``'s header, or None
    when the header has a field the quick path does not read."""
    from households.imports.rows import (
        ADULT_AGE,
        CLASS_TICKS,
        DATE_TEXT,
        ESCAPED_WITHOUT_DATE,
        FLAGS,
        NAME_CHARS,
        NAME_MAX,
        VILLAGE_MAX,
    )

    fields = reader.fields
    if reader.has_deprivations or not fields.keys() <= READ | set(EMPTY_ONLY):
        return None
    column = fields.get
    name_col, code_col, male_col, female_col, year_col, ethnicity_col, id_col, village_col, members_col = (
        column(name, -1) for name in ("name", "code", "birth_male", "birth_female", "birth_year", "ethnicity",
                                      "id_number", "village", "members"))
    if name_col < 0:
        return None
    empty_cols = [fields[name] for name in EMPTY_ONLY if name in fields]
    ticks = [(fields[name], klass) for name, klass in CLASS_TICKS.items() if name in fields]
    flags = [(fields[name], key) for name, key in FLAGS if name in fields]
    gender_columns, width, list_year, this_year = reader.gender_columns, reader.width, reader.year, reader.today.year
    ethnicity_of, good_names, good_groups = reader._ethnicity, {}, {}

    def clean(value) -> bool:  # what RowReader.text returns as it is, with no note
        return (value.__class__ is str and value.isprintable() and "  " not in value and value[:1] != " "
                and value[-1:] != " " and is_normalized("NFC", value) and not value.startswith(LOOK_CLOSER))

    def read(row_number: int, cells: list, village: str):
        if len(cells) < width:
            return None
        for col in empty_cols:
            if cells[col] not in EMPTY:
                return None
        name = cells[name_col]
        if (known := good_names.get(name)) is None:
            known = good_names[name] = clean(name) and 0 < len(name) <= NAME_MAX and bool(NAME_CHARS.match(name))
        if not known:
            return None
        values = {"head_name": name}
        if code_col >= 0 and (code := cells[code_col]) not in EMPTY:
            if code.__class__ is not str or len(code) > 40 or not (
                    (code.isprintable() and "  " not in code and code[0] != " " and code[-1] != " "
                     and not code.startswith(LOOK_CLOSER)) if code.isascii() else clean(code)):
                return None  # (clean() for the usual code, plain ASCII and so in NFC, without a call)
            if code[0].isdigit() and DATE_TEXT.fullmatch(code):
                return None
            values["code"] = code
        male = cells[male_col] if male_col >= 0 else ""
        female = cells[female_col] if female_col >= 0 else ""
        gender = ""
        if male in EMPTY:
            year = female
            if gender_columns and female not in EMPTY:
                gender = FEMALE
        elif female in EMPTY:
            year = male
            if gender_columns:
                gender = MALE
        else:
            return None
        if year in EMPTY and year_col >= 0:
            year = cells[year_col]
        if year in EMPTY:
            year = None
        elif year.__class__ is not float or not 1900 <= year <= this_year or not year.is_integer():
            return None
        else:
            year = int(year)
            if year > list_year - ADULT_AGE:
                return None
        if gender:
            values["gender"] = gender
        if year is not None:
            values["birth_year"] = year
        if id_col >= 0 and (id_number := cells[id_col]) not in EMPTY:
            if (id_number.__class__ is not str or len(id_number) != 12 or not id_number.isascii()
                    or not id_number.isdigit() or id_number[0] != "0" or id_number[1:3] not in PROVINCE_CODES):
                return None
            digit = ord(id_number[3]) - 48
            if (gender and gender != (FEMALE if digit % 2 else MALE)) or (
                    year and year != 1900 + 100 * (digit // 2) + int(id_number[4:6])):
                return None
            values["id_number"] = id_number
        spelling = ""
        if ethnicity_col >= 0 and (ethnicity := cells[ethnicity_col]) not in EMPTY:
            if (known := good_groups.get(ethnicity)) is None:  # a list spells a handful of groups
                known = good_groups[ethnicity] = clean(ethnicity) and _known_group(ethnicity_of, ethnicity)
            if not known:
                return None
            values["ethnic_group"], spelling = known
        own = cells[village_col] if village_col >= 0 else ""
        if own not in EMPTY:
            if not clean(own):
                return None
            village = own
        if not village or len(village) > VILLAGE_MAX:
            return None
        values["village"] = village
        if members_col >= 0 and (members := cells[members_col]) not in EMPTY:
            if members.__class__ is float:
                if not members.is_integer():
                    return None
                members = int(members)
            elif members.__class__ is not int:
                return None
            if not 1 <= members <= 50:
                return None
            values["members"] = members
        ticked = [klass for col, klass in ticks if cells[col] not in EMPTY and is_tick(cells[col])]
        if len(ticked) != 1:
            return None  # none (a warning) or several (a value dropped): the full reader words it
        values["household_class"] = klass = ticked[0]
        for col, key in flags:
            values[key] = is_tick(cells[col])
        # the only messages a quick row can have, each the same every time
        warnings = [ESCAPED_WITHOUT_DATE] if klass == HouseholdClass.NEWLY_ESCAPED else None  # escaped_on is empty
        return ParsedRow(row_number, values, notes=[spelling] if spelling else None, warnings=warnings)

    return read


def _known_group(ethnicity_of, text: str):
    """(the one ethnic group ``text`` names, the note the full reader writes when the catalogue spells
    it otherwise, or ""), else False (the full reader warns or drops the value)."""
    group, several = ethnicity_of(text)
    if group is None or several:
        return False
    return group, "" if group.name == text else other_spelling(text, group)
