"""Yes/no predicates on what a user may do with units, issuing bodies and the admin site."""

from areas.scope import is_administrator


def can_manage_reference_data(user) -> bool:
    """Units, issuing bodies and assignments are changed by administrators only."""
    return is_administrator(user)


def can_view_sample_document(user) -> bool:
    return is_administrator(user)
