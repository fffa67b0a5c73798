"""Checks over the plan's own words: each a warning with the place to fix and, where safe, a
one-click fix (see ``plans.textchecks.fixes``). Nothing here writes; the checks only read."""

import dataclasses

from areas.models import IssuingBody
from plans.models import Plan
from plans.problems import Problem
from plans.textchecks.amounts import total_problems
from plans.textchecks.citations import citation_consistency_problems
from plans.textchecks.era import era_problems
from plans.textchecks.headings import heading_case_problems
from plans.textchecks.money_words import money_word_problems
from plans.textchecks.pasted import pasted_text_problems
from plans.textchecks.recipients import keep_line_problems, known_units
from plans.textchecks.source import paragraphs
from plans.textchecks.wording import doubled_word_problems, misspelling_problems


def text_problems(plan: Plan, blocks=None) -> list[Problem]:
    """Every text check over ``plan`` (its blocks may be passed in when already loaded)."""
    lines = paragraphs(plan, blocks)
    header_lines = [*plan.parent_lines, *plan.name_lines]
    bodies = list(IssuingBody.objects.values_list("name", "abbreviation"))
    bodies.append((plan.header_name, plan.issuer_abbr))
    problems = (total_problems(lines) + money_word_problems(lines) + doubled_word_problems(lines)
                + misspelling_problems(lines) + pasted_text_problems(lines, header_lines)
                + keep_line_problems(plan.recipients, known_units(bodies))
                + citation_consistency_problems(lines) + heading_case_problems(lines) + _era_problems(plan, lines))
    texts = {line.target: line.text for line in lines} | {"field-recipients": plan.recipients}
    return [_seen(problem, texts) for problem in problems]


def _era_problems(plan: Plan, lines) -> list[Problem]:
    """Pre-reform words, only in a plan drafted in the wording after 1 July 2025."""
    from plans.wording import PRE_REFORM, wording_level

    if wording_level(plan.issuing_body, plan.year) == PRE_REFORM:
        return []
    return era_problems(lines, plan.recipients)


def _seen(problem: Problem, texts: dict[str, str]) -> Problem:
    """The problem with its fix bound to the text it was computed on."""
    fix = problem.fix
    if fix is None:
        return problem
    seen = "\x1e".join(texts.get(target, "") for target in (fix.target, fix.other) if target)
    return dataclasses.replace(problem, fix=dataclasses.replace(fix, seen=seen))
