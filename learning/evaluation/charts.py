"""Bar charts of the impact report as plain geometry for an inline SVG (the screen and the
PDF draw the same one; no script, nothing fetched). Each bar carries its wave and value as
text beside it, so colour is never the only cue, and the report's tables give every number
a chart shows."""

from dataclasses import dataclass, field

from learning.evaluation.models import Wave

WIDTH = 640
PLOT = 400  # the longest bar; the rest of the width is for its text
LABEL = 22
BAR = 16
GAP = 4
GROUP_GAP = 12
COLOURS = {Wave.BEFORE: "#425563", Wave.LAST_DAY: "#005eb8", Wave.FOLLOW_UP: "#007f3b"}


@dataclass(frozen=True)
class Bar:
    y: int
    width: float
    colour: str
    text: str

    @property
    def text_x(self):
        return round(self.width + 6, 1)

    @property
    def text_y(self):
        return self.y + 12


@dataclass
class Group:
    label: str
    label_y: int
    bars: list = field(default_factory=list)


@dataclass
class Chart:
    key: str
    title: str
    description: str
    height: int
    groups: list

    @property
    def width(self):
        return WIDTH


def mean_chart(key, title, measures):
    """One group of bars per measure, one bar per wave: the wave's mean as a share of the
    measure's scale. None when no wave has any answers."""
    y, groups = 0, []
    for measure in measures:
        results = [r for r in measure.waves if r.summary.mean is not None]
        if not results:
            continue
        group = Group(measure.label, y + 15)
        y += LABEL
        for result in results:
            share = (result.summary.mean - measure.low) / ((measure.high - measure.low) or 1)
            text = f"{result.label}: {result.summary.mean:.1f} of {measure.high}"
            group.bars.append(Bar(y, round(max(share, 0) * PLOT, 1), COLOURS[result.wave], text))
            y += BAR + GAP
        groups.append(group)
        y += GROUP_GAP
    if not groups:
        return None
    description = (
        "Mean at each wave, of the learners who agreed to research and audit; "
        "the table “Wave by wave” gives the same numbers with the spread and how many answered."
    )
    return Chart(key, title, description, y, groups)
