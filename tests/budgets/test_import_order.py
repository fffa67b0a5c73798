"""An import that only reorders lines says so: the preview read «Không có thay đổi» while the
confirmation put the lines in the file's order."""

import copy

from budgets.import_diff import import_diff


def _line(content, price=100_000):
    return {"content": content, "unit_of_measure": "người", "quantity": "50", "days": "1", "unit_price": price,
            "note": "", "funding_source": "NSTW_SN", "amount": 50 * price}


def _estimate():
    return [{"title": "Hội nghị tại xã A", "sub": "DA6-TDA2",
             "lines": [_line("Tiền ăn"), _line("Nước uống", 20_000), _line("Tài liệu", 30_000)]},
            {"title": "Hội nghị tại xã B", "sub": "DA6-TDA2",
             "lines": [_line("Tiền ăn"), _line("Nước uống", 20_000)]}]


def test_the_same_lines_in_the_same_order_change_nothing():
    diff = import_diff(_estimate(), _estimate())
    assert diff.empty and diff.moved == 0 and diff.unchanged == 5


def test_two_lines_swapped_in_a_group_are_one_line_moved():
    incoming = _estimate()
    lines = incoming[0]["lines"]
    lines[0], lines[2] = lines[2], lines[0]
    diff = import_diff(_estimate(), incoming)
    assert diff.empty and diff.unchanged == 5
    assert diff.moved == 2  # «Tài liệu» before «Tiền ăn, Nước uống»: the fewest moves keep «Nước uống»


def test_groups_swapped_move_the_smaller_group_and_edits_are_counted_apart():
    incoming = list(reversed(copy.deepcopy(_estimate())))
    incoming[0]["lines"][1]["unit_price"] = 25_000
    incoming[0]["lines"][1]["amount"] = 1_250_000
    diff = import_diff(_estimate(), incoming)
    assert not diff.empty and len(diff.changed) == 1 and diff.moved == 2


def test_a_line_added_or_removed_moves_nothing_else():
    incoming = _estimate()
    incoming[0]["lines"].insert(1, _line("Thuê hội trường", 3_000_000))
    del incoming[1]["lines"][0]
    diff = import_diff(_estimate(), incoming)
    assert len(diff.added) == 1 and len(diff.removed) == 1 and diff.moved == 0


def test_the_preview_and_the_confirmation_say_the_lines_are_put_in_the_files_order(client_as, finance, estimate):
    import io

    from django.urls import reverse
    from openpyxl import load_workbook

    from budgets.workbook import estimate_workbook

    book = load_workbook(io.BytesIO(estimate_workbook(estimate, reference="(Kèm theo …)", agency_lines=["UBND"])))
    sheet = next(ws for ws in book.worksheets if any(c.value == "Nước uống" for row in ws.iter_rows() for c in row))
    rows = [row[0].row for row in sheet.iter_rows() if any(c.value in ("Nước uống", "Tiền ăn") or
                                                           str(c.value or "").startswith("Hỗ trợ") for c in row)]
    first, second = rows[:2]
    for column in range(2, 10):  # content … source; the amount's formula reads its own row
        a, b = sheet.cell(first, column), sheet.cell(second, column)
        if not str(a.value or "").startswith("="):
            a.value, b.value = b.value, a.value
    saved = io.BytesIO()
    book.save(saved)
    saved.seek(0)
    saved.name = "du-toan-sap-lai.xlsx"
    client = client_as(finance)
    page = client.post(reverse("budgets:estimate-import", args=[estimate.pk]), {"file": saved}, follow=True)
    text = page.content.decode()
    assert "chỉ khác thứ tự: 1 dòng sẽ được xếp lại theo thứ tự trong tệp" in text, text[text.find("So sánh"):][:600]
    done = client.post(reverse("budgets:estimate-import-confirm", args=[estimate.pk]),
                       {"token": page.context["token"]}, follow=True).content.decode()
    assert "chỉ xếp lại 1 dòng theo thứ tự trong tệp" in done
    assert estimate.total == 17_400_000
