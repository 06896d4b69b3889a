"""The impact report as CSV (one row per number, to read into a spreadsheet or a statistics
package) and as a tagged PDF (WeasyPrint, PDF/UA-1, with a title and a language, as
certificates and invoices are). Both carry the report only: no names, no pseudonyms."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from cms import pdf
from learning.evaluation import charts
from learning.evaluation.models import Kind, Wave

HEADER = [
    "Section",
    "Measure",
    "Wave or comparison",
    "Number",
    "Mean",
    "SD",
    "Mean change",
    "SD of change",
    "Wilcoxon p",
    "Effect size d_z",
    "d_z 95% CI low",
    "d_z 95% CI high",
    "Reached benchmark",
    "Benchmark",
    "Note",
]


def filename(report, extension):
    first = report.cohorts[0].start_date.isoformat() if report.cohorts else "none"
    name = slugify(report.course.title)
    if report.period:
        start, end = report.period
        return f"impact-{name}-{start.isoformat()}-to-{end.isoformat()}.{extension}"
    return f"impact-{name}-{first}-{report.cohorts[0].pk}-{timezone.localdate()}.{extension}"


def number(value, places=3):
    return "" if value is None else round(float(value), places)


def csv_rows(report):
    counts = report.counts
    for label, value in (
        ("Places booked", counts.booked),
        ("Attended at least one live session", counts.attended),
        ("Attended every live session", counts.completed),
    ):
        yield ["Taking part", label, "", value] + [""] * 11
    for wave in report.waves:
        yield ["Taking part", "Answered", wave_label(wave), counts.responding[wave]] + [""] * 11
        yield [
            "Taking part",
            "Answered and agreed to research and audit (analysed)",
            wave_label(wave),
            counts.included[wave],
        ] + [""] * 11
    for profession, n in report.professions:
        yield ["Profession", profession, "", n] + [""] * 11
    for measure in report.measures:
        yield from measure_rows(measure)
    for rating in report.reaction:
        yield rating_row("Reaction", rating)
    for rating in report.practice:
        yield rating_row("Use in practice at three months", rating)
    for change in report.response_shift:
        yield change_row("Response shift (looking back vs before)", change.label, change)


def wave_label(wave):
    return Wave(wave).label


def measure_rows(measure):
    for result in measure.waves:
        yield [
            "Wave by wave",
            measure.label,
            result.label,
            result.summary.n,
            number(result.summary.mean),
            number(result.summary.sd),
            "",
            "",
            "",
            "",
            "",
            "",
            result.share.reached,
            measure.benchmark_text,
            "",
        ]
    for change in measure.changes:
        yield change_row("Change", measure.label, change)
    if measure.retention:
        yield change_row("Retention at three months", measure.label, measure.retention)


def change_row(section, label, change):
    r = change.result
    return [
        section,
        label,
        change.label,
        r.n,
        "",
        "",
        number(r.mean_change),
        number(r.sd_change),
        number(r.p_value, 4),
        number(r.effect),
        number(r.ci_low),
        number(r.ci_high),
        "",
        "",
        r.note,
    ]


def rating_row(section, rating):
    return [
        section,
        rating.label,
        "",
        rating.summary.n,
        number(rating.summary.mean),
        number(rating.summary.sd),
        "",
        "",
        "",
        "",
        "",
        "",
        rating.share.reached,
        f"{rating.benchmark} or more on the {rating.low} to {rating.high} scale",
        "",
    ]


def report_charts(report):
    """The report's charts: confidence by skill, and the knowledge score (either may be None)."""
    confidence = [m for m in report.measures if m.kind == Kind.CONFIDENCE]
    knowledge = [m for m in report.measures if m.kind == Kind.KNOWLEDGE]
    return [
        chart
        for chart in (
            charts.mean_chart("confidence", "Mean confidence in each skill", confidence),
            charts.mean_chart("knowledge", "Mean knowledge test score", knowledge),
        )
        if chart
    ]


def report_pdf(report) -> bytes:
    context = {"report": report, "charts": report_charts(report), "today": timezone.localdate()}
    html = render_to_string("learning/evaluation/report/pdf.html", context)
    return pdf.write_pdf(html)
