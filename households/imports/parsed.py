"""One data row as the import reads it: its values and what was noticed on the way."""


def _messages(slot: str, doc: str) -> property:
    """A list of messages held only once it has one: a clean row keeps no empty lists, so a file's
    100,000 rows read before any is matched do not add 400,000 objects for the collector to walk."""
    def get(self) -> list[str]:
        found = getattr(self, slot)
        if found is None:
            found = []
            setattr(self, slot, found)
        return found

    def put(self, value: list[str]) -> None:
        setattr(self, slot, value)

    return property(get, put, doc=doc)


class ParsedRow:
    """A data row's values (only what the file gives) and what was noticed on the way."""

    __slots__ = ("row", "values", "_notes", "_warnings", "_errors", "_dropped")

    def __init__(self, row: int, values: dict | None = None, notes: list[str] | None = None,
                 warnings: list[str] | None = None, errors: list[str] | None = None,
                 dropped: list[str] | None = None):
        self.row = row
        self.values = {} if values is None else values
        self._notes, self._warnings, self._errors, self._dropped = notes, warnings, errors, dropped

    notes = _messages("_notes", "What was fixed or read with care (the row imported as it is).")
    warnings = _messages("_warnings", "What the officer should check (the row imported).")
    errors = _messages("_errors", "Why the row cannot be imported.")
    dropped = _messages("_dropped", "Values rejected one by one: their field left empty.")

    @property
    def name(self) -> str:
        return self.values.get("head_name", "")

    @property
    def refused(self) -> bool:
        """Whether the row has an error (asked of every row: it creates no list)."""
        return bool(self._errors)

    def said(self) -> tuple:
        """(errors, dropped, warnings, notes) as they stand, an empty tuple for each kind with none
        (read once per row by the plan: it creates no list)."""
        return self._errors or (), self._dropped or (), self._warnings or (), self._notes or ()

    def _compared(self) -> tuple:
        return (self.row, self.values, self._notes or [], self._warnings or [], self._errors or [],
                self._dropped or [])

    def __eq__(self, other) -> bool:
        return isinstance(other, ParsedRow) and self._compared() == other._compared()

    __hash__ = None

    def __repr__(self) -> str:
        row, values, notes, warnings, errors, dropped = self._compared()
        return (f"ParsedRow(row={row!r}, values={values!r}, notes={notes!r}, warnings={warnings!r}, "
                f"errors={errors!r}, dropped={dropped!r})")
