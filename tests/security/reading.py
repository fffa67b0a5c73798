"""What a reader of a response sees: page text, spreadsheet cells, PDF text, DOCX paragraphs."""

import io

import openpyxl
from docx import Document
from pypdf import PdfReader


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def visible_text(response) -> str:
    """The text of an HTML page, a workbook's cells, a PDF's pages or a DOCX's paragraphs."""
    content = body(response)
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        return xlsx_text(content)
    if "pdf" in kind:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if "wordprocessingml" in kind:
        return docx_text(content)
    return content.decode(errors="replace")


def xlsx_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return "\n".join(str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows()
                     for cell in row if cell.value is not None)


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
