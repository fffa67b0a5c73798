"""Reading uploaded spreadsheets safely: the one archive guard and reader every import uses.

``check_file`` refuses, from the bytes alone, what is not a reasonably sized workbook (an .xls
renamed .xlsx, an encrypted workbook, a CSV, a zip bomb) before anything is inflated;
``read_sheets`` measures each sheet's extent in its XML before python-calamine builds its grid,
then hands back the sheets' values (formulas are never evaluated). Every refusal is a
``SpreadsheetProblem`` whose Vietnamese message names the file, the sheet or the cell.
"""

from spreadsheets.archive import (
           UPLOAD_ERRORS,
           SpreadsheetProblem,
           check_content,
           check_file,
           check_size,
)
from spreadsheets.extent import Limits, check_extent, check_grid, column_letters
from spreadsheets.formulas import formula_cells
from spreadsheets.reading import Sheet, open_workbook, read_sheets

__all__ = ["UPLOAD_ERRORS", "Limits", "Sheet", "SpreadsheetProblem", "check_content", "check_extent", "check_file", "check_grid", "check_size",
           "column_letters", "formula_cells", "open_workbook", "read_sheets"]
