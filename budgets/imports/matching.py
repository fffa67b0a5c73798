"""What an estimate workbook's headers and sheets mean: the column each header names (with
tolerance for spacing, slashes, case, marks, units in brackets and synonyms) and the sub-project
a sheet's name or title speaks of («Phụ lục 1 - TDA2», «PL02 - Nâng cao năng lực», «DA 6 TDA 2»).
"""

import re

from budgets.models import SubProject
from vntext import search_key

# Field → predicates on the folded header (no marks, no spaces, no slashes, no bracketed units).
FIELDS = {
    "stt": lambda h: h in {"stt", "tt", "sott", "sothutu"},
    "content": lambda h: h.startswith(("noidung", "diengiai", "khoanchi", "tenkhoanchi", "hangmuc", "khoanmuc",
                                       "tencongviec", "congviec", "tenhoatdong", "hoatdong")),
    "unit_of_measure": lambda h: h in {"donvitinh", "dvt", "donvi", "dv", "dvtinh"},
    "quantity": lambda h: h in {"soluong", "sl", "khoiluong", "songuoi", "soluongnguoi", "sodaibieu"},
    "days": lambda h: h.startswith(("songay", "sobuoi", "solop", "thoigian", "solan", "sodot", "sothang")),
    "unit_price": lambda h: h.startswith(("dinhmuc", "dongia", "mucchi", "muchotro", "gia")),
    "amount": lambda h: h.startswith(("thanhtien", "kinhphi", "sotien", "tongtien", "dutoan")),
    "note": lambda h: h.startswith(("cancu", "ghichu")),
    "funding_source": lambda h: h.startswith(("nguonvon", "nguonkinhphi", "nguon")),
}
REQUIRED = {"content": "Nội dung chi", "unit_of_measure": "Đơn vị tính", "quantity": "Số lượng",
            "unit_price": "Định mức/Đơn giá"}
LABELS = REQUIRED | {"days": "Số ngày/buổi", "note": "Căn cứ/Ghi chú", "funding_source": "Nguồn vốn"}

SUMMARY_NAME = re.compile(r"^(?:bang\s+)?tong\s*hop\b")
SHORT_SUMMARY_NAME = re.compile(r"^th\b")


def called_summary(name: str, title: str = "", *, short: bool = True) -> bool:
    """Whether a sheet's name («Tong hop», «Tổng hợp (2)», and with ``short`` «TH») or one line of its
    title («TỔNG HỢP DỰ TOÁN …», «BẢNG TỔNG HỢP KINH PHÍ») calls it a summary."""
    key = search_key(name).strip()
    if SUMMARY_NAME.match(key) or (short and SHORT_SUMMARY_NAME.match(key)):
        return True
    return any(SUMMARY_NAME.match(search_key(part).strip()) for part in title.split("\n") if part.strip())


def fold_header(text) -> str:
    """A header as compared: folded, bracketed units and numbers dropped, no spaces or slashes."""
    key = search_key(str(text or ""))
    key = re.sub(r"\([^)]*\)", "", key)
    return re.sub(r"[^a-z0-9]", "", key)


def header_field(text) -> str | None:
    folded = fold_header(text)
    return next((name for name, matches in FIELDS.items() if folded and matches(folded)), None)


class SubProjectMatcher:
    """Finds the sub-project a sheet's name or title speaks of: a code written any way, or a name."""

    CODE = re.compile(r"(?:da|du an)\s*-?\s*(\d+)\s*[-–,:.]?\s*(?:tda|tieu du an)\s*-?\s*(\d+)")
    SHORT = re.compile(r"(?:^|[^a-z])(?:tda|tieu du an)\s*-?\s*(\d+)")

    def __init__(self, preferred: set[str]):
        rows = list(SubProject.objects.values_list("code", "name"))
        self.codes = {code for code, _ in rows}
        self.names = sorted(((search_key(name), code) for code, name in rows), key=lambda r: -len(r[0]))
        self.preferred = preferred

    def _by_name_start(self, key: str) -> str | None:
        """A sub-project whose name begins with a part of the text («PL02 - Nâng cao năng lực»)."""
        for part in re.split(r"\s[-–:]\s|\n", key):
            part = part.strip()
            if len(part.split()) >= 2:
                found = {code for name, code in self.names if name.startswith(part)}
                if len(found) == 1:
                    return found.pop()
        return None

    def match(self, *texts: str) -> tuple[str | None, str]:
        for text in texts:
            key = search_key(text)
            if found := self.CODE.search(key):
                code = f"DA{int(found[1])}-TDA{int(found[2])}"
                if code in self.codes:
                    return code, f"mã {code}"
            for name, code in self.names:
                if name and name in key:
                    return code, f"tên «{name}»"
            if code := self._by_name_start(key):
                return code, "tên tiểu dự án"
        for text in texts:
            if found := self.SHORT.search(search_key(text)):
                suffix = f"-TDA{int(found[1])}"
                candidates = sorted(c for c in self.codes if c.endswith(suffix))
                liked = [c for c in candidates if c in self.preferred]
                if len(candidates) == 1 or len(liked) == 1:
                    code = candidates[0] if len(candidates) == 1 else liked[0]
                    return code, f"mã rút gọn TDA{int(found[1])}"
        return None, ""
