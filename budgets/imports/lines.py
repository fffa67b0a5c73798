"""One estimate line read from a row: the full reader with a message per cell, the quick reader of
the common line and the reader of a run of common lines column by column, which give exactly
what the full reader gives for the lines they vouch for."""

import datetime
import operator
import unicodedata
from collections.abc import Callable
from decimal import Decimal

from budgets.checks import PERSON_UNITS
from budgets.forms import parse_amount, parse_quantity
from budgets.imports.matching import LABELS, REQUIRED
from budgets.models.estimates import line_amount
from vntext import nfc, search_key

INFINITY = float("inf")
NUMERALS = {n: str(n) for n in range(1000)}
# What an estimate line can hold (the line form's bounds; days as the column stores them): a
# larger figure is a cell's fault, named as such, never a database error at confirmation.
LIMITS = {"quantity": 10**10, "days": 10**8, "unit_price": 10**15}
MAX_AMOUNT = 10**15
LENGTHS = {"content": 500, "unit_of_measure": 40, "note": 500}
MONEY_UNITS = {1000: "nghìn đồng", 1_000_000: "triệu đồng"}

class LineReading:
    """How a sheet reader reads its lines (mixed into :class:`budgets.imports.sheet.SheetReader`,
    whose columns, caches, scale and problems it uses)."""

    def _line_columns(self) -> tuple[int, ...] | None:
        """The columns of content, unit, quantity, price, days, note and source (-1 for an optional
        one the sheet lacks) and the width a row needs to hold them all; None when a required one
        is missing."""
        columns = self.columns
        if any(name not in columns for name in REQUIRED):
            return None
        places = [columns[name] for name in REQUIRED] + [columns.get(name, -1) for name in
                                                          ("days", "note", "funding_source")]
        return (*places, max(places) + 1)

    def _quick_reader(self) -> Callable[[list], dict | None] | None:
        """A reader of the common line, giving what ``_line`` gives without a look at each rule:
        text content and unit, whole non-negative numbers, a text note, a listed funding source or
        none. Any other row gets None, and ``_line`` reads it with every check and message. None
        when a required column is missing. (Columns and caches are bound once: this runs per line.)"""
        if (places := self._line_columns()) is None or self.scale != 1:
            return None
        content_col, unit_col, quantity_col, price_col, days_col, note_col, source_col, width = places
        texts, source_of, sources = self.texts, self._source, self.cell_sources
        is_normalized = unicodedata.is_normalized
        numerals = NUMERALS
        max_quantity, max_days, max_price = LIMITS["quantity"], LIMITS["days"], LIMITS["unit_price"]

        def known(text: str) -> str:
            if (found := texts.get(text)) is None:
                found = texts[text] = cell_text(text)
            return found

        def read(row: list) -> dict | None:
            if len(row) < width:
                return None
            content, unit, quantity, price = row[content_col], row[unit_col], row[quantity_col], row[price_col]
            if (type(quantity) is not float or type(price) is not float or type(content) is not str
                    or type(unit) is not str or not (0 <= quantity < max_quantity and 0 <= price < max_price)
                    or not quantity.is_integer() or not price.is_integer()):
                return None
            days = row[days_col] if days_col >= 0 else ""
            if days != "" and (type(days) is not float or not 0 <= days < max_days or not days.is_integer()):
                return None
            note = row[note_col] if note_col >= 0 else ""
            written = row[source_col] if source_col >= 0 else ""
            if type(note) is not str or type(written) is not str:
                return None
            # cell_text(content) inlined (the one text that differs on every line); the repeated texts
            # (unit, source, note) are looked up without a call: this runs per line
            if (content.isprintable() and "  " not in content
                    and (content.isascii() or is_normalized("NFC", content))):
                content = content.strip()
            else:
                content = cell_text(content)
            unit = texts.get(unit) or known(unit)
            source = sources.get(written, "") if written else None
            if source == "":
                source = sources[written] = source_of(known(written))
            if not content or not unit or (written and source is None):
                return None
            note = (texts.get(note) or known(note)) if note else ""
            if len(content) > 500 or len(unit) > 40 or len(note) > 500:
                return None
            quantity, price = int(quantity), int(price)
            if days == "":
                days, amount = None, quantity * price
            else:
                days = int(days)
                amount = quantity * days * price
                days = numerals.get(days) or str(days)
            if amount >= MAX_AMOUNT:
                return None
            return {"content": content, "unit_of_measure": unit,
                    "quantity": numerals.get(quantity) or str(quantity), "days": days, "unit_price": price,
                    "note": note, "funding_source": source, "amount": amount}

        return read

    def _batch_reader(self) -> Callable[[list[list]], list[dict] | None] | None:
        """A reader of a run of rows at once, column by column, giving what the quick reader gives
        for each row when every row of the run is a common line; None when one is not (the rows
        are then read one by one). None when a required column is missing.

        The checks are those of :meth:`_quick_reader`, made over whole columns by the built-ins;
        a content column is checked as one text joined by «|», which keeps each check exact: it
        is printable, adds no space and composes with no character (so NFC holds for the joined
        text exactly when it holds for each part)."""
        if (places := self._line_columns()) is None or self.scale != 1:
            return None
        content_col, unit_col, quantity_col, price_col, days_col, note_col, source_col, width = places
        texts, source_of, sources = self.texts, self._source, self.cell_sources
        numerals = NUMERALS

        def known(column: list, longest: int) -> list | None:
            """The column's texts as ``_text`` reads them; None when one is not a text or is longer
            than ``longest`` characters. (Repeated texts: each distinct one is looked at once.)"""
            read = {}
            for text in set(column):
                if type(text) is not str:
                    return None
                if (found := texts.get(text)) is None:
                    found = texts[text] = cell_text(text)
                if len(found) > longest:
                    return None
                read[text] = found
            return list(map(read.__getitem__, column))

        def whole(numbers: list, below: int) -> list | None:
            """The column's numbers as ints when each is a whole float from 0 to ``below``; else None."""
            try:
                if (not all(map(float.is_integer, numbers)) or min(numbers) < 0  # False for NaN and infinities
                        or max(numbers) >= below):
                    return None
            except TypeError:  # not a float
                return None
            return list(map(int, numbers))

        def spelled(numbers: list) -> list:
            """The numbers as the line keeps them: the usual ones shared, the others written out."""
            words = list(map(numerals.get, numbers))
            return [word or str(number) for word, number in zip(words, numbers, strict=True)] if None in words else words

        def read(rows: list[list]) -> list[dict] | None:
            if min(map(len, rows)) < width:
                return None
            contents, units = [row[content_col] for row in rows], known([row[unit_col] for row in rows], 40)
            quantities = whole([row[quantity_col] for row in rows], LIMITS["quantity"])
            prices = whole([row[price_col] for row in rows], LIMITS["unit_price"])
            if units is None or not all(units) or quantities is None or prices is None:
                return None
            try:
                joined = "|".join(contents)
            except TypeError:  # a content that is not a text
                return None
            if not (joined.isprintable() and "  " not in joined
                    and (joined.isascii() or unicodedata.is_normalized("NFC", joined))):
                return None
            contents = list(map(str.strip, contents))
            if not all(contents):
                return None
            if max(map(len, contents)) > 500:
                return None
            notes = known([row[note_col] for row in rows], 500) if note_col >= 0 else [""] * len(rows)
            found = [None] * len(rows)
            if source_col >= 0:
                written, named = [row[source_col] for row in rows], {}
                for text in set(written):
                    if type(text) is not str:
                        return None
                    source = sources.get(text, "") if text else None
                    if source == "":
                        source = sources[text] = source_of(texts.get(text) or cell_text(text))
                    if text and source is None:
                        return None
                    named[text] = source
                found = list(map(named.__getitem__, written))
            if notes is None:
                return None
            amounts = list(map(operator.mul, quantities, prices))
            if days_col < 0:
                day_texts = [None] * len(rows)
            elif (day_numbers := whole(days := [row[days_col] for row in rows], LIMITS["days"])) is not None:
                day_texts, amounts = spelled(day_numbers), list(map(operator.mul, amounts, day_numbers))
            elif "" not in days:
                return None
            else:  # some lines have no days
                given = [day for day in days if day != ""]
                if given and whole(given, LIMITS["days"]) is None:
                    return None
                day_texts = [None if day == "" else numerals.get(int(day)) or str(int(day)) for day in days]
                amounts = [amount if day == "" else amount * int(day) for amount, day in zip(amounts, days, strict=True)]
            if max(amounts) >= MAX_AMOUNT:
                return None
            return [{"content": content, "unit_of_measure": unit, "quantity": quantity, "days": day,
                     "unit_price": price, "note": note, "funding_source": source, "amount": amount}
                    for content, unit, quantity, day, price, note, source, amount
                    in zip(contents, units, spelled(quantities), day_texts, prices, notes, found, amounts, strict=True)]

        return read

    def _source(self, written: str) -> str | None:
        """The funding source code a cell names (its code, short name or name, any spelling)."""
        if written not in self.found_sources:
            self.found_sources[written] = self.sources.get(written) or self.sources.get(search_key(written))
        return self.found_sources[written]

    def _number(self, values: dict, row_no, name: str, parse):
        value = values.get(name)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():  # calamine's numbers: no text to parse
            return int(value)  # a whole number stays an int: no Decimal until a fraction needs one
        if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
            self.problem(row_no, f"Ô đang ở dạng ngày giờ ({_when(value)}), không phải số; hãy định dạng ô là "
                         "Số và gõ lại số.", name)
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str) or value in (INFINITY, -INFINITY) \
                or value != value:  # a NaN or an infinity calamine read from a <v>
            self.problem(row_no, f"«{value}» không phải là số.", name)
            return None
        try:
            return parse(str(value) if isinstance(value, str) else _plain(value))
        except ValueError as error:
            self.problem(row_no, str(error), name)
            return None

    def _line(self, row: list, row_no: int) -> dict | None:
        before, width = len(self.result.problems), len(row)
        values = {name: row[col] for name, col in self.columns.items() if col < width and row[col] != ""}
        content, uom = cell_text(values.get("content")), cell_text(values.get("unit_of_measure"))
        if not content:
            self._empty(row_no, "content")
        if not uom:
            self._empty(row_no, "unit_of_measure")
        quantity = self._number(values, row_no, "quantity", parse_quantity)
        days = self._number(values, row_no, "days", parse_quantity)
        price = self._number(values, row_no, "unit_price", parse_amount if self.scale == 1 else parse_quantity)
        if price is not None and self.scale != 1:
            price = self._scaled_price(price, row_no)
        if quantity is None and values.get("quantity") is None:
            self._empty(row_no, "quantity")
        if price is None and values.get("unit_price") is None:
            self._empty(row_no, "unit_price")
        for name, value in (("quantity", quantity), ("days", days), ("unit_price", price)):
            if value is not None and value < 0:
                self.problem(row_no, f"«{LABELS[name]}» không được âm ({value}).", name)
            elif value is not None and value >= LIMITS[name]:
                self.problem(row_no, f"«{LABELS[name]}» quá lớn ({figure(value)}); phải nhỏ hơn "
                             f"{figure(LIMITS[name])}.", name)
        if isinstance(quantity, Decimal) and quantity != int(quantity):
            if uom.lower() in PERSON_UNITS:
                self.problem(row_no, f"Số lượng tính theo «{uom}» phải là số nguyên.", "quantity")
            if quantity != quantity.quantize(Decimal("0.01")):
                self.problem(row_no, "Số lượng tối đa hai chữ số thập phân.", "quantity")
        for name, text in (("content", content), ("unit_of_measure", uom)):
            self._check_length(row_no, name, text)
        written = cell_text(values.get("funding_source"))
        source = (self.sources.get(written) or self.sources.get(search_key(written))) if written else None
        if written and source is None:
            codes = sorted(set(self.sources.values()))
            self.problem(row_no, f"Nguồn vốn «{written}» không có trong danh mục ({', '.join(codes)}).",
                         "funding_source")
        note = cell_text(values.get("note"))
        self._check_length(row_no, "note", note)
        if len(self.result.problems) > before:
            return None
        amount = _amount(quantity, days, price)
        if amount >= MAX_AMOUNT:
            self.problem(row_no, f"Thành tiền của dòng ({figure(amount)} đồng) quá lớn; hãy kiểm tra Số lượng, "
                         "Số ngày/buổi và Đơn giá.", "unit_price")
            return None
        return dict(content=content, unit_of_measure=uom, quantity=str(quantity),
                    days=None if days is None else str(days), unit_price=price, note=note,
                    funding_source=source, amount=amount)

    def _scaled_price(self, price, row_no: int) -> int | None:
        dong = price * self.scale
        if dong != int(dong):
            self.problem(row_no, f"Đơn giá {figure(price)} {MONEY_UNITS[self.scale]} không ra số đồng nguyên.",
                         "unit_price")
            return None
        return int(dong)

    def _empty(self, row_no: int, name: str) -> None:
        self.problem(row_no, f"Thiếu «{LABELS[name]}».", name)
        self.result.empty_cells.append((self.result.problems[-1], self.index, row_no - 1, self.columns[name]))

    def _check_length(self, row_no: int, name: str, text: str) -> None:
        """A text longer than the estimate keeps is refused by its cell, never cut without a word."""
        if len(text) > LENGTHS[name]:
            self.problem(row_no, f"«{LABELS[name]}» dài {figure(len(text))} ký tự, quá {LENGTHS[name]} ký tự; "
                         "hãy rút gọn.", name)


def _amount(quantity, days, price: int) -> int:
    """The line's amount: exact integer arithmetic when nothing is fractional, else rounded half up."""
    if type(quantity) is int and (days is None or type(days) is int):
        return quantity * (1 if days is None else days) * price
    return line_amount(quantity, days, price)


def cell_text(value) -> str:
    """A cell as text: NFC, white space folded (skipped for the plain NFC text most cells hold)."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    # nfc() changes nothing but the ends of a printable text (no tab, line break or unusual space)
    # without two spaces in a row, already in NFC
    if text.isprintable() and "  " not in text and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return text.strip()
    return nfc(text)


def _when(value) -> str:
    if isinstance(value, datetime.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def figure(number) -> str:
    """A number as Vietnamese write it: «1.000.000», «2,5»."""
    number = Decimal(number)
    if number == int(number):
        return f"{int(number):,}".replace(",", ".")
    return f"{number:,}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _plain(value) -> str:
    number = Decimal(str(value))
    return format(number.normalize(), "f").replace(".", ",") if number != int(number) else str(int(number))
