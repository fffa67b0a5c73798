"""Budgets: the program catalog, allocations, estimates with norms, and their execution."""

from budgets.models.catalog import Component, FundingSource, Program, SubProject

__all__ = ["Component", "FundingSource", "Program", "SubProject"]
