"""Budgets: the program catalog, allocations, estimates with norms, and their execution."""

from budgets.models.allocations import Allocation, AllocationDecision
from budgets.models.catalog import Component, FundingSource, Program, SubProject
from budgets.models.estimates import DisplayUnit, Estimate, EstimateGroup, EstimateLine, StatedTotal
from budgets.models.execution import Disbursement
from budgets.models.imports import EstimateImport, ImportMode, ImportStatus
from budgets.models.norms import Norm, Severity

__all__ = [
    "Allocation", "AllocationDecision", "Component", "Disbursement", "DisplayUnit", "Estimate",
    "EstimateGroup", "EstimateImport", "EstimateLine", "FundingSource", "ImportMode", "ImportStatus", "Norm",
    "Program", "Severity", "StatedTotal", "SubProject",
]
