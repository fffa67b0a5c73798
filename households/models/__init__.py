from households.models.batch import BatchStatus, ImportBatch
from households.models.household import (
    Classification,
    Gender,
    Household,
    HouseholdClass,
    HouseholdQuerySet,
)
from households.models.reference import EthnicGroup, Indicator, PovertyStandard

__all__ = [
    "BatchStatus", "Classification", "EthnicGroup", "Gender", "Household", "HouseholdClass",
    "HouseholdQuerySet", "ImportBatch", "Indicator", "PovertyStandard",
]
