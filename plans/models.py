"""Plans (kế hoạch) as structured data: header snapshot, legal bases, an outline of blocks,
closing block, workflow state, revisions and the document register that numbers them."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from areas.models import AdminUnit, IssuingBody, UnitScopedQuerySet, ValidityMixin, ValidityQuerySet
from documents.official import (
    BASIS,
    BULLET,
    CLAUSE,
    PARAGRAPH,
    POINT,
    SECTION,
    SUBBULLET,
    SUBCLAUSE,
)
from documents.symbols import NUMBER_BLANK, classify_number
from vntext import search_words


class CitationKind(models.TextChoices):
    STATE = "state", "Văn bản hành chính (90/QĐ-TTg)"
    LEGAL = "legal", "Văn bản quy phạm pháp luật (55/2023/TT-BTC)"
    PARTY = "party", "Văn bản của Đảng (05-CT/TW)"
    LAW = "law", "Luật, pháp lệnh (trích dẫn theo tên)"


class BasisLevel(models.TextChoices):
    """The issuers a document is a default basis for (plans drafted from the templates)."""

    COMMUNE = "commune", "Kế hoạch cấp xã"
    PROVINCE = "province", "Kế hoạch cấp tỉnh"


class CitedDocumentQuerySet(ValidityQuerySet):
    def defaults_for(self, *, level: str, kind: str, day):
        """The documents a new plan of ``kind`` by an issuer of ``level`` cites by default on
        ``day``, in their default order (the library is small: the lists are read here)."""
        rows = self.active_on(day).exclude(default_levels=[]).order_by("default_order", "date")
        return [row for row in rows if level in row.default_levels
                and (not row.default_kinds or kind in row.default_kinds)]


class CitedDocument(ValidityMixin):
    """A document plans cite as a legal basis (căn cứ), kept once and reused; its validity says
    for which documents' dates it is offered, and its defaults which new drafts cite it."""

    kind = models.CharField("Loại số hiệu", max_length=10, choices=CitationKind.choices)
    doc_type = models.CharField("Tên loại", max_length=60, help_text="Ví dụ: Quyết định, Thông tư")
    number = models.CharField("Số, ký hiệu", max_length=60, blank=True)
    date = models.DateField("Ngày ban hành", null=True, blank=True)
    issuer = models.CharField("Cơ quan, người ban hành", max_length=200, blank=True)
    title = models.CharField("Trích yếu", max_length=500)
    default_levels = models.JSONField(
        "Căn cứ mặc định của kế hoạch", default=list, blank=True,
        help_text="Kế hoạch mới lập từ mẫu (cấp xã, cấp tỉnh) tự dẫn văn bản này khi còn hiệu lực.")
    default_kinds = models.JSONField(
        "Chỉ cho các loại kế hoạch", default=list, blank=True,
        help_text="Để trống: mọi loại kế hoạch.")
    default_order = models.PositiveSmallIntegerField("Thứ tự trong phần căn cứ", default=0)

    objects = CitedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "Văn bản căn cứ"
        verbose_name_plural = "Văn bản căn cứ"
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["doc_type", "number"], name="cited_document_unique",
                condition=~models.Q(number=""),
                violation_error_message="Văn bản cùng tên loại và số, ký hiệu đã có trong thư viện.")
        ]

    def __str__(self):
        return self.citation

    @property
    def citation(self) -> str:
        """E.g. "Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ phê duyệt …"."""
        if self.kind == CitationKind.LAW:
            return " ".join(p for p in (self.doc_type, self.title) if p)
        parts = [self.doc_type]
        if self.number:
            parts.append(f"số {self.number}")
        if self.date:
            parts.append(f"ngày {self.date.day:02d}/{self.date.month:02d}/{self.date.year}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        parts.append(self.title)
        return " ".join(parts)

    @property
    def number_is_valid(self) -> bool:
        if self.kind == CitationKind.LAW or not self.number:
            return True
        return classify_number(self.number) == self.kind


class PlanKind(models.TextChoices):
    DIALOGUE_CONFERENCES = "dialogue_conferences", "Tổ chức hội nghị đối thoại chính sách tại các xã"
    DA6_COMMUNICATION = "da6_communication", "Truyền thông về giảm nghèo đa chiều hằng năm"
    COMMUNE_DIALOGUE = "commune_dialogue", "Đối thoại của Chủ tịch UBND xã theo quý"
    REVIEW_CONFERENCE = "review_conference", "Hội nghị sơ kết, tổng kết"
    YEARLY_IMPLEMENTATION = "yearly_implementation", ("Thực hiện nội dung truyền thông, nâng cao "
                                                      "năng lực, giám sát hằng năm")
    HOUSEHOLD_REVIEW = "household_review", "Rà soát hộ nghèo, hộ cận nghèo hằng năm"
    BLANK = "blank", "Kế hoạch trống"


class Status(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Chờ phê duyệt"
    RETURNED = "returned", "Trả lại để sửa"
    APPROVED = "approved", "Đã phê duyệt"
    ISSUED = "issued", "Đã ban hành"
    WITHDRAWN = "withdrawn", "Đã thu hồi"


class Authority(models.TextChoices):
    """Who signs (Decree 30 Phụ lục I, mục 7): the head, a deputy, an acting head, by order."""

    HEAD = "head", "Người đứng đầu ký"
    DEPUTY = "deputy", "Cấp phó ký thay (KT.)"
    ACTING = "acting", "Quyền (Q.)"
    BY_ORDER = "by_order", "Thừa lệnh (TL.)"
    DELEGATED = "delegated", "Thừa ủy quyền (TUQ.)"


class PlanQuerySet(UnitScopedQuerySet):
    def for_year(self, year: int):
        return self.filter(year=year)

    def search(self, text: str):
        """Plans whose title, issuer or number holds every word typed, accents ignored."""
        qs = self
        for word in search_words(text):
            qs = qs.filter(search_text__contains=" " + word)
        return qs


class Plan(models.Model):
    kind = models.CharField("Loại kế hoạch", max_length=30, choices=PlanKind.choices)
    status = models.CharField("Trạng thái", max_length=10, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    issuing_body = models.ForeignKey(IssuingBody, verbose_name="Cơ quan ban hành",
                                     on_delete=models.PROTECT, related_name="plans")
    unit = models.ForeignKey(AdminUnit, verbose_name="Đơn vị", on_delete=models.PROTECT,
                             related_name="plans", editable=False)
    # Header snapshot: taken when the plan is created, so it renders as it was issued.
    header_parent = models.TextField("Cơ quan chủ quản (tiêu đề)", blank=True)
    header_name = models.TextField("Cơ quan ban hành (tiêu đề)")
    issuer_abbr = models.CharField("Chữ viết tắt cơ quan", max_length=40)
    issuer_name = models.CharField("Tên gọi cơ quan", max_length=200)
    place_name = models.CharField("Địa danh", max_length=100)
    is_collective = models.BooleanField("Cơ quan tập thể", default=True)
    collective_name = models.CharField("Tên tập thể", max_length=120, blank=True)
    head_title = models.CharField("Chức danh người đứng đầu", max_length=80)
    deputy_title = models.CharField("Chức danh cấp phó", max_length=80)
    type_abbr = models.CharField("Viết tắt tên loại", max_length=10, default="KH")
    number = models.PositiveIntegerField("Số", null=True, blank=True)
    issue_date = models.DateField("Ngày ban hành", null=True, blank=True)
    # The register (sổ đăng ký) the number was taken from: the issue date's year, which for a
    # next-year plan issued in December is not the plan's ``year``.
    register_year = models.PositiveSmallIntegerField("Năm sổ đăng ký", null=True, blank=True,
                                                     editable=False)
    approved_at = models.DateTimeField("Thời điểm phê duyệt", null=True, blank=True,
                                       editable=False)
    # One-use token of the form that created the draft: a second submit finds the first draft.
    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("Năm", db_index=True)
    title = models.CharField("Trích yếu", max_length=500)
    subprojects = models.ManyToManyField("budgets.SubProject", verbose_name="Tiểu dự án",
                                         blank=True, related_name="plans")
    estimate = models.ForeignKey("budgets.Estimate", verbose_name="Dự toán kinh phí",
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="plans")
    bases = models.ManyToManyField(CitedDocument, verbose_name="Văn bản căn cứ", blank=True,
                                   through="PlanBasis", related_name="plans")
    basis_text = models.TextField("Căn cứ khác", blank=True,
                                  help_text="Căn cứ viết tự do (ví dụ Luật), mỗi dòng một căn cứ.")
    intro = models.TextField("Đoạn mở đầu", blank=True,
                             help_text="Ví dụ: «UBND huyện xây dựng Kế hoạch …, cụ thể như sau:»")
    closing = models.TextField("Đoạn kết", blank=True)
    authority = models.CharField("Thẩm quyền ký", max_length=10, choices=Authority.choices,
                                 default=Authority.DEPUTY)
    # Whether «TM. <tập thể>» heads the signature block: defaults from the issuing body, chosen
    # per plan (a collective's plan signed by order of its head usually leaves it out).
    collective_line = models.BooleanField(
        "In dòng «TM. …» (thay mặt tập thể)", default=True,
        help_text="Bỏ chọn khi người đứng đầu ký với tư cách cá nhân hoặc ký thừa lệnh.")
    signer_name = models.CharField("Người ký", max_length=100, blank=True)
    signer_title = models.CharField("Chức danh người ký (TL., TUQ.)", max_length=100, blank=True)
    recipients = models.TextField("Nơi nhận", blank=True,
                                  help_text="Mỗi dòng một nơi nhận; dòng cuối «Lưu: VT, …».")
    stated_total = models.BigIntegerField(
        "Tổng kinh phí ghi trong văn bản (đồng)", null=True, blank=True,
        help_text="Chỉ điền khi văn bản ghi một con số tổng; hệ thống đối chiếu với dự toán.")
    # The warnings the leader acknowledged on the confirmation page, kept with the issue.
    issue_acknowledgements = models.JSONField("Cảnh báo đã xác nhận khi ban hành", default=list,
                                              blank=True, editable=False)
    withdrawn_at = models.DateTimeField("Thời điểm thu hồi", null=True, blank=True,
                                        editable=False)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người thu hồi",
                                     null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", editable=False)
    withdrawal_reason = models.TextField("Lý do thu hồi", blank=True, editable=False)
    issued_pdf = models.FileField("Bản PDF đã ban hành", upload_to="plans/issued/%Y/", blank=True)
    issued_docx = models.FileField("Bản DOCX đã ban hành", upload_to="plans/issued/%Y/", blank=True)
    search_text = models.CharField(max_length=800, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người tạo",
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("Ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("Cập nhật", auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "Kế hoạch"
        verbose_name_plural = "Kế hoạch"
        ordering = ["-year", "-updated_at"]
        indexes = [
            models.Index(fields=["unit", "year", "status"]),
            # The list: a unit's plans of a year, newest first, read in index order.
            models.Index(fields=["unit", "-year", "-updated_at"], name="plan_list_order"),
        ]
        constraints = [
            # The same key as RegisterCounter: one register per body, type and issue year.
            models.UniqueConstraint(
                fields=["issuing_body", "type_abbr", "register_year", "number"],
                condition=models.Q(number__isnull=False), name="plan_number_unique",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        number = f"{self.number:02d}/{self.type_abbr}-{self.issuer_abbr}" if self.number else ""
        words = search_words(f"{self.title} {self.issuer_name} {number}")
        self.search_text = "".join(" " + word for word in words)[:800]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("plans:plan-detail", args=[self.pk])

    @property
    def symbol(self) -> str:
        """"05/KH-UBND"; a draft keeps the blank the văn thư fills in ("      /KH-UBND")."""
        number = f"{self.number:02d}" if self.number else NUMBER_BLANK
        return f"{number}/{self.type_abbr}-{self.issuer_abbr}"

    @property
    def is_frozen(self) -> bool:
        """Issued, or issued then withdrawn: the stored files are the record, never re-rendered."""
        return self.status in (Status.ISSUED, Status.WITHDRAWN)

    @property
    def status_badge(self) -> str:
        """Bootstrap colour of the status badge."""
        return {Status.ISSUED: "text-bg-success", Status.WITHDRAWN: "text-bg-dark",
                Status.APPROVED: "text-bg-primary", Status.SUBMITTED: "text-bg-warning",
                Status.RETURNED: "text-bg-danger"}.get(self.status, "text-bg-secondary")

    @property
    def is_editable(self) -> bool:
        return self.status in (Status.DRAFT, Status.RETURNED)

    @property
    def parent_lines(self) -> list[str]:
        return [line for line in self.header_parent.splitlines() if line.strip()]

    @property
    def name_lines(self) -> list[str]:
        return [line for line in self.header_name.splitlines() if line.strip()]

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class PlanBasis(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="basis_links")
    document = models.ForeignKey(CitedDocument, verbose_name="Văn bản",
                                 on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "document"], name="plan_basis_unique")
        ]

    def __str__(self):
        return str(self.document)


class BlockKind(models.TextChoices):
    SECTION = SECTION, "Mục (I., II.)"
    CLAUSE = CLAUSE, "Khoản (1., 2.)"
    SUBCLAUSE = SUBCLAUSE, "Tiểu khoản (1.1.)"
    POINT = POINT, "Điểm (a), b))"
    BULLET = BULLET, "Gạch đầu dòng (-)"
    SUBBULLET = SUBBULLET, "Gạch cấp hai (+)"
    PARAGRAPH = PARAGRAPH, "Đoạn văn"
    BASIS = BASIS, "Căn cứ (in nghiêng)"


# Outline depth of each kind; indent moves one step deeper, outdent one step up.
LADDER = [BlockKind.SECTION, BlockKind.CLAUSE, BlockKind.SUBCLAUSE, BlockKind.POINT,
          BlockKind.BULLET, BlockKind.SUBBULLET]


class LiveBlock(models.TextChoices):
    NONE = "", "Không"
    BUDGET = "budget", "Kinh phí (tính từ dự toán)"
    SCHEDULE = "schedule", "Thời gian, địa điểm (từ các buổi đối thoại)"


class PlanBlock(models.Model):
    """One paragraph of the body in outline order; its marker (I., 1., a) …) is computed."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField("Thứ tự")
    kind = models.CharField("Loại", max_length=10, choices=BlockKind.choices,
                            default=BlockKind.PARAGRAPH)
    text = models.TextField("Nội dung", blank=True)
    titled = models.BooleanField("Tiêu đề in đậm", default=False)
    live = models.CharField("Khối tự động", max_length=10, choices=LiveBlock.choices,
                            default=LiveBlock.NONE, blank=True)
    required_key = models.CharField(max_length=40, blank=True, editable=False,
                                    help_text="Mục bắt buộc của loại kế hoạch")

    class Meta:
        verbose_name = "Đoạn nội dung"
        verbose_name_plural = "Nội dung"
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["plan", "position"])]

    def __str__(self):
        return self.text[:80]

    @property
    def depth(self) -> int:
        """Outline depth for moving subtrees: paragraphs belong to the heading above them."""
        if self.kind in LADDER:
            return LADDER.index(self.kind)
        return len(LADDER)


class PlanRevision(models.Model):
    """A snapshot of the whole plan after a change: who, when, what."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    at = models.DateTimeField("Thời điểm", auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người thực hiện",
                             null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField("Thao tác", max_length=200)
    comment = models.TextField("Ý kiến", blank=True)
    snapshot = models.JSONField("Nội dung", default=dict)

    class Meta:
        verbose_name = "Phiên bản"
        verbose_name_plural = "Lịch sử thay đổi"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"


class RegisterCounter(models.Model):
    """The document register (sổ đăng ký văn bản): last number per body, type and the year
    of the issue date (Plan.register_year)."""

    issuing_body = models.ForeignKey(IssuingBody, on_delete=models.PROTECT, related_name="+")
    type_abbr = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Sổ đăng ký văn bản"
        verbose_name_plural = "Sổ đăng ký văn bản"
        constraints = [
            models.UniqueConstraint(fields=["issuing_body", "type_abbr", "year"],
                                    name="register_counter_unique")
        ]

    def __str__(self):
        return f"{self.issuing_body} {self.type_abbr} {self.year}: {self.last_number}"
