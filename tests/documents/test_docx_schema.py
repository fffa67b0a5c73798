"""Every Word file the app writes keeps WordprocessingML's element order (ECMA-376 Part 1).

Word treats children of w:pPr, w:rPr, w:tblPr, w:tcPr, w:sectPr … as xsd:sequence: out of
order, it reports the file as damaged and "repairs" it. The sequences below are copied from
the schema (wml.xsd, transitional: CT_PPrBase + CT_PPr, EG_RPrBase with CT_ParaRPr's
revision marks, CT_TblPrBase, CT_TcPrBase, CT_SectPr, CT_Tbl, CT_Row, CT_Tc, CT_Style,
CT_DocDefaults, CT_Font, the start of CT_Settings).
"""

import datetime
import io
import zipfile
from types import SimpleNamespace

import pytest
from lxml import etree

from dialogues import documents as dialogue_documents
from documents.docx import render_docx
from documents.sample import sample_document
from plans.documents import plan_docx
from plans.models import PlanKind
from plans.seeding import SEED_DIR, create_seed_plan
from tests.dialogues.factories import AttendeeFactory, PetitionFactory, ScheduledSessionFactory
from tests.factories import IssuingBodyFactory

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SEQUENCES = {
    "pPr": [
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
        "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
        "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
        "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
        "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    ],
    "rPr": [
        "ins", "del", "moveFrom", "moveTo",  # CT_ParaRPr only (the paragraph mark)
        "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
        "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
        "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u",
        "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
        "eastAsianLayout", "specVanish", "oMath", "rPrChange",
    ],
    "tblPr": [
        "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
        "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
        "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
    ],
    "tblBorders": ["top", "left", "start", "bottom", "right", "end", "insideH", "insideV"],
    "tblCellMar": ["top", "left", "start", "bottom", "right", "end"],
    "tcPr": [
        "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
        "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
        "cellMerge", "tcPrChange",
    ],
    "sectPr": [
        "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
        "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign",
        "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
        "printerSettings", "sectPrChange",
    ],
    "tbl": ["bookmarkStart", "bookmarkEnd", "tblPr", "tblGrid", "tr"],
    "tr": ["tblPrEx", "trPr", "tc"],
    "tc": ["tcPr", "p", "tbl"],
    "p": ["pPr", "r", "fldSimple", "hyperlink", "bookmarkStart", "bookmarkEnd"],
    "r": ["rPr", "t", "tab", "br", "fldChar", "instrText"],
    "docDefaults": ["rPrDefault", "pPrDefault"],
    "style": [
        "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
        "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
        "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
    ],
    "font": [
        "altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig", "embedRegular",
        "embedBold", "embedItalic", "embedBoldItalic",
    ],
    "settings": [
        "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
        "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
        "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
        "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
        "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
        "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
        "proofState", "formsDesign", "attachedTemplate", "linkStyles",
        "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
        "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
        "documentProtection", "autoFormatOverride", "styleLockTheme", "styleLockQFSet",
        "defaultTabStop",
    ],
}
# Parts whose order is a set of choices, not a sequence, in the elements we check.
UNORDERED_INSIDE = {"r": {"t", "tab", "br", "fldChar", "instrText"}}
PARTS = ("word/document.xml", "word/styles.xml", "word/settings.xml", "word/fontTable.xml")


def order_problems(xml: bytes, part: str) -> list[str]:
    """'part: parent: child after later-child' for every child out of its schema position."""
    problems = []
    for parent in etree.fromstring(xml).iter():
        if not isinstance(parent.tag, str) or not parent.tag.startswith(W):
            continue
        name = parent.tag.removeprefix(W)
        sequence = SEQUENCES.get(name)
        if sequence is None:
            continue
        last, last_name = -1, ""
        for child in parent:
            if not isinstance(child.tag, str) or not child.tag.startswith(W):
                continue
            child_name = child.tag.removeprefix(W)
            if name == "settings" and child_name not in sequence:
                break  # only the head of CT_Settings is listed: stop where it ends
            if child_name not in sequence:
                problems.append(f"{part}: {name} has unexpected {child_name}")
                continue
            if child_name in UNORDERED_INSIDE.get(name, ()):
                continue
            position = sequence.index(child_name)
            if position < last:
                problems.append(f"{part}: {name}: {child_name} after {last_name}")
            last, last_name = position, child_name
    return problems


def package_problems(content: bytes) -> list[str]:
    problems = []
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        names = [n for n in package.namelist() if n in PARTS or n.startswith("word/header")]
        for name in names:
            problems += order_problems(package.read(name), name)
    return problems


HA_HOA = SimpleNamespace(
    parent_lines=["UBND HUYỆN HẠ HÒA"], name_lines=["PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"],
    abbreviation="LĐTBXH", place_name="Hạ Hoà", display_name="Phòng LĐ-TB&XH huyện Hạ Hoà",
    is_collective=False, collective_name="", head_title="TRƯỞNG PHÒNG",
    deputy_title="PHÓ TRƯỞNG PHÒNG",
)


def test_the_checker_finds_an_element_out_of_order():
    xml = (b'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b'<w:pPr><w:jc w:val="both"/><w:spacing w:after="0"/></w:pPr></w:p>')
    assert order_problems(xml, "x") == ["x: pPr: spacing after jc"]


@pytest.mark.parametrize("issued", [True, False], ids=["issued", "draft"])
def test_sample_document_is_in_schema_order(issued):
    doc = sample_document(HA_HOA, number=5 if issued else None,
                          issue_date=datetime.date(2024, 1, 5) if issued else None, year=2024)
    assert package_problems(render_docx(doc)) == []


@pytest.mark.parametrize("seed", ["000_ha_hoa_doi_thoai_2023.txt", "001_hung_nguyen_da6_2023.txt",
                                  "002_sa_loong_doi_thoai_2023.txt"])
def test_seed_plans_are_in_schema_order(seed, officer, own_unit):
    plan = create_seed_plan(SEED_DIR / seed, kind=PlanKind.BLANK,
                            body=IssuingBodyFactory(unit=own_unit), by=officer)
    assert package_problems(plan_docx(plan)) == []


@pytest.fixture
def held_session(own_unit):
    session = ScheduledSessionFactory(commune=own_unit, target=5)
    AttendeeFactory(session=session, full_name="Lò Thị Mời", gender="F", present=True)
    PetitionFactory(session=session)
    return session


def test_invitation_minutes_and_report_are_in_schema_order(held_session):
    person = held_session.attendees.first()
    documents = [dialogue_documents.invitation(held_session, person),
                 dialogue_documents.minutes(held_session)]
    for doc in documents:
        assert package_problems(render_docx(doc)) == []
    assert package_problems(dialogue_documents.minutes_download(held_session, "docx").content) == []
