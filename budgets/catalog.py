"""Rules on the programme catalog: a record of a year refers to the programme of that year,
and a component or content in use is ended (its validity), never deleted."""

from django.core.exceptions import ValidationError

from areas.validity import filter_valid_in_year, names_list, valid_in_year
from budgets.models import Component, SubProject


def check_sub_project_in_year(sub_project: SubProject | None, year: int, *, field: str = "sub_project"):
    """Refuse a sub-project (content) not valid in ``year``, naming the ones that are."""
    if sub_project is None or valid_in_year(sub_project, year):
        return
    valid = filter_valid_in_year(SubProject.objects.order_by("component__program__valid_from", "code"), year)
    raise ValidationError({field: f"«{sub_project}» không có hiệu lực trong năm {year} "
                                  f"({sub_project.validity_text}). Năm {year} chỉ được chọn: "
                                  f"{names_list(valid)}."})


def sub_project_uses(sub_projects) -> list[str]:
    """What refers to the sub-projects, counted in Vietnamese («3 dự toán», «1 kế hoạch»)."""
    from budgets.models import Allocation, Estimate, EstimateGroup, EstimateLine, StatedTotal

    ids = [s.pk for s in sub_projects]
    counts = [
        ("dự toán", Estimate.objects.filter(sub_project__in=ids).count()
         + Estimate.objects.filter(groups__sub_project__in=ids).distinct().count()),
        ("dòng dự toán", EstimateLine.objects.filter(sub_project__in=ids).count()),
        ("nhóm dự toán", EstimateGroup.objects.filter(sub_project__in=ids).count()),
        ("khoản phân bổ", Allocation.objects.filter(sub_project__in=ids).count()),
        ("tổng ghi trong văn bản", StatedTotal.objects.filter(sub_project__in=ids).count()),
        ("kế hoạch", SubProject.plans.through.objects.filter(subproject__in=ids).count()),
    ]
    return [f"{count} {label}" for label, count in counts if count]


def refuse_deletion(row) -> None:
    """Refuse deleting a component or sub-project that records refer to, saying what to do."""
    subs = list(row.sub_projects.all()) if isinstance(row, Component) else [row]
    if uses := sub_project_uses(subs):
        raise ValidationError(
            f"Không xóa được «{row}»: {', '.join(uses)} đang dùng. Hãy ghi «Hiệu lực đến ngày» "
            f"để kết thúc {'hợp phần, dự án' if isinstance(row, Component) else 'nội dung'} này; "
            "hồ sơ cũ vẫn giữ nguyên tham chiếu.")
