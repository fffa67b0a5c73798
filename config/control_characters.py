"""Control characters are stripped from every request's query string, form fields and cookies.

PostgreSQL refuses a NUL byte in any text it is sent, so one ``?q=%00`` would make every search,
filter and save answer 500; the other C0 controls (and DEL) are never meant in an office's text
and break the PDF, DOCX and spreadsheet writers. They are removed once, here, before any form
or view reads the input; tab, line feed and carriage return are kept (text areas use them).
A path with one (``/doi-thoai/1/chuyen/%00/``) answers 404: no page has such an address.
"""

import re

from django.http import Http404, QueryDict

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def strip_control(text: str) -> str:
    """The text without C0 control characters (tab, LF and CR kept) and DEL."""
    return CONTROL.sub("", text)


def _cleaned(data: QueryDict) -> QueryDict:
    """The same QueryDict when it is clean; otherwise an immutable cleaned copy."""
    if not any(CONTROL.search(key) or any(CONTROL.search(v) for v in values)
               for key, values in data.lists()):
        return data
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        for value in values:  # "q" and "q\x00" both become "q": their values are kept together
            cleaned.appendlist(strip_control(key), strip_control(value))
    cleaned._mutable = False
    return cleaned


class StripControlCharactersMiddleware:
    """Cleans request.GET, request.POST and request.COOKIES before sessions, forms and views;
    a path holding a control character answers 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _cleaned(request.GET)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request.POST = _cleaned(request.POST)
        request.COOKIES = {strip_control(key): strip_control(value)
                           for key, value in request.COOKIES.items()}
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A path with a control character names no page (its parts reach the views' lookups)."""
        if CONTROL.search(request.path):
            raise Http404("Địa chỉ có ký tự không hợp lệ.")
