"""The words of the two courses, as the course team would write them.

Clinical statements follow NICE guidance (CG91 on depression in adults with a chronic
physical health problem, NG225 on self-harm, CG115 on harmful drinking) and the screening
tools the programme behind the courses used routinely (PHQ-9, GAD-7, AUDIT-C).
"""

from cms.demo_content import accordion

INDEX = {
    "title": "Courses",
    "slug": "courses",
    "show_in_menus": True,
    "intro": (
        "<p>Two courses in mental health skills for professionals who do not work in mental "
        "health services. Both cover the same core skills; choose the one that fits your "
        "rota.</p>"
    ),
}

TRAINERS = [
    {
        "name": "Dr Priya Natarajan",
        "role": "Consultant liaison psychiatrist",
        "bio": (
            "Priya leads a liaison psychiatry service in a London teaching hospital, seeing "
            "patients on medical and surgical wards and in outpatient clinics for diabetes, "
            "heart failure and inflammatory bowel disease. She teaches risk assessment and the "
            "recognition of depression in physical illness."
        ),
        "user_email": "trainer@example.com",
    },
    {
        "name": "Dr Hannah Whitfield",
        "role": "Consultant clinical health psychologist",
        "bio": (
            "Hannah works with people living with long-term conditions and persistent physical "
            "symptoms. She teaches illness perceptions, adherence, fatigue and sleep, and the "
            "brief psychological skills at the heart of both courses."
        ),
    },
    {
        "name": "Mark Delaney",
        "role": "Clinical nurse specialist, liaison mental health",
        "bio": (
            "Mark has twenty years of nursing in emergency departments and liaison mental "
            "health teams. He teaches talking about alcohol and drugs, and how to raise mental "
            "health with patients in a busy clinic."
        ),
    },
]

CANCELLATION = (
    "<p>You can cancel up to 28 days before the first day for a full refund, less a £25 "
    "administration fee. From 27 to 8 days before, we refund half the price. From 7 days "
    "before, we cannot give a refund.</p>"
    "<p>You can transfer to another date of the same course once, free of charge, up to 8 "
    "days before the first day, or send a colleague in your place at any time. If we have "
    "to cancel a cohort, you choose between another date and a full refund.</p>"
)

AUDIENCE = (
    "<p>Registered and unregistered staff who care for adults with long-term physical "
    "conditions and do not work in mental health services: nurses and midwives, doctors at "
    "any grade, physiotherapists, dietitians, occupational therapists, pharmacists, "
    "healthcare assistants, and the managers who lead their teams.</p>"
    "<p>You need no previous mental health training. You should be in a role where you see "
    "patients, so that you can practise the skills between sessions.</p>"
)

SHARED_FAQS = accordion(
    "Questions about this course",
    [
        (
            "Will I be able to diagnose depression after the course?",
            "<p>No. You will be able to recognise the signs, screen with validated "
            "questionnaires, talk about the results and refer on well. Diagnosis and treatment "
            "of moderate to severe depression stay with your GP, NHS Talking Therapies or "
            "mental health services.</p>",
        ),
        (
            "Do the questionnaires cost anything to use?",
            "<p>The PHQ-9 and GAD-7 are free to use without permission. The AUDIT-C is "
            "published by the World Health Organization and free for clinical use.</p>",
        ),
        (
            "How do I get my certificate?",
            "<p>Attend the live sessions, pass the short quiz at the end of each module and "
            "fill in the last-day questionnaire. Your certificate is then ready to download "
            "from My learning, with a code your employer can check.</p>",
        ),
    ],
)

OUTCOMES = [
    "Explain how common depression and anxiety are in people with long-term physical "
    "conditions, and why they matter for physical outcomes",
    "Screen for depression and anxiety with the PHQ-9 and GAD-7, and talk through the "
    "results with the patient",
    "Ask directly about suicidal thoughts, respond to what you hear, and escalate when "
    "there is risk",
    "Ask about alcohol with the AUDIT-C and give brief advice",
    "Talk about symptoms that have no clear medical cause without dismissing them",
    "Explore a patient's illness perceptions and their effect on adherence",
    "Use brief psychological skills — behavioural activation, problem solving and "
    "motivational interviewing — in a routine appointment",
    "Advise on fatigue and sleep, and know when to refer",
]

