"""Progress towards a certificate: ONE place where the completion rule is applied.

`progress(place)` answers for one place and `progress_many(places)` for many in a fixed
number of queries (My learning lists every cohort); both gather the facts and hand them to
`evaluate`, which holds every rule:

- attendance: the share of the cohort's live sessions attended (present, late or left early;
  an excused absence is still an absence) and every mandatory session attended;
- quizzes: those the rule names, or by default every required quiz in the course's required
  modules, passed by the attempt that counts;
- CPD hours: one hour of learning is one hour of CPD; breaks are excluded (a session's
  minutes already leave them out), at most 8 hours a day. Hours at live sessions attended
  are participatory; the estimated time of modules done is self-directed. Live hours take a
  day's 8 first, then modules done that day fill what is left.
- award: completion when the rule is met; attendance when the cohort's sessions are over
  and the learner attended at least one, rule not met; otherwise none yet.
- evaluation: where the rule asks for it, the place's last-day evaluation answers submitted.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils import timezone

from certificates.models import CertificateKind, CompletionRule
from courses.models import CohortSession
from learning.attendance.models import ATTENDED, AttendanceRecord
from learning.evaluation.models import EvaluationResponse, Wave
from learning.models import ModulePage, ModuleProgress, Quiz, QuizAttempt
from learning.quizzes.grading import counting_attempt
from learning.quizzes.selectors import module_quiz_refs

DAILY_CAP_MINUTES = 8 * 60


@dataclass
class Facts:
    """What the rule reads about one place."""

    rule: CompletionRule
    sessions: list  # the cohort's CohortSessions, in order
    records: dict  # {session id: AttendanceRecord}
    quizzes: list  # [Quiz] that must be passed
    passed: set  # ids of those passed
    modules_done: list  # [(estimated minutes, local date done)]
    now: object
    evaluated: bool = False  # the last-day evaluation submitted


@dataclass(frozen=True)
class Progress:
    rule: CompletionRule
    sessions_total: int
    sessions_attended: int
    sessions_needed: int
    sessions_left: int  # not yet over
    mandatory_missed: list
    quizzes_required: list
    quizzes_missing: list
    participatory_minutes: int
    self_directed_minutes: int
    days_attended: list = field(default_factory=list)
    cohort_over: bool = False
    evaluation_missing: bool = False  # the rule asks for it and it is not submitted

    @property
    def attendance_percent(self):
        if not self.sessions_total:
            return 100
        return math.floor(100 * self.sessions_attended / self.sessions_total)

    @property
    def complete(self):
        return not self.missing

    @property
    def award(self):
        if self.complete:
            return CertificateKind.COMPLETION
        if self.cohort_over and self.sessions_attended:
            return CertificateKind.ATTENDANCE
        return None

    @property
    def missing(self):
        """What is still to do, in words: ["attend 1 more session", "pass the Risk quiz"]."""
        missing = []
        short = self.sessions_needed - self.sessions_attended
        if short > 0 and short <= self.sessions_left:
            missing.append(f"attend {short} more session{'s' if short > 1 else ''}")
        elif short > 0:
            missing.append(
                f"attend at least {self.rule.attendance_percent}% of the live sessions "
                f"({self.sessions_attended} of {self.sessions_total} attended)"
            )
        missing += [f"attend the mandatory session {title}" for title in self.mandatory_missed]
        missing += [f"pass {the(quiz_name(quiz))} quiz" for quiz in self.quizzes_missing]
        if self.evaluation_missing:
            missing.append("answer the last-day questions")
        return missing

    @property
    def missing_text(self):
        return "; ".join(self.missing)

    @property
    def participatory_hours(self):
        return hours(self.participatory_minutes)

    @property
    def self_directed_hours(self):
        return hours(self.self_directed_minutes)

    @property
    def total_hours(self):
        return self.participatory_hours + self.self_directed_hours


def hours(minutes):
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def quiz_name(quiz):
    """ "Risk and suicide: check your understanding" → "Risk and suicide"."""
    name = quiz.title.split(":")[0].strip()
    return name[:-5] if name.lower().endswith(" quiz") else name


def the(name):
    """ "the Risk" but not "the The mental and physical health interface"."""
    return name if name.lower().startswith("the ") else f"the {name}"


def rule_summary(rule, quizzes):
    """The rule in one sentence, as the certificate states it."""
    parts = [f"attend at least {rule.attendance_percent}% of the live sessions"]
    if rule.mandatory_sessions:
        parts.append("attend every mandatory session")
    if quizzes:
        parts.append("pass the quizzes: " + ", ".join(quiz_name(q) for q in quizzes))
    if rule.evaluation_required:
        parts.append("answer the last-day evaluation questions")
    return "To complete the course: " + "; ".join(parts) + "."


def evaluate(facts):
    """The place's Progress from its facts. No database here."""
    now = facts.now
    attended = [s for s in facts.sessions if attended_session(facts.records.get(s.pk))]
    total = len(facts.sessions)
    participatory = daily_minutes(
        (timezone.localtime(s.starts_at).date(), facts.records[s.pk].credited_minutes(s))
        for s in attended
    )
    self_directed = capped_self_directed(participatory, facts.modules_done)
    mandatory = facts.rule.mandatory_sessions
    return Progress(
        rule=facts.rule,
        sessions_total=total,
        sessions_attended=len(attended),
        sessions_needed=math.ceil(total * facts.rule.attendance_percent / 100),
        sessions_left=sum(
            1 for s in facts.sessions if s.ends_at > now and s.pk not in facts.records
        ),
        mandatory_missed=[
            str(s) for s in facts.sessions if mandatory and s.mandatory and s not in attended
        ],
        quizzes_required=facts.quizzes,
        quizzes_missing=[q for q in facts.quizzes if q.pk not in facts.passed],
        participatory_minutes=sum(min(m, DAILY_CAP_MINUTES) for m in participatory.values()),
        self_directed_minutes=sum(self_directed.values()),
        days_attended=sorted({timezone.localtime(s.starts_at).date() for s in attended}),
        cohort_over=bool(facts.sessions) and all(s.ends_at <= now for s in facts.sessions),
        evaluation_missing=facts.rule.evaluation_required and not facts.evaluated,
    )


