"""The petition ledger (sổ theo dõi ý kiến, kiến nghị) and its follow-up entries."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse

from areas.models import UnitScopedQuerySet
from dialogues.models.choices import PetitionStatus, PolicyField, ReferralLevel
from dialogues.models.sessions import DialogueSession


def petition_search_text(*parts: str) -> str:
    """The accent-folded words of a petition's texts, space-separated, for searching."""
    from vntext import search_words

    return " ".join(search_words(" ".join(p for p in parts if p)))


OPEN_STATUSES = (PetitionStatus.IN_WRITING, PetitionStatus.REFERRED)
MAX_TEXT = 4000


class PetitionQuerySet(UnitScopedQuerySet):
    unit_field = "session__commune"

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def search(self, text: str):
        """Petitions whose content, raiser or responsible body hold every word typed, accents ignored."""
        from vntext import search_words

        for word in search_words(text):
            self = self.filter(search_text__contains=word)
        return self

    def overdue(self, today: datetime.date):
        return self.open().filter(due_date__lt=today)


class Petition(models.Model):
    """An opinion or request raised at a session, with who answers it, how, and by when."""

    session = models.ForeignKey(DialogueSession, verbose_name="Hội nghị", on_delete=models.PROTECT,
                                related_name="petitions")
    attendee = models.ForeignKey("dialogues.Attendee", verbose_name="Người nêu (trong danh sách)", null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="petitions")
    raised_by = models.CharField("Người nêu ý kiến", max_length=150)
    policy_field = models.CharField("Lĩnh vực", max_length=15, choices=PolicyField.choices)
    content = models.TextField("Nội dung ý kiến, kiến nghị")
    answered_by = models.CharField("Người trả lời", max_length=200, blank=True)
    answer = models.TextField("Nội dung trả lời", blank=True)
    status = models.CharField("Tình trạng", max_length=12, choices=PetitionStatus.choices, db_index=True)
    due_date = models.DateField("Hạn trả lời", null=True, blank=True)
    referral_level = models.CharField("Chuyển đến cấp", max_length=10, choices=ReferralLevel.choices, blank=True)
    responsible_body = models.CharField("Cơ quan chịu trách nhiệm", max_length=300, blank=True)
    closed_on = models.DateField("Ngày giải quyết xong", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người ghi", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("Ghi lúc", auto_now_add=True)
    search_text = models.TextField(editable=False, default="")

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = "Ý kiến, kiến nghị"
        verbose_name_plural = "Ý kiến, kiến nghị"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.content[:80]

    def save(self, *args, **kwargs):
        # A derived search key, like Household.search_name: every way of writing a petition keeps it true.
        self.search_text = petition_search_text(self.raised_by, self.content, self.responsible_body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("dialogues:petition-detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < today


class FollowUp(models.Model):
    """One step in following a petition up, until it is closed."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField("Ngày")
    note = models.TextField("Nội dung")
    closes = models.BooleanField("Đã giải quyết xong", default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="Người ghi", null=True,
                           on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("Ghi lúc", auto_now_add=True)

    class Meta:
        verbose_name = "Theo dõi giải quyết"
        verbose_name_plural = "Theo dõi giải quyết"
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.note[:60]}"
