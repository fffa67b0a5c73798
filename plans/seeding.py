"""Real plans as text (the seeds) turned into structured plans, for the demo data and tests."""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from plans.models import Authority, Plan, PlanBlock, PlanKind
from plans.outline import build_blocks
from plans.parsing import clean_line
from plans.revisions import record_revision
from plans.services import _snapshot_header
from vntext import nfc

SEED_DIR = Path(__file__).resolve().parent / "seeds"
_SECTION_START = re.compile(r"^[IVX]+\.\s")


@dataclass
class SeedText:
    title: str
    basis: str
    intro: str
    outline: str
    closing: str
    recipients: list[str]
    authority_lines: list[str]
    signer: str
    year: int
    extras: dict = field(default_factory=dict)


def _lines(path: Path) -> list[str]:
    return [clean_line(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_seed(path: Path) -> SeedText:
    """Split a seed into title, bases, introduction, outline, closing, recipients, signature."""
    lines = _lines(path)
    year = int(re.search(r"năm (\d{4})", next(line for line in lines if "ngày" in line)).group(1))
    start = lines.index("KẾ HOẠCH") + 1
    title, i = [], start
    while i < len(lines) and (lines[i] or not title):
        if lines[i]:
            title.append(lines[i])
        i += 1
    first_section = next(j for j in range(i, len(lines)) if _SECTION_START.match(lines[j]))
    preamble = [line for line in lines[i:first_section] if line]
    basis = [line for line in preamble if line.startswith("Căn cứ")]
    intro = [line for line in preamble if not line.startswith("Căn cứ")]
    recipients_at = lines.index("Nơi nhận:")
    closing_at = max(j for j in range(first_section, recipients_at) if lines[j].startswith("Trên đây"))
    tail = [line for line in lines[recipients_at + 1:] if line]
    recipients = [line.lstrip("- ").rstrip(";.") for line in tail if line.startswith("-")]
    signature = [line for line in tail if not line.startswith("-")]
    return SeedText(
        title=" ".join(title), basis="\n".join(basis), intro=" ".join(intro),
        outline="\n".join(lines[first_section:closing_at]), closing=lines[closing_at],
        recipients=recipients, authority_lines=signature[:-1], signer=signature[-1], year=year,
    )


@transaction.atomic
def create_seed_plan(path: Path, *, kind: str, body, by) -> Plan:
    """A draft plan holding the seed's text, under ``body``'s header (snapshotted)."""
    seed = read_seed(path)
    deputy = any(line.startswith("KT.") for line in seed.authority_lines)
    plan = Plan(kind=kind, year=seed.year, created_by=by, title=nfc(seed.title),
                basis_text=seed.basis, intro=seed.intro, closing=seed.closing,
                recipients="\n".join(seed.recipients), signer_name=seed.signer,
                authority=Authority.DEPUTY if deputy else Authority.HEAD)
    _snapshot_header(plan, body)
    plan.save()
    PlanBlock.objects.bulk_create(build_blocks(plan, seed.outline))
    record_revision(plan, by=by, action="Nhập từ văn bản mẫu")
    return plan


SEEDS = [
    ("000_ha_hoa_doi_thoai_2023.txt", PlanKind.DIALOGUE_CONFERENCES, "UBND huyện Hạ Hoà"),
    ("001_hung_nguyen_da6_2023.txt", PlanKind.DA6_COMMUNICATION, "UBND huyện Hưng Nguyên"),
    ("002_sa_loong_doi_thoai_2023.txt", PlanKind.COMMUNE_DIALOGUE, "UBND xã Sa Loong"),
]
