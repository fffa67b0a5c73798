"""Live blocks: figures a plan shows from linked data instead of retyped numbers.

The "Kinh phí" block reads the plan's linked estimate (budgets app); the "Thời gian, địa
điểm" block reads the dialogue sessions linked to the plan (dialogues app). Each returns an
honest empty value when nothing is linked yet.
"""

from django.apps import apps

from plans.models import Plan


def budget_summary(plan: Plan) -> dict | None:
    """Total, split by sub-project and by funding source, the stated totals' notes and the appendix
    builder; or None."""
    estimate = getattr(plan, "estimate", None)
    if estimate is None:
        return None
    from budgets.documents import estimate_appendix, stated_blocks
    from budgets.naming import sub_project_phrase
    from budgets.services import estimate_summary

    summary = estimate_summary(estimate)
    return {
        "total": summary.total,
        "by_subproject": _labelled({sub_project_phrase(sub) if sub else None: amount
                                    for sub, amount in summary.by_sub_project.items()}, "Chưa xác định tiểu dự án"),
        "by_source": _labelled(summary.by_funding_source, "chưa xác định"),
        "appendix": lambda reference: estimate_appendix(estimate, reference=reference),
        # A total stated in the plan or the allocation that differs from the lines, beside the total.
        "stated": lambda: stated_blocks(estimate),
    }


def _labelled(amounts: dict, missing: str) -> list[tuple[str, int]]:
    """(label, amount) pairs in a stable order, the unassigned share last."""
    known = sorted((str(key), value) for key, value in amounts.items() if key is not None)
    if amounts.get(None):
        known.append((missing, amounts[None]))
    return known


def schedule_lines(plan: Plan) -> list[str]:
    """One line per linked dialogue session (commune, quarter or date, venue, target), then the
    counts: "Tổng số: 18 buổi đối thoại, mỗi buổi 50 người dân (900 người)"."""
    if not apps.is_installed("dialogues") or not hasattr(plan, "dialogue_sessions"):
        return []
    sessions = list(plan.dialogue_sessions.select_related("commune").order_by("pk"))
    if not sessions:
        return []
    lines = [session.schedule_line for session in sessions]
    targets = {session.target for session in sessions}
    total = sum(session.target for session in sessions)
    each = f", mỗi buổi {targets.pop()} người dân" if len(targets) == 1 else ""
    lines.append(f"Tổng số: {len(sessions)} buổi đối thoại{each} ({total} người dân).")
    return lines
