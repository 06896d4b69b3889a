"""The demo modules: the IMPARTS programme's topics for non-mental-health professionals.

Facts follow the published instruments and UK guidance (PHQ-9, GAD-7, AUDIT-C as used by
OHID, NICE NG222, NG225, CG91, CG76). Case studies are fictional. `offsets` are days from
each course's cohort start: (5-day course, 3-week course).
"""


def text(html):
    return {"type": "rich_text", "value": html}


def points(*items, heading="Key points"):
    return {"type": "key_points", "value": {"heading": heading, "points": list(items)}}


def case(title, html):
    return {"type": "case_study", "value": {"title": title, "text": html}}


def warning(heading, html):
    return {"type": "callout", "value": {"style": "warning", "heading": heading, "text": html}}


def reflect(prompt):
    return {"type": "reflection", "value": {"prompt": prompt}}


RESOURCE_TITLE = "Screening questionnaires: scoring summary"
RESOURCE_TEXT = """Screening questionnaires: scoring summary (for training use)

PHQ-2 (first two PHQ-9 items, 0-6): 3 or more -> complete the PHQ-9.
PHQ-9 (9 items, each 0-3, total 0-27): 5 mild, 10 moderate, 15 moderately severe,
20 severe. Item 9 (thoughts of being better off dead or of hurting yourself): any score
above 0 needs a same-day conversation about risk, whatever the total.

GAD-2 (first two GAD-7 items, 0-6): 3 or more -> complete the GAD-7.
GAD-7 (7 items, each 0-3, total 0-21): 5 mild, 10 moderate, 15 severe.

AUDIT-C (3 items, each 0-4, total 0-12): 5 or more suggests increasing or higher risk
drinking -> complete the full AUDIT (0-40).

A score is a prompt for a conversation, not a diagnosis.
"""

