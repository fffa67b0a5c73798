"""Navigation flags for the base template, from the same predicates the views use."""

from areas.scope import is_administrator, role_codes


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "user_roles": role_codes(user),
        "is_administrator": is_administrator(user),
    }
