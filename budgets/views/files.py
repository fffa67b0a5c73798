"""Downloads: the estimate workbook and the allocation-vs-disbursement report."""

from audit.models import Action
from audit.services import record
from budgets.reports import estimate_header, execution_report
from budgets.views.estimates import visible_estimate
from budgets.views.overview import _year
from budgets.workbook import estimate_workbook
from web.downloads import XLSX, Download


def estimate_xlsx(request, pk):
    estimate = visible_estimate(request, pk)
    reference, agency = estimate_header(estimate)
    content = estimate_workbook(estimate, reference=reference, agency_lines=agency)
    record(request.user, Action.EXPORT, estimate, request=request)
    download = Download(f"du-toan-{estimate.year}-{estimate.pk}.xlsx", XLSX, content)
    return download.as_response()


def execution_xlsx(request):
    year = _year(request)
    download = execution_report(request.user, year)
    record(request.user, Action.EXPORT, None, object_type="budgets.report",
           description=f"Báo cáo giao vốn – giải ngân năm {year}", request=request)
    return download.as_response()
