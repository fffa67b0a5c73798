from dialogues.models.attendance import Attendee, PriorityRule
from dialogues.models.choices import (
    DEFAULT_WEIGHTS,
    Criterion,
    OfficialLevel,
    PetitionStatus,
    PolicyField,
    Quarter,
    ReferralLevel,
    SessionStatus,
)
from dialogues.models.jobs import DocumentJob, JobKind, JobStatus
from dialogues.models.petitions import FollowUp, Petition
from dialogues.models.sessions import DialogueSession, SessionOfficial

__all__ = [
    "DEFAULT_WEIGHTS", "Attendee", "Criterion", "DialogueSession", "DocumentJob", "FollowUp", "JobKind", "JobStatus",
    "OfficialLevel", "Petition",
    "PetitionStatus", "PolicyField", "PriorityRule", "Quarter", "ReferralLevel", "SessionOfficial",
    "SessionStatus",
]
