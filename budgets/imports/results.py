"""What reading an estimate workbook gives: groups of lines, the sheets matched, problems and notices."""

from dataclasses import dataclass, field


@dataclass
class ImportProblem:
    sheet: str
    row: int | None
    message: str
    column: str = ""

    def __str__(self):
        where = f"Trang «{self.sheet}»" + (f", dòng {self.row}" if self.row else "")
        if self.column:
            where += f", cột {self.column}"
        return f"{where}: {self.message}"


@dataclass
class ImportGroup:
    title: str
    sub_project: str | None  # code
    lines: list[dict] = field(default_factory=list)
    sheet: str = ""


@dataclass
class SheetMatch:
    """One sheet of the file and the sub-project it was matched to (or ``None``: for the user to choose)."""

    name: str
    sub_project: str | None
    how: str
    lines: int = 0


@dataclass
class ImportResult:
    groups: list[ImportGroup] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    sheets: list[SheetMatch] = field(default_factory=list)
    # the problems of an empty required cell, with (sheet index, row, column): a formula there
    # may have no stored result, which the message then says
    empty_cells: list[tuple[ImportProblem, int, int, int]] = field(default_factory=list)

    @property
    def line_count(self) -> int:
        return sum(len(g.lines) for g in self.groups)

    @property
    def total(self) -> int:
        return sum(line["amount"] for g in self.groups for line in g.lines)


