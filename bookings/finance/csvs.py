"""CSV for accounting packages: a header row, amounts in pounds with two decimals and no
currency sign, ISO dates, streamed row by row so a long range never sits in memory."""

import csv

from django.http import StreamingHttpResponse


class _Echo:
    """A file-like object whose write hands the line back, for csv.writer to stream."""

    def write(self, value):
        return value


def pounds(pence):
    """12350 -> '123.50'; -500 -> '-5.00'."""
    sign = "-" if pence < 0 else ""
    whole, rem = divmod(abs(pence), 100)
    return f"{sign}{whole}.{rem:02d}"


def text(value):
    """A text cell a spreadsheet will not run as a formula: one starting = + - @ or a tab
    gets an apostrophe (OWASP's advice on CSV injection). Names, references and reasons
    come from bookers and bank statements; amounts never pass through here."""
    value = str(value or "")
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def iso(date):
    return date.isoformat() if date else ""


def stream_csv(filename, header, rows):
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
