"""Choices shared by sessions, attendees and petitions."""

from django.db import models


class PolicyField(models.TextChoices):
    POVERTY = "poverty", "Giảm nghèo"
    LABOUR = "labour", "Lao động – việc làm"
    CREDIT = "credit", "Tín dụng"
    HEALTH = "health", "Y tế"
    EDUCATION = "education", "Giáo dục"
    HOUSING = "housing", "Nhà ở"
    AGRICULTURE = "agriculture", "Nông nghiệp"
    OTHER = "other", "Khác"


class Quarter(models.IntegerChoices):
    Q1 = 1, "Quý I"
    Q2 = 2, "Quý II"
    Q3 = 3, "Quý III"
    Q4 = 4, "Quý IV"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Dự kiến"
    SCHEDULED = "scheduled", "Đã lên lịch"
    HELD = "held", "Đã tổ chức"
    REPORTED = "reported", "Đã báo cáo"


class OfficialLevel(models.TextChoices):
    PROVINCE = "province", "Cấp tỉnh"
    DISTRICT = "district", "Cấp huyện"
    COMMUNE = "commune", "Cấp xã"
    VILLAGE = "village", "Thôn, bản"
    ORGANISATION = "organisation", "Đoàn thể, tổ chức"


class Criterion(models.TextChoices):
    WOMAN_HEAD = "woman_head", "Chủ hộ là nữ"
    ETHNIC_MINORITY = "ethnic_minority", "Dân tộc thiểu số"
    POOR = "poor", "Hộ nghèo"
    NEAR_POOR = "near_poor", "Hộ cận nghèo"
    NEWLY_ESCAPED = "newly_escaped", "Hộ mới thoát nghèo"
    NOT_RECENT = "not_recent", "Chưa dự đối thoại trong 12 tháng qua"
    NEVER_ATTENDED = "never_attended", "Chưa từng dự đối thoại"


# Weights used when no unit has configured its own (poor > near-poor > newly escaped, as the seeds ask).
DEFAULT_WEIGHTS = {
    Criterion.WOMAN_HEAD: 3,
    Criterion.ETHNIC_MINORITY: 3,
    Criterion.POOR: 4,
    Criterion.NEAR_POOR: 3,
    Criterion.NEWLY_ESCAPED: 2,
    Criterion.NOT_RECENT: 2,
    Criterion.NEVER_ATTENDED: 3,
}


class PetitionStatus(models.TextChoices):
    ANSWERED = "answered", "Đã trả lời tại hội nghị"
    IN_WRITING = "in_writing", "Trả lời bằng văn bản"
    REFERRED = "referred", "Chuyển cấp trên giải quyết"
    CLOSED = "closed", "Đã giải quyết xong"


class ReferralLevel(models.TextChoices):
    COMMUNE = "commune", "UBND cấp xã"
    DISTRICT = "district", "Cấp huyện / sở, ngành cấp tỉnh"
    PROVINCE = "province", "UBND cấp tỉnh"
    MINISTRY = "ministry", "Bộ, ngành trung ương"
