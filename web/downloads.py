"""Every download is a value: filename, content type, bytes; views only wrap it."""

from dataclasses import dataclass

from django.http import HttpResponse

from vntext import search_key

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    content: bytes

    def as_response(self, *, inline: bool = False) -> HttpResponse:
        response = HttpResponse(self.content, content_type=self.content_type)
        disposition = "inline" if inline else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{ascii_filename(self.filename)}"'
        return response


def ascii_filename(name: str) -> str:
    """A safe ASCII file name: Vietnamese letters folded, anything odd replaced by "-"."""
    folded = search_key(name)
    safe = "".join(c if c.isalnum() or c in "._-" else "-" for c in folded)
    return safe.strip("-") or "van-ban"
