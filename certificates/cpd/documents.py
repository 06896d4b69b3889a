"""The CPD record as CSV (to paste into a regulator's template or a portfolio) and as a
tagged PDF (PDF/UA-1, with a title and a language, read in order by a screen reader), made
when asked: it lists the certificates as they stand today."""

import csv
import io

from django.template.loader import render_to_string
from django.utils import timezone

from certificates.cpd.records import rows, totals
from cms import pdf


def filename(regulator, extension):
    return f"cpd-record-{regulator.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"


def record_csv(regulator, found) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(regulator.columns)
    writer.writerows(rows(regulator, found))
    return out.getvalue()


def record_pdf(regulator, found, *, learner) -> bytes:
    hours, participatory = totals(found)
    context = {
        "regulator": regulator,
        "entries": found,
        "rows": rows(regulator, found),
        "learner": learner,
        "hours": hours,
        "participatory": participatory,
        "today": timezone.localdate(),
    }
    html = render_to_string("certificates/cpd/record_pdf.html", context)
    return pdf.write_pdf(html)
