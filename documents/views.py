"""The sample document, so administrators can check the Decree 30 layout as PDF and DOCX."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from areas.models import IssuingBody
from areas.permissions import can_view_sample_document
from documents.docx import render_docx
from documents.forms import SampleDocumentForm
from documents.pdf import official_pdf
from documents.sample import sample_document
from web.downloads import DOCX, PDF, Download


def _form(request) -> SampleDocumentForm:
    if not can_view_sample_document(request.user):
        raise PermissionDenied
    bodies = IssuingBody.objects.visible_to(request.user).select_related("unit")
    return SampleDocumentForm(request.GET or None, bodies=bodies)


def _document(request):
    form = _form(request)
    if not form.is_valid():
        raise Http404("Thông số văn bản mẫu không hợp lệ.")
    data = form.cleaned_data
    return sample_document(
        data["body"], number=data["number"], issue_date=data["issue_date"], year=data["year"]
    )


def sample(request):
    form = _form(request)
    valid = form.is_bound and form.is_valid()
    return render(request, "documents/sample_page.html",
                  {"form": form, "valid": valid, "query": request.GET.urlencode()})


@xframe_options_sameorigin
def sample_preview(request):
    return render(request, "documents/official.html", {"doc": _document(request)})


def sample_pdf(request):
    doc = _document(request)
    return Download(f"{doc.filename_stem}.pdf", PDF, official_pdf(doc)).as_response(inline=True)


def sample_docx(request):
    doc = _document(request)
    return Download(f"{doc.filename_stem}.docx", DOCX, render_docx(doc)).as_response()
