"""Which wording a new plan is drafted in: the issuer's level (commune or province) and era
(before or after the reform of 1 July 2025), and the words filled into it from data (the
programme and poverty standard valid for the year, the default legal bases of the library).

A plan is dated by its year; an issuer that only began during the year (a commune of 1 July
2025) is dated from its first day. Before the reform, and for a district issuer, the wording
offices used then is kept (``pre_reform``), so a copy of a 2023 plan still reads as it did.
"""

import datetime

from django.apps import apps

from areas.models import REFORM_DATE, IssuingBody, UnitLevel
from documents.money import format_vnd
from plans.kinds import BLANK, KindTemplate, RequiredSection
from plans.wording import commune, current, pre_reform, province

PRE_REFORM, COMMUNE, PROVINCE = "pre_reform", "commune", "province"
_LEVELS = {COMMUNE: commune, PROVINCE: province}


def reference_day(body: IssuingBody, year: int) -> datetime.date:
    """The first day of ``year`` the body may issue on (its start, if it began that year)."""
    first = datetime.date(year, 1, 1)
    return max(first, body.valid_from) if body.valid_from and body.valid_from.year == year else first


def wording_level(body: IssuingBody, year: int) -> str:
    """PRE_REFORM, COMMUNE or PROVINCE: the wording a plan of ``body`` for ``year`` is drafted in."""
    level = body.unit.level
    if level == UnitLevel.DISTRICT or reference_day(body, year) < REFORM_DATE:
        return PRE_REFORM
    return PROVINCE if level == UnitLevel.PROVINCE else COMMUNE


def required_sections(kind: str) -> list[RequiredSection]:
    if kind in current.SHARED:
        return current.SHARED[kind][4]
    return pre_reform.TEMPLATES.get(kind, BLANK).required


def template_for(kind: str, level: str) -> KindTemplate:
    """The template of ``kind`` in the wording of ``level`` (PRE_REFORM, COMMUNE, PROVINCE)."""
    if level == PRE_REFORM or kind not in current.SHARED:
        return pre_reform.TEMPLATES[kind]
    title, intro, outline, closing, required, budget_after, schedule_after = current.SHARED[kind]
    module = _LEVELS[level]
    return KindTemplate(
        title=title, intro=intro, closing=closing, required=required,
        outline=outline.replace("{organisation}", module.ORGANISATION[kind]),
        recipients=list(module.RECIPIENTS), live_budget_after=budget_after,
        live_schedule_after=schedule_after)


def _unit_kind(body: IssuingBody) -> str:
    kind = body.unit.kind.lower()
    return "thành phố" if kind.startswith("thành phố") else kind


def _programme_words(day: datetime.date) -> dict:
    if not apps.is_installed("budgets"):
        return {"programme": "Chương trình mục tiêu quốc gia"}
    from budgets.models import Program

    program = Program.objects.active_on(day).order_by("-valid_from").first()
    return {"programme": program.name if program else "Chương trình mục tiêu quốc gia"}


def _standard_words(year: int) -> dict:
    from households.models import PovertyStandard

    standard = PovertyStandard.for_year(year)
    if standard is None:
        return {"standard": "văn bản quy định chuẩn nghèo hiện hành", "rural_line": "…",
                "urban_line": "…", "urban_term": "khu vực đô thị", "min_deprivations": 3}
    return {"standard": standard.basis_name, "rural_line": format_vnd(standard.rural_line),
            "urban_line": format_vnd(standard.urban_line), "urban_term": standard.urban_term,
            "min_deprivations": standard.min_deprivations}


def template_words(body: IssuingBody, year: int, *, unit_phrase: str) -> dict:
    """Every placeholder's value for a plan of ``body`` for ``year``, the level's phrases
    (participants, …) already filled in."""
    level = wording_level(body, year)
    unit_kind = _unit_kind(body)
    words = {"year": year, "place": body.place_name, "body": body.display_name,
             "unit": unit_phrase, "unit_kind": unit_kind,
             "party": "Thành ủy" if unit_kind == "thành phố" else "Tỉnh ủy"}
    if level == PRE_REFORM:
        return words
    words |= _programme_words(reference_day(body, year))
    if apps.is_installed("households"):
        words |= _standard_words(year)
    for name, phrase in _LEVELS[level].WORDS.items():
        words[name] = phrase.format(**words)
    return words


def draft_texts(kind: str, body: IssuingBody, year: int, *, unit_phrase: str) -> dict:
    """Title, intro, closing, recipients and outline of a new draft, filled in."""
    level = wording_level(body, year)
    template = template_for(kind, level)
    words = template_words(body, year, unit_phrase=unit_phrase)
    return {"template": template, "title": template.title.format(**words),
            "intro": template.intro.format(**words), "closing": template.closing.format(**words),
            "recipients": "\n".join(r.format(**words) for r in template.recipients),
            "outline": template.outline.format(**words)}


def default_bases(kind: str, body: IssuingBody, year: int) -> list:
    """The library's documents a new draft cites by default (data: each document says for which
    levels and kinds, and its validity for which dates)."""
    from plans.models import CitedDocument

    level = wording_level(body, year)
    if level == PRE_REFORM:
        return []
    return CitedDocument.objects.defaults_for(level=level, kind=kind, day=reference_day(body, year))
