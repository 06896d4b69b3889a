"""Demo materials: on each running cohort, the first day's handout as a tagged PDF and a
reading list as text, uploaded by its first trainer. Idempotent."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from cms import pdf
from courses.models import Cohort
from learning.materials.services import add_material
from learning.materials.validators import check_upload

HANDOUT_TITLE = "Day 1 handout: screening for depression and anxiety"
HANDOUT_POINTS = [
    "Ask the two PHQ-2 questions first; a score of 3 or more (out of 6) means completing "
    "the PHQ-9.",
    "PHQ-9 totals of 5, 10, 15 and 20 mark mild, moderate, moderately severe and severe "
    "depression.",
    "Any score above 0 on PHQ-9 item 9 needs a conversation about risk the same day, "
    "whatever the total.",
    "GAD-2 of 3 or more means completing the GAD-7; totals of 5, 10 and 15 mark mild, "
    "moderate and severe anxiety.",
    "A score is a prompt for a conversation, not a diagnosis: ask what the answers mean "
    "for this person and their physical condition.",
]
READING_TITLE = "Reading list for the course"
READING = """Reading list (for the course's learners)

1. NICE guideline CG91: Depression in adults with a chronic physical health problem:
   recognition and management.
2. NICE guideline CG113: Generalised anxiety disorder and panic disorder in adults.
3. Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity
   measure. J Gen Intern Med 2001;16:606-13.
4. Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized
   anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092-7.
5. Naylor C et al. Long-term conditions and mental health: the cost of co-morbidities.
   The King's Fund and Centre for Mental Health, 2012.
"""


def handout_pdf():
    items = "".join(f"<li>{escape(point)}</li>" for point in HANDOUT_POINTS)
    html = (
        f'<html lang="en-GB"><head><title>{escape(HANDOUT_TITLE)}</title></head><body>'
        f"<h1>{escape(HANDOUT_TITLE)}</h1><ul>{items}</ul></body></html>"
    )
    return pdf.write_pdf(html)


def seed():
    cohorts = Cohort.objects.filter(title="Current run", materials__isnull=True).distinct()
    added = 0
    for cohort in cohorts.prefetch_related("trainers__user"):
        trainer = next((t.user for t in cohort.trainers.all() if t.user_id), None)
        for name, title, content in (
            ("day-1-handout.pdf", HANDOUT_TITLE, handout_pdf()),
            ("reading-list.txt", READING_TITLE, READING.encode()),
        ):
            upload = SimpleUploadedFile(name, content)
            add_material(
                cohort=cohort,
                title=title,
                description="",
                upload=upload,
                kind=check_upload(upload),
                actor=trainer,
            )
            added += 1
    return [f"Materials: {added} files added to the running cohorts."]
