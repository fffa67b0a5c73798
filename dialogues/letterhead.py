"""The commune's letterhead and signer on a session's letters and records (invitations, minutes).

The header is the commune's own issuing body in the session's year, else the plan's snapshot
(dialogues.sheets.session_header); the signer follows how a plan carries its signature block
(«TM. ỦY BAN NHÂN DÂN», «KT. CHỦ TỊCH», «PHÓ CHỦ TỊCH», the name).
"""

import re
from dataclasses import dataclass

from areas.models import IssuingBody
from dialogues.models import DialogueSession
from dialogues.roles import RoleHolder
from dialogues.sheets import Header, session_header
from documents.numbering import number_blocks
from documents.official import OfficialDocument, Signature
from plans.documents import signature as plan_signature

# A body paragraph folds runs of spaces (vntext.nfc), non-breaking ones too: a blank the
# văn thư fills in by hand is written there as a dotted leader, «số……/KH-UBND ngày……tháng……».
_BLANK_RUN = re.compile("\u00a0{2,}")
DOTTED_BLANK = "\u2026\u2026"


def dotted_blanks(text: str) -> str:
    """``text`` with its fixed-width blanks (documents.dates, documents.symbols) as dotted leaders."""
    return _BLANK_RUN.sub(DOTTED_BLANK, text)


class _CommuneStandIn:
    """The usual commune People's Committee, for a commune whose issuing body is not recorded."""

    is_collective, collective_name = True, "ỦY BAN NHÂN DÂN"
    head_title, deputy_title = "CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    pk = None

    def __init__(self, session: DialogueSession):
        self.display_name = f"UBND {unit_in_text(session.commune)}"


def unit_in_text(unit) -> str:
    """A unit as a sentence names it, the category in lower case: «xã Sa Loong» (Decree 30, Phụ lục II)."""
    if unit.kind and unit.short_name:
        return f"{unit.kind.lower()} {unit.short_name}"
    return unit.name


def commune_body(session: DialogueSession) -> IssuingBody | None:
    """The commune's own issuing body in the session's year (as dialogues.sheets.session_header)."""
    return IssuingBody.objects.filter(unit=session.commune).active_on(session.reference_date).first()


def _signature_of(body, *, rank: str, signer: str) -> Signature:
    lines = [f"TM. {body.collective_name.upper()}"] if body.is_collective and body.collective_name else []
    if rank == "deputy":
        lines += [f"KT. {body.head_title.upper()}", body.deputy_title.upper()]
    else:
        lines.append(body.head_title.upper())
    return Signature(lines, signer=signer)


def letter_signature(session: DialogueSession, body=None) -> Signature:
    """Who signs the commune's letters: the chair when the chair heads or deputises for the
    commune's body; else the plan's signer when the plan is that body's; else the body's head
    with the name left for the signer to write. A letter under the plan's header is the plan's."""
    body = body or commune_body(session)
    if body is None and session.plan_id:
        return plan_signature(session.plan)
    body = body or _CommuneStandIn(session)
    chair = RoleHolder.parse(session.chair)
    if chair and (rank := chair.rank_in(body, session.commune.name)):
        return _signature_of(body, rank=rank, signer=chair.name)
    plan = session.plan
    if plan is not None and plan.issuing_body_id == body.pk and plan.signer_name:
        return plan_signature(plan)
    return _signature_of(body, rank="head", signer="")


def issuer_name(session: DialogueSession, body=None) -> str:
    """The body as the letter's sentences name it, «UBND xã Sa Loong»."""
    body = body or commune_body(session)
    if body is not None:
        return body.display_name
    return session.plan.issuer_name if session.plan_id else f"UBND {unit_in_text(session.commune)}"


@dataclass(frozen=True)
class Letterhead:
    """What every letter of one session shares, read once for a batch of letters."""

    header: Header
    issuer: str  # «UBND xã Sa Loong», as the sentences name the body
    signature: Signature


def letterhead(session: DialogueSession) -> Letterhead:
    body = commune_body(session)
    return Letterhead(session_header(session), issuer_name(session, body), letter_signature(session, body))


def commune_document(session: DialogueSession, head: Letterhead, *, type_name: str, type_abbr: str,
                     title: str, blocks, recipients: list[str], signature: Signature | None = None,
                     co_signature: Signature | None = None) -> OfficialDocument:
    """A document of the commune about ``session``: its header, a blank number for the văn thư,
    dated the session's day (blanks before it is fixed), markers computed; signed as
    ``head`` says unless ``signature`` is given."""
    header = head.header
    return OfficialDocument(parent_lines=header.parent_lines, issuer_lines=header.issuer_lines,
                            type_name=type_name, type_abbr=type_abbr, issuer_abbr="UBND",
                            place_name=header.place_name or session.commune.short_name, year=session.year,
                            title=title, blocks=number_blocks(blocks), recipients=recipients,
                            signature=signature or head.signature, co_signature=co_signature,
                            issue_date=session.day)
