"""Benchmark: invoice PDFs and the finance list (issue 6's bench/invoices.py).

- `invoice_ms`: the median time to render one three-line invoice PDF with WeasyPrint, and
  `bare_ms` the median for WeasyPrint rendering a bare one-page document in the same run;
  `invoice_ratio` is their ratio (absolute times on a shared machine are noise).
- `list_queries_10` / `list_queries_1000`: the SQL queries of the finance invoice list in the
  Wagtail admin with 10 and with 1,000 invoices. They must be equal, or the script exits
  non-zero.

Runs in-process on a scratch SQLite file (bench/.invoices.sqlite3) with the test settings,
so it never touches the demo's data. Prints one JSON object.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "bench" / ".invoices.sqlite3"
ROUNDS = int(os.environ.get("BENCH_PDF_ROUNDS", "7"))
BARE = "<!DOCTYPE html><html lang='en'><body><h1>Invoice</h1><p>One page.</p></body></html>"


def setup():
    DB.unlink(missing_ok=True)
    os.environ.update(DJANGO_SETTINGS_MODULE="cms.settings.test", DATABASE_URL=f"sqlite:///{DB}")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)


def median_ms(fn):
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 1)


def list_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/finance/invoices/")
    assert response.status_code == 200, response.status_code
    return len(queries)


def main():
    setup()
    import weasyprint
    from django.test import Client

    from bookings.invoicing.documents import render_pdf
    from tests.bookings.finance import invoiced, staff_in
    from tests.factories import HomePageFactory, SiteSettingsFactory
    from tests.factories.bookings import OrganisationFactory
    from tests.factories.courses import CohortFactory

    home = HomePageFactory.as_site_root()
    SiteSettingsFactory(site=home.get_site())
    trust = OrganisationFactory()
    cohort = CohortFactory(capacity=5000)
    sample = invoiced(organisation=trust, cohort=cohort, people=3)
    invoice_ms = median_ms(lambda: render_pdf(sample))
    bare_ms = median_ms(lambda: weasyprint.HTML(string=BARE).write_pdf())

    client = Client()
    staff_in(client, "Finance")
    for _ in range(9):
        invoiced(organisation=trust, cohort=cohort)
    few = list_queries(client)
    for _ in range(990):
        invoiced(organisation=trust, cohort=cohort)
    many = list_queries(client)
    result = {
        "benchmark": "invoices",
        "invoice_ms": invoice_ms,
        "bare_ms": bare_ms,
        "invoice_ratio": round(invoice_ms / bare_ms, 2),
        "list_queries_10": few,
        "list_queries_1000": many,
    }
    print(json.dumps(result))
    DB.unlink(missing_ok=True)
    if few != many:
        sys.exit(f"the finance list ran {few} queries at 10 invoices and {many} at 1,000")


if __name__ == "__main__":
    main()
