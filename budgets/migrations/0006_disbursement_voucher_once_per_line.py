"""One voucher pays a budget line once: a normalised voucher key, filled in, then unique per line.

Payments recorded twice before this (a double submit, «PC 01» then «pc01») are kept, since money
records are not deleted by a migration: every payment after the first of a voucher on a line keeps
its number, gets a key of its own and a note asking the finance office to check it.
"""

import unicodedata
from collections import defaultdict

from django.db import migrations, models

SEPARATORS = frozenset("-_.·–—")
FLAG = "Trùng số chứng từ với khoản giải ngân ghi trước (#{first}); cần kiểm tra."


def voucher_key(number):
    # budgets.models.execution.voucher_key as of this migration (frozen here on purpose).
    text = unicodedata.normalize("NFKC", number or "").casefold()
    return "".join(ch for ch in text if not ch.isspace() and ch not in SEPARATORS
                   and unicodedata.category(ch) != "Cf")[:120]


def fill_keys(apps, schema_editor):
    Disbursement = apps.get_model("budgets", "Disbursement")
    first_of = defaultdict(lambda: None)
    for payment in Disbursement.objects.order_by("line_id", "date", "pk").iterator():
        key = voucher_key(payment.voucher_number)
        first = first_of[(payment.line_id, key)]
        if first is None:
            first_of[(payment.line_id, key)] = payment.pk
            payment.voucher_key = key
        else:
            # A space never survives voucher_key(), so this key cannot clash with a typed voucher.
            payment.voucher_key = f"{key} #{payment.pk}"
            flag = FLAG.format(first=first)
            payment.note = f"{payment.note[:299 - len(flag)]} {flag}".strip()
        payment.save(update_fields=["voucher_key", "note"])


class Migration(migrations.Migration):

    dependencies = [
        ("budgets", "0005_disbursements"),
    ]

    operations = [
        migrations.AddField(
            model_name="disbursement",
            name="voucher_key",
            field=models.CharField(default="", editable=False, max_length=120,
                                   help_text="Số chứng từ đã chuẩn hóa để phát hiện ghi trùng."),
            preserve_default=False,
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="disbursement",
            constraint=models.UniqueConstraint(fields=("line", "voucher_key"),
                                               name="disbursement_voucher_once_per_line"),
        ),
    ]