def attended_session(record):
    return record is not None and record.status in ATTENDED


def daily_minutes(pairs):
    """{day: minutes} summed from (day, minutes) pairs."""
    days = defaultdict(int)
    for day, minutes in pairs:
        days[day] += minutes
    return days


def capped_self_directed(participatory, modules_done):
    """{day: self-directed minutes}, each day within what live hours left of its 8."""
    wanted = daily_minutes((day, minutes) for minutes, day in modules_done)
    return {
        day: min(minutes, max(DAILY_CAP_MINUTES - participatory.get(day, 0), 0))
        for day, minutes in wanted.items()
    }


def progress(place, now=None):
    """The place's Progress towards its course's certificate."""
    return progress_many([place], now=now)[place.pk]


def progress_many(places, now=None, known=None):
    """{place id: Progress} for `places` (with cohort__course loaded), in a fixed number of
    queries however many places and courses. `known`: one learner's LearnerFacts as My
    learning read them (learning.selectors), with `places` among them: their modules,
    quizzes, sessions, attempts, progress and evaluation flags are not read again."""
    places = list(places)
    if not places:
        return {}
    now = now or timezone.now()
    return {pk: evaluate(facts) for pk, facts in gather(places, now, known).items()}


def rule_for(course, rules=None):
    """The course's rule, or the default one (unsaved) when staff have not set it."""
    rules = rules if rules is not None else {}
    return rules.get(course.pk) or CompletionRule(course=course)


def gather(places, now, known=None):
    courses = {p.cohort.course_id: p.cohort.course for p in places}
    cohort_ids = {p.cohort_id for p in places}
    users = {p.attendee_id for p in places if p.attendee_id}
    rules = known_rules(courses) if known else completion_rules(courses)
    named = named_quizzes(rules.values())
    required = default_quizzes(courses.values(), known.modules if known else None)
    wanted_ids = {q for ids in [*named.values(), *required.values()] for q in ids}
    quizzes = quizzes_by_id(wanted_ids, known.quizzes if known else {})
    sessions = known.sessions if known else cohort_sessions(cohort_ids)
    records = defaultdict(dict)
    for record in AttendanceRecord.objects.filter(place__in=places):
        records[record.place_id][record.session_id] = record
    passed = passed_quizzes(users, cohort_ids, quizzes, known.attempts if known else None)
    done = modules_done(users, cohort_ids, known.progress if known else None)
    asking = [p for p in places if rule_for(courses[p.cohort.course_id], rules).evaluation_required]
    evaluated = evaluated_places(asking, annotated=known is not None)
    facts = {}
    for place in places:
        course_id = place.cohort.course_id
        rule = rule_for(courses[course_id], rules)
        wanted = named.get(rule.pk) or required.get(course_id, [])
        key = (place.attendee_id, place.cohort_id)
        facts[place.pk] = Facts(
            rule=rule,
            sessions=sessions.get(place.cohort_id, []),
            records=records[place.pk],
            quizzes=[quizzes[q] for q in wanted if q in quizzes],
            passed=passed.get(key, set()),
            modules_done=done.get(key, []),
            now=now,
            evaluated=place.pk in evaluated,
        )
    return facts


