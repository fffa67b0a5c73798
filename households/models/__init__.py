from households.models.batch import BatchStatus, ImportBatch
from households.models.household import (
    Classification,
    Gender,
    Household,
    HouseholdClass,
    HouseholdQuerySet,
)
from households.models.mapping import ColumnMapping
from households.models.reference import EthnicGroup, Indicator, PovertyStandard

__all__ = [
    "BatchStatus", "Classification", "ColumnMapping", "EthnicGroup", "Gender", "Household", "HouseholdClass",
    "HouseholdQuerySet", "ImportBatch", "Indicator", "PovertyStandard",
]