FIVE_DAY_SYLLABUS = [
    (
        "Day 1",
        "Mental and physical health: why they belong together",
        "<p>About one in three people with a long-term physical condition also has a mental "
        "health problem, most often depression or anxiety. We look at why, what it means for "
        "self-care, symptoms and survival, and what joined-up services look like. You will "
        "practise the PHQ-9 and GAD-7 and learn how to score and explain them.</p>",
    ),
    (
        "Day 2",
        "Depression and anxiety in long-term conditions",
        "<p>Recognising low mood and anxiety when they overlap with physical symptoms such as "
        "fatigue, poor appetite and breathlessness; the stepped-care model in NICE guidance "
        "CG91; when and how to refer to NHS Talking Therapies, your GP or liaison "
        "psychiatry.</p>",
    ),
    (
        "Day 3",
        "Risk, suicide, alcohol and drugs",
        "<p>Asking someone whether they have thought of ending their life does not put the "
        "idea in their head: it is the first step to keeping them safe. You will practise "
        "asking, responding and escalating. In the afternoon: alcohol and drug use, the "
        "AUDIT-C, units, and brief advice in the FRAMES style.</p>",
    ),
    (
        "Day 4",
        "Symptoms, illness perceptions, adherence, fatigue and sleep",
        "<p>Persistent physical symptoms without a clear medical cause; the common-sense model "
        "of illness perceptions and why what people believe about their illness shapes what "
        "they do; adherence to treatment; managing fatigue; sleep problems and the principles "
        "of cognitive behavioural therapy for insomnia.</p>",
    ),
    (
        "Day 5",
        "Brief psychological skills in practice",
        "<p>Behavioural activation, problem solving and motivational interviewing, practised "
        "in short role plays built from real clinic situations. You leave with a plan for "
        "using the skills in your own service.</p>",
    ),
]

THREE_WEEK_SYLLABUS = [
    (
        "Week 1",
        "Mental and physical health, depression and anxiety",
        "<p>Live online day: how common depression and anxiety are in long-term conditions, "
        "why they matter, and screening with the PHQ-9 and GAD-7. Between sessions: online "
        "modules on recognising depression and anxiety, with a short quiz, and a screening "
        "exercise to try with your own patients.</p>",
    ),
    (
        "Week 2",
        "Risk, suicide, alcohol and drugs",
        "<p>Live online day: asking about suicidal thoughts, responding and escalating; "
        "alcohol and drug use, the AUDIT-C and brief advice. Between sessions: online modules "
        "and a reflection on a conversation you have had in practice.</p>",
    ),
    (
        "Week 3",
        "Symptoms, adherence, fatigue, sleep and brief psychological skills",
        "<p>Live online day: persistent physical symptoms, illness perceptions and adherence, "
        "fatigue and sleep, and brief psychological skills — behavioural activation, problem "
        "solving and motivational interviewing. You finish with a plan for your own "
        "practice.</p>",
    ),
]

COURSES = [
    {
        "slug": "five-day-course",
        "title": "Mental health skills: 5-day course",
        "summary": (
            "Five days of practical training to recognise and respond to mental health needs "
            "in people with long-term physical conditions."
        ),
        "delivery": "in_person",
        "duration": "5 days",
        "cpd_hours": "30.0",
        # For staff who are not mental health specialists but see people with mental
        # health problems regularly: the framework's Tier 2.
        "core_skills_tier": "tier-2",
        "syllabus": FIVE_DAY_SYLLABUS,
        "body": (
            "<p>The 5-day course runs Monday to Friday, 9:30am to 4:30pm, with an hour for "
            "lunch and breaks. Each day mixes short talks, video demonstrations and practice "
            "in small groups with actors and trainers. Some cohorts run live online with the "
            "same timetable.</p>"
        ),
        "prices": [
            (
                "Partner organisations",
                "Staff of the partner NHS trusts and university",
                35000,
                30000,
            ),
            (
                "NHS and public sector",
                "Staff of other NHS organisations, local authorities and charities",
                55000,
                49500,
            ),
            (
                "Private and self-funded",
                "Private sector staff and people paying for themselves",
                75000,
                67500,
            ),
        ],
    },
    {
        "slug": "three-week-course",
        "title": "Mental health skills: 3-week course",
        "summary": (
            "The same core skills over three weeks, with a live online day each week and "
            "online modules between, so you can practise as you learn."
        ),
        "delivery": "blended",
        "duration": "3 weeks",
        "cpd_hours": "30.0",
        # For staff who are not mental health specialists but see people with mental
        # health problems regularly: the framework's Tier 2.
        "core_skills_tier": "tier-2",
        "syllabus": THREE_WEEK_SYLLABUS,
        "body": (
            "<p>Each week has one live online day (9:30am to 4:30pm) and about four hours of "
            "online modules to do at your own pace. The modules open week by week, and each "
            "ends with a short quiz.</p>"
        ),
        "prices": [
            (
                "Partner organisations",
                "Staff of the partner NHS trusts and university",
                39500,
                35000,
            ),
            (
                "NHS and public sector",
                "Staff of other NHS organisations, local authorities and charities",
                59500,
                53500,
            ),
            (
                "Private and self-funded",
                "Private sector staff and people paying for themselves",
                79500,
                71500,
            ),
        ],
    },
]

VENUE = {
    "venue_name": "Weston Education Centre",
    "venue_address": "Cutcombe Road\nLondon\nSE5 9RJ",
}
JOINING = (
    "Join on Microsoft Teams: https://teams.example.org/meet/mhskills (passcode sent by email)"
)
