"""How the app names a user to people: family name first, as Vietnamese write it."""


def person(user) -> str:
    """A user's name in Vietnamese order (family name first), or the username; "" for none."""
    if user is None:
        return ""
    name = " ".join(part for part in (user.last_name, user.first_name) if part)
    return name or user.username
