"""The demo's evaluation instruments, true to the programme: confidence in each skill the
courses teach, a short knowledge test in parallel forms, reaction, a retrospective rating
that reveals response shift, and use in practice at three months."""

SKILLS = [
    "Asking someone about suicidal thoughts",
    "Screening for depression with the PHQ-9",
    "Recognising anxiety",
    "Talking about alcohol use",
    "Explaining symptoms that have no clear medical cause",
]

WRITTEN_HERE = (
    "Written by the course team for this course; not a published validated scale. Free to "
    "reuse within the partnership."
)

CONFIDENCE = {
    "name": "Confidence in each skill",
    "kind": "confidence",
    "prompt": "How confident do you feel doing each of these with a patient today?",
    "scale": (0, 10, "Not at all confident", "Completely confident"),
    "scoring": "mean",
    "items": SKILLS,
}

RETROSPECTIVE = {
    "name": "Looking back: confidence before the course",
    "kind": "retrospective",
    "prompt": "Looking back, how confident were you in each of these before the course? "
    "People often find they knew less than they thought: answer as you see it now.",
    "scale": (0, 10, "Not at all confident", "Completely confident"),
    "scoring": "mean",
    "optional": True,
    "items": SKILLS,
}

REACTION = {
    "name": "Reaction to the course",
    "kind": "reaction",
    "prompt": "How much do you agree with each of these?",
    "scale": (1, 5, "Strongly disagree", "Strongly agree"),
    "scoring": "mean",
    "items": [
        "The course was relevant to my work",
        "The teaching was of high quality",
        "I would recommend the course to a colleague",
    ],
}

PRACTICE = {
    "name": "Use in practice",
    "kind": "practice",
    "prompt": "In the three months since the course, how often have you done each of these "
    "at work?",
    "scale": (0, 4, "Not at all", "Every week or more"),
    "scoring": "none",
    "items": SKILLS,
}

# (form A item, form B item): each a (question, [choices], correct choice number). The pairs
# test the same point, so a change from A to B is learning, not remembering the questions.
KNOWLEDGE_PAIRS = [
    (
        ("What is the range of the PHQ-9 total score?", ["0 to 27", "0 to 21", "0 to 10"], 1),
        ("What is the range of the GAD-7 total score?", ["0 to 27", "0 to 21", "0 to 10"], 2),
    ),
    (
        (
            "From which PHQ-9 total score is depression usually taken to be at least moderate?",
            ["5", "10", "20"],
            2,
        ),
        (
            "Which GAD-7 total score is the usual cut-off for probable generalised anxiety "
            "disorder?",
            ["5", "10", "18"],
            2,
        ),
    ),
    (
        (
            "Does asking someone directly about suicidal thoughts increase their risk?",
            [
                "Yes: it can put the idea in their head",
                "No: asking directly does not raise the risk, and many people feel relief",
                "Only if they have a diagnosed mental illness",
            ],
            2,
        ),
        (
            "A patient answers “several days” to PHQ-9 item 9 (thoughts of being better off "
            "dead or of self-harm). What should you do next?",
            [
                "Nothing unless the total score is 20 or more",
                "Note it and review at the next clinic appointment",
                "Ask directly about suicidal thoughts and plans, and follow the local risk "
                "procedure",
            ],
            3,
        ),
    ),
    (
        (
            "What does the AUDIT-C screen for?",
            ["Hazardous or harmful drinking", "Drug misuse", "Low mood"],
            1,
        ),
        (
            "What is the UK Chief Medical Officers' low-risk drinking guideline?",
            [
                "No more than 21 units a week for men and 14 for women",
                "No more than 14 units a week, spread over three or more days",
                "No more than 4 units on any day",
            ],
            2,
        ),
    ),
    (
        (
            "A patient's tests are normal but their symptoms continue. What is the most "
            "helpful first response?",
            [
                "Tell them the tests show nothing is wrong",
                "Arrange more tests to reassure them",
                "Say the symptoms are real, explain what the tests do and do not show, and "
                "agree a plan",
            ],
            3,
        ),
        (
            "Which explanation of symptoms without a clear medical cause helps patients most?",
            [
                "That the symptoms are imagined",
                "A shared model of how body, stress and behaviour keep symptoms going",
                "That nothing can be done until a cause is found",
            ],
            2,
        ),
    ),
]

KNOWLEDGE = {
    "name": "Knowledge test",
    "kind": "knowledge",
    "prompt": "",
    "scoring": "correct",
}

# What each wave asks, on both courses.
WAVES = {
    "before": [CONFIDENCE["name"], KNOWLEDGE["name"]],
    "last_day": [CONFIDENCE["name"], KNOWLEDGE["name"], REACTION["name"], RETROSPECTIVE["name"]],
    "follow_up": [CONFIDENCE["name"], PRACTICE["name"]],
}