def completion_rules(courses):
    """{course id: CompletionRule} of the courses that have one."""
    return {r.course_id: r for r in CompletionRule.objects.filter(course_id__in=courses)}


def known_rules(courses):
    """The same, from courses that My learning read with their rule joined (registered in
    CertificatesConfig.ready). getattr's default covers a course without a rule: the
    relation's DoesNotExist is an AttributeError."""
    found = ((pk, getattr(course, "completion_rule", None)) for pk, course in courses.items())
    return {pk: rule for pk, rule in found if rule is not None}


def cohort_sessions(cohort_ids):
    """{cohort id: [CohortSession]} by start."""
    sessions = defaultdict(list)
    for session in CohortSession.objects.filter(cohort_id__in=cohort_ids).order_by("starts_at"):
        sessions[session.cohort_id].append(session)
    return sessions


def quizzes_by_id(ids, known):
    """{quiz id: Quiz} for `ids`, reading only those not in `known` ({quiz id: Quiz})."""
    found = {pk: known[pk] for pk in ids if pk in known}
    missing = ids - found.keys()
    return found | (Quiz.objects.in_bulk(missing) if missing else {})


def evaluated_places(places, annotated=False):
    """{place id} of the places whose last-day evaluation answers are in (no query when no
    place's rule asks for them, nor when `annotated`: the places carry learning's with_waves
    flags)."""
    if not places:
        return set()
    if annotated:
        return {p.pk for p in places if getattr(p, f"answered_{Wave.LAST_DAY}")}
    return set(
        EvaluationResponse.objects.filter(place__in=places, wave=Wave.LAST_DAY).values_list(
            "place_id", flat=True
        )
    )


def named_quizzes(rules):
    """{rule id: [quiz id]} for rules that name their quizzes."""
    through = CompletionRule.quizzes.through.objects.filter(
        completionrule_id__in=[r.pk for r in rules]
    )
    named = defaultdict(list)
    for link in through.order_by("pk"):
        named[link.completionrule_id].append(link.quiz_id)
    return named


def default_quizzes(courses, modules=None):
    """{course id: [quiz id]}: the required quizzes of each course's required live modules.
    `modules`: the courses' live modules in tree order, when already read (no query then)."""
    if modules is None:
        under = reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses))
        modules = ModulePage.objects.live().filter(under, required=True).order_by("path")
    found = defaultdict(list)
    for module in (m for m in modules if m.required):
        course = next(c for c in courses if module.path.startswith(c.path))
        found[course.pk] += [q for q, needed in module_quiz_refs(module) if needed]
    return found


def passed_quizzes(users, cohort_ids, quizzes, known=None):
    """{(user id, cohort id): {quiz id passed by the attempt that counts}}. `known`: attempts
    already read that include all of theirs (no query then)."""
    if known is None:
        known = (
            QuizAttempt.objects.filter(
                user_id__in=users, cohort_id__in=cohort_ids, quiz_id__in=quizzes
            )
            .exclude(submitted_at=None)
            .defer("snapshot", "answers")
        )
    attempts = defaultdict(list)
    for attempt in known:
        if (
            attempt.submitted_at is not None
            and attempt.user_id in users
            and attempt.cohort_id in cohort_ids
            and attempt.quiz_id in quizzes
        ):
            attempts[(attempt.user_id, attempt.cohort_id, attempt.quiz_id)].append(attempt)
    passed = defaultdict(set)
    for (user_id, cohort_id, quiz_id), mine in attempts.items():
        counting = counting_attempt(mine, quizzes[quiz_id].counting)
        if counting and counting.passed:
            passed[(user_id, cohort_id)].add(quiz_id)
    return passed


def modules_done(users, cohort_ids, known=None):
    """{(user id, cohort id): [(estimated minutes, local date done)]} for live modules.
    `known`: one learner's progress as My learning read it, [(module id, cohort id, live,
    estimated minutes, done_at)] on their cohorts (no query then)."""
    if known is None:
        rows = ModuleProgress.objects.filter(
            user_id__in=users, cohort_id__in=cohort_ids, module__live=True
        ).values_list("user_id", "cohort_id", "module__estimated_minutes", "done_at")
    else:
        (user_id,) = users  # My learning's facts are one learner's
        rows = [
            (user_id, cohort_id, minutes, done_at)
            for _, cohort_id, live, minutes, done_at in known
            if live and cohort_id in cohort_ids
        ]
    done = defaultdict(list)
    for user_id, cohort_id, minutes, done_at in rows:
        done[(user_id, cohort_id)].append((minutes, timezone.localtime(done_at).date()))
    return done