MODULES = [
    {
        "slug": "mental-and-physical-health",
        "title": "The mental and physical health interface",
        "intro": "Why mental health matters in every clinic that treats long-term physical "
        "illness, and what routine screening can do.",
        "minutes": 30,
        "offsets": (-7, -7),
        "body": [
            text(
                "<p>People with a long-term physical condition such as diabetes, heart "
                "disease, COPD or rheumatoid arthritis are two to three times more likely to "
                "have depression or anxiety than the general population. The effect runs both "
                "ways: low mood makes self-management harder, and worse physical health "
                "feeds low mood.</p><p>Co-existing mental health problems are linked with "
                "poorer self-care, more symptoms, more unplanned admissions and higher "
                "mortality. Yet they often go unrecognised in physical health services, "
                "where appointments focus on the body.</p>"
            ),
            text(
                "<h2>Routine screening</h2><p>Integrating Mental and Physical healthcare: "
                "Research, Training and Services (IMPARTS) collected patient-reported "
                "outcomes routinely in general hospital clinics: depression, anxiety, "
                "alcohol and drug use, smoking, adherence, physical function, fatigue, "
                "illness perceptions, quality of life and sleep. Results went to the "
                "clinician before the appointment, with a care pathway for what to do "
                "next.</p>"
            ),
            points(
                "Depression and anxiety are two to three times more common in people with "
                "long-term physical conditions.",
                "Poor mental health is linked with worse physical outcomes and higher costs.",
                "A screening score starts a conversation; it is not a diagnosis.",
                "Every clinic needs a clear pathway for what happens after a positive screen.",
            ),
            reflect(
                "Think of a patient in your service whose physical health was not improving "
                "as expected. Could their mood have played a part?"
            ),
        ],
    },
    {
        "slug": "depression-and-the-phq-9",
        "title": "Depression and screening with the PHQ-9",
        "intro": "Recognise depression alongside physical illness and use the PHQ-2 and "
        "PHQ-9 to screen and measure it.",
        "minutes": 45,
        "offsets": (0, 0),
        "body": [
            text(
                "<p>The Patient Health Questionnaire (PHQ-9) asks about the nine symptoms of "
                "depression over the last two weeks. Each item scores 0 (not at all) to 3 "
                "(nearly every day), giving a total of 0 to 27.</p><h2>PHQ-2</h2><p>The "
                "first two items, little interest or pleasure in doing things and feeling "
                "down, depressed or hopeless, make the PHQ-2 (0 to 6). A score of 3 or more "
                "means the full PHQ-9 should be completed.</p><h2>PHQ-9 score bands</h2>"
                "<ul><li>0 to 4: minimal</li><li>5 to 9: mild</li><li>10 to 14: moderate"
                "</li><li>15 to 19: moderately severe</li><li>20 to 27: severe</li></ul>"
                "<p>A score of 10 or more is the usual threshold for further assessment.</p>"
            ),
            warning(
                "Item 9 must always be followed up",
                "<p>Item 9 asks about thoughts that you would be better off dead, or of "
                "hurting yourself. Any answer above 0 needs a conversation about risk the "
                "same day, whatever the total score.</p>",
            ),
            text(
                "<h2>Overlap with physical illness</h2><p>Tiredness, poor sleep, appetite "
                "change and poor concentration may come from the physical condition or its "
                "treatment. Do not discount them, but give weight to low mood, loss of "
                "interest, hopelessness and guilt. NICE guidance on depression in adults "
                "with a chronic physical health problem (CG91) recommends being alert to "
                "depression in this group.</p>"
            ),
            case(
                "Mrs B, 64, heart failure",
                "<p>Mrs B has missed her last two cardiac rehabilitation sessions. Her "
                "PHQ-9 is 14 and she scores 1 on item 9. She says she is a burden on her "
                "daughter.</p><p>What do you say next, and who do you involve today?</p>",
            ),
            {"type": "resources", "value": {"heading": "Resources to download"}},
            points(
                "PHQ-2 of 3 or more: complete the PHQ-9.",
                "PHQ-9 bands: 5 mild, 10 moderate, 15 moderately severe, 20 severe.",
                "Any score above 0 on item 9 is followed up the same day.",
            ),
            reflect("How would you introduce the PHQ-9 to a patient in your clinic?"),
        ],
    },
    {
        "slug": "anxiety-and-the-gad-7",
        "title": "Anxiety and the GAD-7",
        "intro": "Recognise anxiety in people with physical illness and screen with the "
        "GAD-2 and GAD-7.",
        "minutes": 40,
        "offsets": (1, 3),
        "body": [
            text(
                "<p>The Generalised Anxiety Disorder scale (GAD-7) asks about seven "
                "symptoms over the last two weeks, each scored 0 to 3, for a total of 0 to "
                "21. Its first two items, feeling nervous, anxious or on edge and not being "
                "able to stop or control worrying, make the GAD-2 (0 to 6); 3 or more "
                "means completing the GAD-7.</p><h2>GAD-7 score bands</h2><ul><li>0 to 4: "
                "minimal</li><li>5 to 9: mild</li><li>10 to 14: moderate</li><li>15 to 21: "
                "severe</li></ul><p>A score of 10 or more suggests further assessment. The "
                "GAD-7 also picks up panic disorder, social anxiety and post-traumatic "
                "stress, so ask what the worry is about.</p>"
            ),
            case(
                "Mr C, 47, COPD",
                "<p>Mr C is breathless at rest more often since a recent admission. He has "
                "stopped going out in case he has an attack in public. His GAD-7 is 16.</p>"
                "<p>How do anxiety and breathlessness feed each other here?</p>",
            ),
            points(
                "GAD-2 of 3 or more: complete the GAD-7.",
                "GAD-7 bands: 5 mild, 10 moderate, 15 severe.",
                "Physical symptoms of anxiety can mimic, and worsen, the physical illness.",
            ),
            reflect("Which worries do your patients most often bring to appointments?"),
        ],
    },
    {
        "slug": "alcohol-and-drugs",
        "title": "Alcohol and drug misuse: AUDIT-C",
        "intro": "Ask about alcohol and drugs without judgement, and use the AUDIT-C to "
        "decide who needs more.",
        "minutes": 40,
        "offsets": (2, 7),
        "body": [
            text(
                "<p>The AUDIT-C is the first three questions of the Alcohol Use Disorders "
                "Identification Test: how often you drink, how many units on a typical "
                "day, and how often you have had six or more units (women) or eight or more "
                "(men) on a single occasion. Each scores "
                "0 to 4, for a total of 0 to 12.</p><p>In UK guidance a score of 5 or more "
                "suggests increasing or higher risk drinking: complete the full 10-item "
                "AUDIT (0 to 40) and offer brief advice. The UK Chief Medical Officers "
                "advise drinking no more than 14 units a week, spread over three or more "
                "days.</p>"
            ),
            warning(
                "Do not advise someone who may be dependent to stop suddenly",
                "<p>Stopping abruptly after heavy daily drinking can cause dangerous "
                "withdrawal, including seizures. Seek medical advice and follow your local "
                "alcohol pathway.</p>",
            ),
            text(
                "<h2>Asking about drugs</h2><p>Ask directly and routinely, as you would "
                "about any other part of health: what, how much, how often and how it is "
                "taken. Explain why you ask, for example interactions with prescribed "
                "medicines.</p>"
            ),
            points(
                "AUDIT-C ranges from 0 to 12.",
                "5 or more: complete the full AUDIT and give brief advice.",
                "Low-risk guidance: no more than 14 units a week, spread over 3 or more days.",
            ),
            reflect("What makes it hard to ask about alcohol in your setting?"),
        ],
    },
    {
        "slug": "risk-and-suicide",
        "title": "Risk and suicide",
        "intro": "Ask directly about suicidal thoughts, respond with care and make a "
        "safety plan together.",
        "minutes": 60,
        "offsets": (3, 10),
        "body": [
            text(
                "<p>Long-term physical illness, chronic pain and recent diagnosis are "
                "associated with higher suicide risk. Asking directly about suicide does "
                "not increase risk: research shows it can bring relief and opens the door "
                "to help.</p><h2>Ask</h2><p>Use clear words: \u201cSometimes when people feel "
                "like this they think about ending their life. Have you had thoughts like "
                "that?\u201d Then ask about plans, intent, access to means, what has stopped "
                "them so far, and who supports them.</p><p>NICE guidance on self-harm "
                "(NG225) advises against using risk tools or scales to predict suicide or "
                "to decide who gets care. Focus on the person's needs and safety.</p>"
            ),
            text(
                "<h2>Safety planning</h2><p>A safety plan is written with the person, in "
                "their words: their warning signs; things they can do to cope; people and "
                "places that distract; people they can ask for help; professional and "
                "crisis contacts (in England, NHS 111 and the mental health option, or "
                "Samaritans on 116 123); and how to make their surroundings safer, such as "
                "reducing access to stockpiled medicines.</p>"
            ),
            warning(
                "If someone is in immediate danger",
                "<p>Do not leave them alone. Call 999 or arrange emergency assessment, and "
                "follow your local policy to involve liaison psychiatry.</p>",
            ),
            case(
                "Ms D, 29, type 1 diabetes",
                "<p>Ms D has had three admissions with diabetic ketoacidosis this year. "
                "She says she sometimes misses insulin \u201con purpose, to see what "
                "happens\u201d.</p><p>How would you ask about suicidal thoughts, and what "
                "goes into her safety plan?</p>",
            ),
            points(
                "Asking directly about suicide does not increase risk.",
                "Ask about thoughts, plans, intent and means, and about what keeps them safe.",
                "Do not rely on risk scores to predict suicide.",
                "Make a safety plan with the person and share it, with consent.",
            ),
            reflect("What words would you feel comfortable using to ask about suicide?"),
        ],
    },
    {
        "slug": "persistent-physical-symptoms",
        "title": "Medically unexplained symptoms and illness perceptions",
        "intro": "Work with persistent physical symptoms and understand how people make "
        "sense of their illness.",
        "minutes": 45,
        "offsets": (3, 14),
        "body": [
            text(
                "<p>Persistent physical symptoms, sometimes called medically unexplained "
                "symptoms, are symptoms such as pain, fatigue or dizziness that are not "
                "fully explained by disease found on examination or tests. They are common "
                "in every specialty, are real and can be disabling.</p><h2>What helps</h2>"
                "<ul><li>Take the symptoms seriously and say so.</li><li>Explain how "
                "symptoms can be kept going by the body's stress response, attention, "
                "sleep and activity, without implying they are imagined.</li><li>Avoid "
                "repeated tests that are not clinically indicated: they can increase "
                "worry.</li><li>Offer regular, planned reviews rather than crisis "
                "appointments.</li></ul>"
            ),
            text(
                "<h2>Illness perceptions</h2><p>Leventhal's common-sense model describes "
                "the beliefs people hold about their illness: what it is (identity), what "
                "caused it, how long it will last (timeline), its consequences, and how "
                "far it can be controlled or cured. These beliefs shape how people cope "
                "and self-manage; the Brief Illness Perception Questionnaire measures "
                "them.</p>"
            ),
            case(
                "Mr E, 52, chest pain",
                "<p>Mr E has had four normal cardiac investigations in a year but still "
                "has chest pain and is sure something has been missed.</p><p>How might "
                "his beliefs about the cause keep him returning?</p>",
            ),
            reflect("How do you explain a normal test result to someone who still feels ill?"),
        ],
    },
    {
        "slug": "brief-psychological-skills",
        "title": "Brief psychological skills",
        "intro": "Skills you can use in a short appointment: listening, motivational "
        "interviewing, behavioural activation and problem solving.",
        "minutes": 50,
        "offsets": (4, 17),
        "required": False,
        "body": [
            text(
                "<h2>Motivational interviewing</h2><p>Use OARS: open questions, "
                "affirmations, reflections and summaries. Draw out the person's own reasons "
                "for change rather than arguing for it.</p><h2>Behavioural activation</h2>"
                "<p>Low mood leads to doing less, which lowers mood further. Plan small, "
                "achievable activities that bring pleasure or a sense of achievement.</p>"
                "<h2>Problem solving</h2><p>Define one problem, list options, weigh them, "
                "choose one, plan the steps and review.</p><p>Know your local NHS Talking "
                "Therapies service: many take self-referrals and run pathways for people "
                "with long-term conditions.</p>"
            ),
            points(
                "Open questions, affirmations, reflections, summaries (OARS).",
                "Small, planned activities help lift low mood.",
                "Know where to refer, and how people can refer themselves.",
            ),
            reflect("Which of these skills could you try in your next clinic?"),
        ],
    },
    {
        "slug": "adherence-fatigue-and-sleep",
        "title": "Adherence, fatigue and sleep",
        "intro": "Talk about medicines without blame, and recognise fatigue and poor sleep "
        "that keep people unwell.",
        "minutes": 40,
        "offsets": (4, 17),
        "body": [
            text(
                "<h2>Adherence</h2><p>Around half of medicines prescribed for long-term "
                "conditions are not taken as prescribed. Non-adherence can be unintentional "
                "(forgetting, practical problems) or intentional (beliefs and concerns "
                "about the medicine). NICE guidance on medicines adherence (CG76) advises "
                "asking in a way that makes it easy to be honest: \u201cMany people find it "
                "hard to take all their medicines. How often do you miss a dose?\u201d</p>"
                "<h2>Fatigue</h2><p>Fatigue is common in long-term conditions and in "
                "depression. Check for treatable causes, and discuss pacing and gradual "
                "increases in activity.</p><h2>Sleep</h2><p>Cognitive behavioural therapy "
                "for insomnia (CBT-I) is the first-line treatment for long-term insomnia; "
                "sleeping tablets are for short-term use only. Advice on a regular wake-up "
                "time and using bed only for sleep is part of it.</p>"
            ),
            points(
                "Ask about missed doses without blame.",
                "Separate forgetting from deciding not to take a medicine.",
                "CBT-I is first-line for long-term insomnia.",
            ),
            reflect("How do you usually ask patients whether they take their medicines?"),
        ],
    },
]
