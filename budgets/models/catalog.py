"""The program catalog as data: programs, components (Dự án), sub-projects and funding sources.

They change with the law (the 2026–2035 merged program is still being structured), so they
are rows with validity dates that administrators edit, never Python enums.
"""

from django.db import models

from areas.models import ValidityMixin, ValidityQuerySet


class Program(ValidityMixin):
    """A national target program for one period, e.g. MTQG giảm nghèo bền vững 2021–2025."""

    code = models.CharField("Mã chương trình", max_length=30, unique=True)
    name = models.CharField("Tên chương trình", max_length=300)
    legal_basis = models.CharField(
        "Văn bản phê duyệt", max_length=200, blank=True, help_text="Ví dụ: Quyết định 90/QĐ-TTg"
    )

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "Chương trình"
        verbose_name_plural = "Chương trình"
        ordering = ["valid_from", "code"]

    def __str__(self):
        return self.name

    def clean(self):
        self.clean_validity()


class Component(ValidityMixin):
    """A component of a program: a Dự án of 2021–2025 (DA6 Truyền thông và giảm nghèo về thông
    tin) or a Hợp phần of 2026–2035; ended by its validity, never deleted while in use."""

    program = models.ForeignKey(
        Program, verbose_name="Chương trình", on_delete=models.PROTECT, related_name="components"
    )
    code = models.CharField("Mã dự án", max_length=20, help_text="Ví dụ: DA6")
    name = models.CharField("Tên dự án", max_length=300)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    verified = models.BooleanField(
        "Đã đối chiếu văn bản gốc", default=True,
        help_text="Bỏ chọn khi tên, nội dung được ghi tạm theo tin đã công bố, chưa đối chiếu văn bản.")
    note = models.TextField("Ghi chú nguồn", blank=True)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "Dự án thành phần"
        verbose_name_plural = "Dự án thành phần"
        ordering = ["program", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="component_code_unique")
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def clean(self):
        self.clean_validity()


class SubProjectQuerySet(ValidityQuerySet):
    def with_catalog(self):
        return self.select_related("component__program")


class SubProject(ValidityMixin):
    """A sub-project (Tiểu dự án) of a component, e.g. DA6-TDA2 Truyền thông về giảm nghèo đa chiều."""

    component = models.ForeignKey(
        Component, verbose_name="Dự án", on_delete=models.PROTECT, related_name="sub_projects"
    )
    code = models.CharField("Mã tiểu dự án", max_length=30, help_text="Ví dụ: DA6-TDA2")
    short_code = models.CharField("Mã rút gọn", max_length=20, help_text="Ví dụ: TDA2")
    name = models.CharField("Tên tiểu dự án", max_length=300)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)
    verified = models.BooleanField(
        "Đã đối chiếu văn bản gốc", default=True,
        help_text="Bỏ chọn khi nội dung được ghi tạm, chưa đối chiếu văn bản của bộ, ngành.")

    objects = SubProjectQuerySet.as_manager()

    class Meta:
        verbose_name = "Tiểu dự án"
        verbose_name_plural = "Tiểu dự án"
        ordering = ["component__program", "component__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["component", "code"], name="subproject_code_unique")
        ]

    def __str__(self):
        return f"{self.code} – {self.name}"

    def clean(self):
        self.clean_validity()


class FundingSource(ValidityMixin):
    """A source of funds (nguồn vốn) named on every budget line, e.g. NSTW_SN."""

    code = models.CharField("Mã nguồn vốn", max_length=20, unique=True)
    name = models.CharField("Tên nguồn vốn", max_length=200)
    short_name = models.CharField("Tên ngắn", max_length=60)
    order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = "Nguồn vốn"
        verbose_name_plural = "Nguồn vốn"
        ordering = ["order", "code"]

    def __str__(self):
        """The full name: a user reads «Vốn huy động hợp pháp khác (doanh nghiệp, cộng đồng, …)»,
        never a code or a clipped name."""
        return self.name

    def clean(self):
        self.clean_validity()
