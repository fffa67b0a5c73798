"""The parts of a Word file around the text: defaults, language, fonts, properties.

python-docx starts every file from its own template, which says it was written by
"python-docx" on 2013-12-23, marks the text as American English (so Word underlines every
Vietnamese word), ships a stock thumbnail and a Word 2010 copy of the styles, and spaces
lines at 1.15. Here each of those is replaced by what the document itself says.
"""

from __future__ import annotations

import datetime
from xml.sax.saxutils import escape

from django.utils import timezone
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from documents.docx_css import TextStyle
from documents.docx_fonts import FONT, embed_fallback_font
from documents.docx_xml import W, rpr_xml, twips, xml_safe
from documents.official import OfficialDocument

LANGUAGE = "vi-VN"
APPLICATION = "Giảm nghèo bền vững"
VIETNAM = datetime.timezone(datetime.timedelta(hours=7))
PROPERTY_LIMIT = 255
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def finish_package(word, doc: OfficialDocument, body: TextStyle) -> None:
    """Defaults, language, font fallback and properties of ``word`` taken from ``doc``."""
    _set_defaults(word, body)
    _set_settings(word)
    embed_fallback_font(word)
    _drop_stock_parts(word)
    _set_core_properties(word, doc)
    _set_app_properties(word, doc)


def _fonts_xml() -> str:
    return (f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>')


def _lang_xml() -> str:
    return f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="{LANGUAGE}"/>'


def _set_defaults(word, body: TextStyle) -> None:
    """docDefaults and the Normal style: Times New Roman, body size, vi-VN, the PDF's lines."""
    styles = word.styles.element
    size = rpr_xml(size=body.size).removeprefix("<w:rPr>").removesuffix("</w:rPr>")
    defaults = parse_xml(
        f'<w:docDefaults xmlns:w="{W}"><w:rPrDefault><w:rPr>{_fonts_xml()}{size}{_lang_xml()}'
        f"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>"
        f'<w:spacing w:before="0" w:after="0" w:line="{twips(body.line_pt)}" w:lineRule="atLeast"/>'
        f"</w:pPr></w:pPrDefault></w:docDefaults>")
    styles.replace(styles.find(qn("w:docDefaults")), defaults)
    normal = word.styles["Normal"].element
    for old in normal.findall(qn("w:rPr")):
        normal.remove(old)
    normal.append(parse_xml(f'<w:rPr xmlns:w="{W}">{_fonts_xml()}{_lang_xml()}</w:rPr>'))
    for lang in styles.iter(qn("w:lang")):
        for attr in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(attr), LANGUAGE)


def _set_settings(word) -> None:
    """vi-VN theme language; no stale "spelling is clean" mark; no preview picture on save."""
    settings = word.settings.element
    for name in ("w:proofState", "w:savePreviewPicture"):
        for element in settings.findall(qn(name)):
            settings.remove(element)
    for element in settings.findall(qn("w:themeFontLang")):
        element.set(qn("w:val"), LANGUAGE)
        element.set(qn("w:eastAsia"), LANGUAGE)
        element.set(qn("w:bidi"), LANGUAGE)


def _drop_stock_parts(word) -> None:
    """The template's thumbnail and its Word 2010 styles copy (still en-US) leave the package."""
    package_rels = word.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rid)
    for rid, rel in list(word.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            word.part.rels.pop(rid)


def document_datetime(doc: OfficialDocument) -> datetime.datetime:
    """Naive UTC: the issue date's midnight in Vietnam for an issued document, else now."""
    if doc.issue_date:
        moment = datetime.datetime.combine(doc.issue_date, datetime.time(), tzinfo=VIETNAM)
    else:
        moment = timezone.now()
    return moment.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)


def issuer_name(doc: OfficialDocument) -> str:
    return " ".join(line.strip() for line in doc.issuer_lines if line.strip())


def _property(text: str) -> str:
    """One line, XML-safe, within the 255 characters python-docx allows a core property."""
    line = " ".join(xml_safe(text).split())
    return line if len(line) <= PROPERTY_LIMIT else line[:PROPERTY_LIMIT - 1].rstrip() + "…"


def _set_core_properties(word, doc: OfficialDocument) -> None:
    props = word.core_properties
    author = _property(issuer_name(doc))
    props.title = _property(doc.title)
    props.subject = _property(f"{doc.type_name} {doc.symbol_line}".replace(" Số:", " số"))
    props.author = props.last_modified_by = author
    props.keywords = _property(f"{doc.type_abbr}, {doc.issuer_abbr}, {doc.year}")
    props.comments = ""
    props.category = _property(doc.type_name)
    props.language = LANGUAGE
    props.revision = 1
    props.created = props.modified = document_datetime(doc)


def _set_app_properties(word, doc: OfficialDocument) -> None:
    part = next(p for p in word.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml")
    part._blob = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Template>Normal.dotm</Template><TotalTime>0</TotalTime>"
        f"<Application>{escape(APPLICATION)}</Application><DocSecurity>0</DocSecurity>"
        f"<Company>{escape(_property(issuer_name(doc)))}</Company><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()
