"""Times New Roman named, the shipped Liberation Serif embedded as its stand-in.

Decree 30 names Times New Roman; Word on an office PC has it and uses it. A machine without
it (LibreOffice on Linux, a phone) would otherwise lay the text out in whatever serif it has
(DejaVu Serif: wider, another page count). Liberation Serif has Times New Roman's metrics, is
shipped in static/fonts under the SIL Open Font License (which allows embedding) and is
embedded here, cut down to the Latin and Vietnamese letters, as ECMA-376 §17.8.1 describes:
an obfuscated part per style, keyed by a GUID, referenced from the font table, with the
Times New Roman entry naming it as w:altName.
"""

from __future__ import annotations

import hashlib
import io
import uuid

from django.core.cache import cache
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from fontTools import subset
from fontTools.ttLib import TTFont
from lxml import etree

from documents.docx_xml import W
from documents.metrics import FONT_DIR, FONT_FILES

FONT = "Times New Roman"
FALLBACK_FONT = "Liberation Serif"
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Basic Latin, Latin-1, Latin Extended-A/B (Ơ ơ Ư ư), combining tones, Vietnamese precomposed
# letters, dashes, quotes, bullets, ellipsis, ₫ and €, №, ™.
UNICODES = [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x324),
            *range(0x1EA0, 0x1EFA), *range(0x2010, 0x2031), 0x20AB, 0x20AC, 0x2116, 0x2122]
STYLES = (("embedRegular", False, False), ("embedBold", True, False),
          ("embedItalic", False, True), ("embedBoldItalic", True, True))


def _subset(path) -> bytes:
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = []
    options.hinting = False  # Word has Times New Roman itself; the stand-in is for other readers
    options.drop_tables += ["FFTM"]
    font = TTFont(str(path), lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_subset(bold: bool, italic: bool) -> bytes:
    """The shipped face cut to UNICODES; built once per font file and kept in the shared cache."""
    path = FONT_DIR / FONT_FILES[(bold, italic)]
    stamp = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    key = f"docx-font-subset:v2:{path.name}:{stamp}"
    return cache.get_or_set(key, lambda: _subset(path), timeout=None)


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the GUID's 16 bytes taken from its last hex pair backwards."""
    guid = bytes.fromhex(uuid.UUID(key).hex)[::-1]
    head = bytes(b ^ guid[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def embed_fallback_font(word) -> None:
    """Font table: Times New Roman → altName Liberation Serif, whose four styles are embedded."""
    table_part = next(rel.target_part for rel in word.part.rels.values()
                      if rel.reltype == RT.FONT_TABLE)
    fonts = parse_xml(table_part.blob)
    for font in fonts.findall(qn("w:font")):
        if font.get(qn("w:name")) == FONT and font.find(qn("w:altName")) is None:
            font.insert(0, parse_xml(f'<w:altName xmlns:w="{W}" w:val="{FALLBACK_FONT}"/>'))
    embeds = []
    for number, (tag, bold, italic) in enumerate(STYLES, start=1):
        key = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{FALLBACK_FONT}/{tag}")).upper() + "}"
        part = Part(PackURI(f"/word/fonts/font{number}.odttf"), OBFUSCATED_FONT,
                    obfuscate(font_subset(bold, italic), key), word.part.package)
        rid = table_part.relate_to(part, RT.FONT)
        embeds.append(f'<w:{tag} r:id="{rid}" w:fontKey="{key}"/>')
    fonts.append(parse_xml(
        f'<w:font xmlns:w="{W}" xmlns:r="{R}" w:name="{FALLBACK_FONT}">'
        '<w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/>' + "".join(embeds) + "</w:font>"))
    table_part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
    _ask_to_keep_fonts(word)


def _ask_to_keep_fonts(word) -> None:
    """w:embedTrueTypeFonts and w:saveSubsetFonts right after w:zoom, as the sequence wants."""
    settings = word.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is not None:
        return
    anchor = settings.find(qn("w:zoom"))
    for name in ("saveSubsetFonts", "embedTrueTypeFonts"):
        element = parse_xml(f'<w:{name} xmlns:w="{W}"/>')
        if anchor is not None:
            anchor.addnext(element)
        else:
            settings.insert(0, element)
