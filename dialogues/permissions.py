"""Yes/no predicates on dialogue sessions; services enforce them, templates get them as flags.

Planners and commune staff of the host commune (or a unit above or before it) run a session:
schedule it, register citizens, check them in, record petitions. Leaders and finance officers
read; finance sees payment lists but not ethnicity (domain.md §7.4). Administrators manage
reference data and see everything, but do not handle citizens' registrations.
"""

from areas.models import Role
from areas.scope import has_role, units_in_role
from dialogues.models import DialogueSession, Petition

RUN_ROLES = (Role.PLANNER, Role.COMMUNE_STAFF)
SENSITIVE_ROLES = (Role.PLANNER, Role.COMMUNE_STAFF, Role.LEADER)


def _units(user, roles) -> set[int]:
    cache = user.__dict__.setdefault("_dialogue_units", {})
    if roles not in cache:
        cache[roles] = units_in_role(user, *roles)
    return cache[roles]


def can_create_session(user, commune) -> bool:
    return commune.pk in _units(user, RUN_ROLES)


def can_create_series(user, plan) -> bool:
    """A series of sessions comes from a plan of a unit where the user plans."""
    return plan.unit_id in _units(user, (Role.PLANNER,))


def can_run_session(user, session: DialogueSession) -> bool:
    return session.commune_id in _units(user, RUN_ROLES)


def can_register(user, session: DialogueSession) -> bool:
    return session.accepts_registration and can_run_session(user, session)


def can_check_in(user, session: DialogueSession) -> bool:
    return session.accepts_check_in and can_run_session(user, session)


def can_see_ethnicity(user, session: DialogueSession) -> bool:
    return session.commune_id in _units(user, SENSITIVE_ROLES)


def can_record_petition(user, session: DialogueSession) -> bool:
    return session.accepts_petitions and can_run_session(user, session)


def can_follow_up(user, petition: Petition) -> bool:
    return petition.is_open and can_run_session(user, petition.session)


def can_edit_priorities(user, unit) -> bool:
    return unit.pk in _units(user, (Role.PLANNER,))


def can_manage_priorities(user) -> bool:
    return has_role(user, Role.PLANNER)


def can_use_dialogues(user) -> bool:
    return has_role(user, *RUN_ROLES)


def flags(user, session: DialogueSession) -> dict[str, bool]:
    """Every predicate for one session, for templates."""
    return {
        "can_run": can_run_session(user, session),
        "can_register": can_register(user, session),
        "can_check_in": can_check_in(user, session),
        "can_see_ethnicity": can_see_ethnicity(user, session),
        "can_record_petition": can_record_petition(user, session),
    }
