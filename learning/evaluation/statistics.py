"""The statistics of the impact report: pure functions over plain numbers, no database.

- `summarise`: n, mean and standard deviation (n − 1 in the denominator) of one wave.
- `paired_change`: for learners who answered both waves (matched by pseudonym before this is
  called), the mean change and its SD; a Wilcoxon signed-rank test (SciPy's
  `scipy.stats.wilcoxon`, two-sided, zero differences dropped as Wilcoxon did); and the
  effect size Cohen's d_z (mean change / SD of the changes) with a 95% confidence interval
  from the usual large-sample standard error, sqrt(1/n + d_z² / 2n) (Hedges & Olkin 1985),
  which can be checked by hand.
- Fewer than `MIN_PAIRS` matched pairs: no test and no effect size, only the note
  `TOO_FEW`, because with so few people a p-value or an interval says nothing useful.
- `share_reaching`: how many reached a benchmark, of how many.
"""

import math
import statistics as pystats
from dataclasses import dataclass

from scipy import stats

MIN_PAIRS = 5
CONFIDENCE_LEVEL = 0.95
Z = float(stats.norm.ppf(0.5 + CONFIDENCE_LEVEL / 2))  # 1.96
TOO_FEW = (
    "Too few to say: fewer than {min} learners answered both times, so no test or effect "
    "size is shown."
)
NO_SPREAD = "Everyone changed by the same amount, so no effect size can be given."


@dataclass(frozen=True)
class Summary:
    n: int
    mean: float | None
    sd: float | None  # None below two values


def summarise(values):
    values = [v for v in values if v is not None]
    if not values:
        return Summary(0, None, None)
    sd = pystats.stdev(values) if len(values) > 1 else None
    return Summary(len(values), pystats.fmean(values), sd)


@dataclass(frozen=True)
class PairedChange:
    n: int  # matched pairs
    mean_change: float | None = None
    sd_change: float | None = None
    p_value: float | None = None  # Wilcoxon signed-rank, two-sided
    effect: float | None = None  # Cohen's d_z
    ci_low: float | None = None
    ci_high: float | None = None
    note: str = ""

    @property
    def too_few(self):
        return self.n < MIN_PAIRS


def match(first, second):
    """Two aligned lists from two {key: value} maps: only the keys both have, in key order."""
    keys = sorted(k for k in first.keys() & second.keys() if None not in (first[k], second[k]))
    return [first[k] for k in keys], [second[k] for k in keys]


def paired_change(before, after):
    """The change from `before` to `after`, two aligned lists of the same learners' values."""
    if len(before) != len(after):
        raise ValueError("Paired values must come in pairs.")
    differences = [b - a for a, b in zip(before, after, strict=True)]
    n = len(differences)
    if n < MIN_PAIRS:
        mean = pystats.fmean(differences) if differences else None
        return PairedChange(n, mean_change=mean, note=TOO_FEW.format(min=MIN_PAIRS))
    mean, sd = pystats.fmean(differences), pystats.stdev(differences)
    effect, low, high, note = cohens_dz(mean, sd, n)
    return PairedChange(
        n,
        mean_change=mean,
        sd_change=sd,
        p_value=wilcoxon_p(differences),
        effect=effect,
        ci_low=low,
        ci_high=high,
        note=note,
    )


def wilcoxon_p(differences):
    """Two-sided p of the signed-rank test; 1 when nobody changed (there is nothing to rank,
    and SciPy would divide by zero)."""
    if not any(differences):
        return 1.0
    return float(stats.wilcoxon(differences, alternative="two-sided").pvalue)


def cohens_dz(mean, sd, n):
    """(d_z, CI low, CI high, note). No spread in the changes: no d_z (it would be infinite),
    or 0 when nobody changed at all."""
    if sd == 0:
        return (0.0, 0.0, 0.0, "") if mean == 0 else (None, None, None, NO_SPREAD)
    effect = mean / sd
    se = math.sqrt(1 / n + effect**2 / (2 * n))
    return effect, effect - Z * se, effect + Z * se, ""


@dataclass(frozen=True)
class Share:
    reached: int
    n: int

    @property
    def percent(self):
        return None if not self.n else round(100 * self.reached / self.n)


def share_reaching(values, benchmark):
    values = [v for v in values if v is not None]
    return Share(sum(1 for v in values if v >= benchmark), len(values))
