"""The shared library of cited documents (căn cứ): search and add."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render

from areas.models import Role
from areas.scope import has_role, is_administrator
from plans.forms import CitedDocumentForm
from plans.models import CitedDocument


def can_manage_library(user) -> bool:
    return is_administrator(user) or has_role(user, Role.PLANNER, Role.LEADER)


def library_list(request):
    query = request.GET.get("q", "").strip()[:100]
    documents = CitedDocument.objects.all()
    if query:
        documents = documents.filter(Q(number__icontains=query) | Q(title__icontains=query)
                                     | Q(issuer__icontains=query) | Q(doc_type__icontains=query))
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    return render(request, "plans/library_list.html", {
        "page": page, "query": query, "can_manage": can_manage_library(request.user)})


def library_create(request):
    if not can_manage_library(request.user):
        raise PermissionDenied
    form = CitedDocumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        document = form.save()
        messages.success(request, f"Đã thêm văn bản căn cứ: {document.citation}")
        return redirect(request.GET.get("next") or "plans:library-list")
    return render(request, "plans/library_form.html", {"form": form})
