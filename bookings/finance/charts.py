"""Charts drawn on the server as plain SVG: no script, nothing fetched. Each chart is
shown next to a table of the same numbers, which is what screen readers are pointed to."""

from dataclasses import dataclass

# Colours that keep a 3:1 contrast against white and stay apart for common colour blindness.
PALETTE = ["#005eb8", "#d5281b", "#007f3b", "#7c2855", "#ed8b00", "#330072"]
HEIGHT, LABEL_HEIGHT, GROUP_WIDTH = 180, 40, 48


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


def grouped_bars(categories, series, fmt=str):
    """An SVG layout: for each category (a month) one bar per series (a course).
    `series` is [(name, [value per category])]; returns what the template draws."""
    peak = max([v for _, values in series for v in values] + [1])
    bar_width = (GROUP_WIDTH - 8) / max(len(series), 1)
    bars, legend = [], []
    for s, (name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        legend.append({"name": name, "colour": colour})
        for c, value in enumerate(values):
            height = HEIGHT * max(value, 0) / peak
            bars.append(
                Bar(
                    x=c * GROUP_WIDTH + 4 + s * bar_width,
                    y=HEIGHT - height,
                    width=bar_width,
                    height=height,
                    colour=colour,
                    title=f"{name}, {categories[c]}: {fmt(value)}",
                )
            )
    labels = [
        {"x": c * GROUP_WIDTH + GROUP_WIDTH / 2, "text": cat} for c, cat in enumerate(categories)
    ]
    return {
        "width": GROUP_WIDTH * len(categories),
        "height": HEIGHT + LABEL_HEIGHT,
        "baseline": HEIGHT,
        "label_y": HEIGHT + 16,
        "bars": bars,
        "labels": labels,
        "legend": legend,
        "peak": fmt(peak),
    }
