"""Budgets: the program catalog, allocations, estimates with norms, and their execution."""

from budgets.models.allocations import Allocation, AllocationDecision
from budgets.models.catalog import Component, FundingSource, Program, SubProject
from budgets.models.estimates import DisplayUnit, Estimate, EstimateGroup, EstimateLine
from budgets.models.execution import Disbursement
from budgets.models.norms import Norm, Severity

__all__ = [
    "Allocation", "AllocationDecision", "Component", "Disbursement", "DisplayUnit", "Estimate",
    "EstimateGroup", "EstimateLine", "FundingSource", "Norm", "Program", "Severity", "SubProject",
]
