from django.contrib import admin
from django.utils import timezone

from areas.admin import AdministratorOnly, AdministratorReadsOnly
from audit.models import Action
from audit.services import record
from households.idnumber import digits_of
from households.models import (
    EthnicGroup,
    IdNumberReview,
    ImportSettings,
    Indicator,
    PastParticipation,
    PovertyStandard,
    ReviewStatus,
    id_number_hash,
)


@admin.register(EthnicGroup)
class EthnicGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "other_names"]
    search_fields = ["name", "code"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["number", "dimension", "name", "verified"]


@admin.register(ImportSettings)
class ImportSettingsAdmin(AdministratorOnly, admin.ModelAdmin):
    list_display = ["commune", "codes_required"]
    list_filter = ["codes_required"]
    autocomplete_fields = ["commune"]


@admin.register(PastParticipation)
class PastParticipationAdmin(AdministratorReadsOnly, admin.ModelAdmin):
    """Dialogues households attended before the app held its sessions, as imports and officers recorded
    them: for the administrator to look up; they are recorded and removed (audited) on the household's page."""

    list_display = ["household", "commune", "year", "source", "note", "batch", "recorded_by", "recorded_at"]
    list_filter = ["source", "year"]
    search_fields = ["household__code", "household__head_name"]
    list_select_related = ["household__commune", "batch", "recorded_by"]
    readonly_fields = list_display[:1] + list_display[2:]
    fields = readonly_fields

    @admin.display(description="Xã", ordering="household__commune__name")
    def commune(self, participation):
        return participation.household.commune


@admin.register(PovertyStandard)
class PovertyStandardAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "rural_line", "urban_line", "urban_term", "valid_from", "valid_to",
                    "unverified_indicators"]
    inlines = [IndicatorInline]

    @admin.display(description="Chỉ số chưa đối chiếu văn bản gốc")
    def unverified_indicators(self, standard):
        count = standard.indicators.filter(verified=False).count()
        return f"{count} chỉ số chưa đối chiếu" if count else "Đã đối chiếu đủ"


@admin.register(IdNumberReview)
class IdNumberReviewAdmin(AdministratorOnly, admin.ModelAdmin):
    """Numbers someone tried to register that a household outside their scope holds: the administrator
    finds both households and closes the case. A full number typed in the search box is found by its hash."""

    list_display = ["created_at", "username", "commune", "masked_number", "source", "household", "status"]
    list_filter = ["status", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["username", "masked_number"]
    fields = ["created_at", "username", "commune", "masked_number", "source", "household", "batch", "row",
              "status", "note", "closed_at", "closed_by"]
    readonly_fields = ["created_at", "username", "commune", "masked_number", "source", "household", "batch",
                       "row", "closed_at", "closed_by"]
    actions = ["close_reviews"]

    def has_add_permission(self, request, *args):
        return False

    @admin.display(description="Nguồn")
    def source(self, review):
        return review.source

    def get_search_results(self, request, queryset, search_term):
        digits = digits_of(search_term)
        if digits.isdigit() and len(digits) in (9, 12):
            return queryset.filter(number_hash=id_number_hash(digits)), False
        return super().get_search_results(request, queryset, search_term)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            closed = obj.status == ReviewStatus.CLOSED
            obj.closed_at, obj.closed_by = (timezone.now(), request.user) if closed else (None, None)
        super().save_model(request, obj, form, change)
        record(request.user, Action.CHANGE, obj, request=request, changes={"status": obj.status, "note": obj.note},
               description=f"Kiểm tra số định danh {obj.masked_number}")

    @admin.action(description="Đánh dấu đã xử lý")
    def close_reviews(self, request, queryset):
        for review in queryset.filter(status=ReviewStatus.OPEN):
            review.status, review.closed_at, review.closed_by = ReviewStatus.CLOSED, timezone.now(), request.user
            review.save(update_fields=["status", "closed_at", "closed_by"])
            record(request.user, Action.CHANGE, review, request=request, changes={"status": review.status},
                   description=f"Kiểm tra số định danh {review.masked_number}")
