from households.models.batch import BatchStatus, ImportBatch, ImportSettings
from households.models.household import (
    Classification,
    Gender,
    Household,
    HouseholdClass,
    HouseholdQuerySet,
)
from households.models.mapping import ColumnMapping
from households.models.participation import PastParticipation, PastSource
from households.models.reference import EthnicGroup, Indicator, PovertyStandard
from households.models.review import (
    HouseholdSubmission,
    IdNumberReview,
    ReviewStatus,
    id_number_hash,
)
from households.models.village import CodeSequence, HouseholdCodeRule, Village, village_key

__all__ = [
    "BatchStatus", "Classification", "ColumnMapping", "EthnicGroup", "Gender", "Household", "HouseholdClass",
    "HouseholdQuerySet", "HouseholdSubmission", "PastParticipation", "PastSource", "IdNumberReview", "ImportBatch", "ImportSettings", "Indicator",
    "PovertyStandard", "ReviewStatus", "id_number_hash", "CodeSequence", "HouseholdCodeRule", "Village",
    "village_key",
]
