"""The shared library of cited documents (căn cứ): search and add."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from plans import services
from plans.forms import CitedDocumentForm, LibrarySearchForm
from plans.models import CitedDocument
from plans.permissions import can_manage_library


def library_list(request):
    form = LibrarySearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    documents = CitedDocument.objects.all()
    if query:
        documents = documents.filter(Q(number__icontains=query) | Q(title__icontains=query)
                                     | Q(issuer__icontains=query) | Q(doc_type__icontains=query))
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    return render(request, "plans/library_list.html", {
        "page": page, "query": query, "can_manage": can_manage_library(request.user),
        "today": timezone.localdate()})


def library_create(request):
    if not can_manage_library(request.user):
        raise PermissionDenied
    form = CitedDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.add_cited_document(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Đã thêm văn bản căn cứ: {document.citation}")
            return redirect(_safe_next(request) or "plans:library-list")
    return render(request, "plans/library_form.html", {"form": form})


def _safe_next(request) -> str:
    """The page to go back to, only if it is on this site (never an open redirect)."""
    target = request.GET.get("next", "")
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                              require_https=request.is_secure())
    return target if allowed else ""
