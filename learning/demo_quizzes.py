"""The demo quizzes: one per demo module, keyed by the module's slug, each question with an
explanation. Facts follow the module texts in `demo_content` and the same sources (PHQ-9,
GAD-7, AUDIT-C as used by OHID, UK Chief Medical Officers' guidelines, NICE NG225, CG91,
CG76). Conservative by intent: a quiz teaches what the module teaches, nothing bolder.
"""


def single(text, explanation, right, *wrong, feedback=None):
    """One right answer; `feedback` maps a choice's text to what the learner is told."""
    feedback = feedback or {}
    choices = [(right, True, feedback.get(right, ""))]
    choices += [(w, False, feedback.get(w, "")) for w in wrong]
    return {"kind": "single", "text": text, "explanation": explanation, "choices": choices}


def many(text, explanation, right, wrong):
    choices = [(r, True, "") for r in right] + [(w, False, "") for w in wrong]
    return {"kind": "multiple", "text": text, "explanation": explanation, "choices": choices}


def truth(text, answer, explanation):
    choices = [("True", answer, ""), ("False", not answer, "")]
    return {"kind": "true_false", "text": text, "explanation": explanation, "choices": choices}


QUIZZES = {
    "mental-and-physical-health": {
        "title": "The mental and physical health interface: check your understanding",
        "attempts_allowed": 0,
        "questions": [
            single(
                "Compared with the general population, how likely are people with a long-term "
                "physical condition to have depression or anxiety?",
                "Depression and anxiety are two to three times more common in people with "
                "long-term physical conditions such as diabetes, heart disease or COPD.",
                "Two to three times more likely",
                "About as likely",
                "Less likely, because their care team sees them often",
                "Ten times more likely",
            ),
            truth(
                "Low mood can make self-management harder, and worse physical health can "
                "lower mood.",
                True,
                "The effect runs both ways, which is why mental health matters in every clinic "
                "that treats long-term physical illness.",
            ),
            truth(
                "A positive screening score is a diagnosis of depression.",
                False,
                "A screening score starts a conversation and may lead to further assessment; "
                "it is not a diagnosis on its own.",
            ),
            many(
                "Which are linked with co-existing mental health problems in people with "
                "long-term physical conditions? Select all that apply.",
                "Co-existing mental health problems are linked with poorer self-care, more "
                "symptoms, more unplanned admissions, higher costs and higher mortality.",
                ["Poorer self-care", "More unplanned admissions", "Higher healthcare costs"],
                ["Fewer physical symptoms"],
            ),
            single(
                "What must a clinic have in place before it starts routine screening?",
                "Every clinic needs a clear pathway for what happens after a positive screen, "
                "so that a score leads to the right conversation and support.",
                "A clear care pathway for what happens after a positive screen",
                "A psychiatrist in every appointment",
                "A rule to screen only patients who ask for it",
            ),
            single(
                "In the IMPARTS model of routine screening, what happened to the results?",
                "Results went to the clinician before the appointment, with a care pathway "
                "for what to do next.",
                "They went to the clinician before the appointment, with a care pathway",
                "They were kept for research and not shared",
                "They were posted to the patient's GP after a few months",
            ),
            many(
                "Which of these did IMPARTS collect routinely in general hospital clinics? "
                "Select all that apply.",
                "IMPARTS collected depression, anxiety, alcohol and drug use, smoking, "
                "adherence, physical function, fatigue, illness perceptions, quality of life "
                "and sleep.",
                ["Depression", "Anxiety", "Alcohol and drug use"],
                ["Blood group"],
            ),
            truth(
                "Mental health problems in physical health services are usually recognised, "
                "because appointments are frequent.",
                False,
                "They often go unrecognised in physical health services, where appointments "
                "focus on the body. Routine screening helps.",
            ),
        ],
    },
    "depression-and-the-phq-9": {
        "title": "Depression and the PHQ-9: check your understanding",
        "draw_count": 8,  # from a bank of 9: a retake asks at least one new question
        "questions": [
            single(
                "What is the range of the PHQ-9 total score?",
                "Nine items, each scored 0 (not at all) to 3 (nearly every day), give a total "
                "of 0 to 27.",
                "0 to 27",
                "0 to 9",
                "0 to 21",
                "0 to 100",
            ),
            single(
                "A patient scores 3 on the PHQ-2. What should happen next?",
                "A PHQ-2 score of 3 or more means the full PHQ-9 should be completed.",
                "Complete the full PHQ-9",
                "Nothing: 3 is a normal score",
                "Refer urgently to a psychiatrist",
            ),
            single(
                "A patient's PHQ-9 total is 12. Which band is that?",
                "PHQ-9 bands: 0 to 4 minimal, 5 to 9 mild, 10 to 14 moderate, 15 to 19 "
                "moderately severe, 20 to 27 severe.",
                "Moderate",
                "Mild",
                "Moderately severe",
                "Severe",
            ),
            truth(
                "If the PHQ-9 total is low, a score above 0 on item 9 can wait until the next "
                "routine appointment.",
                False,
                "Any score above 0 on item 9 needs a conversation about risk the same day, "
                "whatever the total score.",
            ),
            single(
                "What does item 9 of the PHQ-9 ask about?",
                "Item 9 asks about thoughts that you would be better off dead, or of hurting "
                "yourself in some way.",
                "Thoughts that you would be better off dead, or of hurting yourself",
                "Trouble falling or staying asleep",
                "Feeling tired or having little energy",
            ),
            many(
                "Which PHQ-9 symptoms may also come from a physical illness or its treatment? "
                "Select all that apply.",
                "Tiredness, poor sleep, appetite change and poor concentration overlap with "
                "physical illness. Do not discount them, but give weight to low mood, loss of "
                "interest, hopelessness and guilt.",
                ["Tiredness or little energy", "Change in appetite", "Poor sleep"],
                ["Feeling bad about yourself or that you are a failure"],
            ),
            single(
                "What period does the PHQ-9 ask about?",
                "Each item asks how often the problem has bothered the person over the last "
                "two weeks.",
                "The last two weeks",
                "The last 24 hours",
                "The last six months",
            ),
            single(
                "Which two items make up the PHQ-2?",
                "The PHQ-2 is the first two PHQ-9 items: little interest or pleasure in doing "
                "things, and feeling down, depressed or hopeless.",
                "Little interest or pleasure in doing things; feeling down, depressed or hopeless",
                "Poor sleep; poor appetite",
                "Feeling tired; trouble concentrating",
            ),
            single(
                "What PHQ-9 total is the usual threshold for further assessment?",
                "A score of 10 or more is the usual threshold for further assessment.",
                "10 or more",
                "5 or more",
                "20 or more",
            ),
        ],
    },
    "anxiety-and-the-gad-7": {
        "title": "Anxiety and the GAD-7: check your understanding",
        "questions": [
            single(
                "What is the range of the GAD-7 total score?",
                "Seven items, each scored 0 to 3, give a total of 0 to 21.",
                "0 to 21",
                "0 to 27",
                "0 to 7",
            ),
            single(
                "A patient scores 4 on the GAD-2. What should happen next?",
                "A GAD-2 score of 3 or more means completing the full GAD-7.",
                "Complete the full GAD-7",
                "Nothing: the GAD-2 is only used for research",
                "Start medication for anxiety",
            ),
            single(
                "A patient's GAD-7 total is 16. Which band is that?",
                "GAD-7 bands: 0 to 4 minimal, 5 to 9 mild, 10 to 14 moderate, 15 to 21 severe.",
                "Severe",
                "Moderate",
                "Mild",
            ),
            single(
                "A patient's GAD-7 total is 7. Which band is that?",
                "A score of 5 to 9 is mild.",
                "Mild",
                "Minimal",
                "Moderate",
            ),
            single(
                "From what GAD-7 score is further assessment suggested?",
                "A score of 10 or more suggests further assessment.",
                "10 or more",
                "3 or more",
                "18 or more",
            ),
            truth(
                "The GAD-7 only picks up generalised anxiety disorder.",
                False,
                "The GAD-7 also picks up panic disorder, social anxiety and post-traumatic "
                "stress, so ask what the worry is about.",
            ),
            single(
                "Which two items make up the GAD-2?",
                "The GAD-2 is the first two GAD-7 items: feeling nervous, anxious or on edge, "
                "and not being able to stop or control worrying.",
                "Feeling nervous, anxious or on edge; not being able to stop or control worrying",
                "Trouble relaxing; being easily annoyed",
                "Poor sleep; poor appetite",
            ),
            truth(
                "Physical symptoms of anxiety, such as breathlessness, can mimic a physical "
                "illness and make it worse.",
                True,
                "Anxiety and breathlessness can feed each other, as in COPD: fear of "
                "breathlessness raises anxiety, and anxiety worsens breathlessness.",
            ),
        ],
    },
    "alcohol-and-drugs": {
        "title": "Alcohol and drug misuse: check your understanding",
        "questions": [
            single(
                "How many questions are in the AUDIT-C?",
                "The AUDIT-C is the first three questions of the 10-item Alcohol Use "
                "Disorders Identification Test.",
                "3",
                "10",
                "7",
            ),
            single(
                "What is the range of the AUDIT-C total score?",
                "Three questions, each scored 0 to 4, give a total of 0 to 12.",
                "0 to 12",
                "0 to 40",
                "0 to 27",
            ),
            single(
                "In UK guidance, what does an AUDIT-C score of 5 or more suggest?",
                "5 or more suggests increasing or higher risk drinking: complete the full "
                "AUDIT and offer brief advice.",
                "Increasing or higher risk drinking: complete the full AUDIT and give brief advice",
                "Alcohol dependence, so the person must stop drinking today",
                "Low-risk drinking: no action needed",
            ),
            single(
                "What do the UK Chief Medical Officers advise as a low-risk limit?",
                "No more than 14 units a week, spread over three or more days.",
                "No more than 14 units a week, spread over three or more days",
                "No more than 21 units a week for everyone",
                "No more than 14 units a day",
            ),
            truth(
                "Someone who drinks heavily every day should be told to stop all alcohol at once.",
                False,
                "Stopping abruptly after heavy daily drinking can cause dangerous withdrawal, "
                "including seizures. Seek medical advice and follow the local alcohol pathway.",
            ),
            single(
                "What is the range of the full AUDIT score?",
                "The full AUDIT has 10 items and scores 0 to 40.",
                "0 to 40",
                "0 to 12",
                "0 to 10",
            ),
            many(
                "What is good practice when asking about drug use? Select all that apply.",
                "Ask directly and routinely, as about any other part of health: what, how "
                "much, how often and how it is taken, and explain why you ask.",
                [
                    "Ask routinely, as you would about any other part of health",
                    "Explain why you ask, for example interactions with prescribed medicines",
                    "Ask what, how much, how often and how it is taken",
                ],
                ["Ask only younger patients"],
            ),
            single(
                "What does the third AUDIT-C question ask about?",
                "How often the person has had six or more units (women) or eight or more "
                "units (men) on a single occasion.",
                "How often they have had 6 or more units (women) or 8 or more (men) on one "
                "occasion",
                "Whether anyone has been concerned about their drinking",
                "Whether they have ever had a drink first thing in the morning",
            ),
        ],
    },
    "risk-and-suicide": {
        "title": "Risk and suicide: check your understanding",
        "time_limit_minutes": 20,
        "questions": [
            truth(
                "Asking someone directly about suicide increases their risk.",
                False,
                "Asking directly does not increase risk: it can bring relief and opens the "
                "door to help.",
            ),
            many(
                "Which are associated with a higher risk of suicide? Select all that apply.",
                "Long-term physical illness, chronic pain and a recent diagnosis are "
                "associated with higher suicide risk.",
                ["Long-term physical illness", "Chronic pain", "A recent diagnosis"],
                ["Attending a routine clinic appointment"],
            ),
            single(
                "What does NICE guidance on self-harm (NG225) say about risk tools and scales?",
                "NG225 advises against using risk tools or scales to predict suicide or to "
                "decide who gets care: focus on the person's needs and safety.",
                "Do not use them to predict suicide or to decide who gets care",
                "Use a risk scale with every patient to decide who gets care",
                "Use them instead of talking with the person",
            ),
            single(
                "Which is the clearest way to ask about suicidal thoughts?",
                "Use clear words and ask directly. A leading question such as \u201cnot thinking "
                "of doing anything silly?\u201d invites the answer no.",
                "\u201cSometimes when people feel like this they think about ending their life. "
                "Have you had thoughts like that?\u201d",
                "\u201cYou're not thinking of doing anything silly, are you?\u201d",
                "\u201cI'm sure things aren't that bad.\u201d",
            ),
            many(
                "Someone tells you they have had thoughts of ending their life. What do you "
                "ask about next? Select all that apply.",
                "Ask about plans, intent, access to means, what has stopped them so far, and "
                "who supports them.",
                [
                    "Whether they have made plans",
                    "Their access to means",
                    "What has stopped them acting on the thoughts so far",
                    "Who supports them",
                ],
                ["Nothing more: refer them on without asking further"],
            ),
            single(
                "Who writes a safety plan?",
                "A safety plan is written with the person, in their own words: warning signs, "
                "ways to cope, people and places, who to ask for help, professional contacts, "
                "and making the surroundings safer.",
                "The person, with you, in their own words",
                "The clinician alone, after the appointment",
                "Nobody: safety plans are not recommended",
            ),
            truth(
                "A score above 0 on PHQ-9 item 9 needs a conversation about risk the same day.",
                True,
                "Any score above 0 on item 9 is followed up the same day, whatever the total.",
            ),
            truth(
                "A safety plan is shared with family or other services with the person's consent.",
                True,
                "Share the plan with consent. If you believe there is an immediate risk to "
                "life, seek urgent help and follow your local policy.",
            ),
        ],
    },
    "persistent-physical-symptoms": {
        "title": "Persistent physical symptoms: check your understanding",
        "questions": [
            truth(
                "Symptoms not fully explained by disease found on examination or tests are "
                "imagined.",
                False,
                "Persistent physical symptoms are real, common in every specialty, and can be "
                "disabling.",
            ),
            single(
                "Which response helps most when symptoms are not fully explained?",
                "Take the symptoms seriously and say so, then explain how symptoms can be "
                "kept going, without implying they are imagined.",
                "Take the symptoms seriously and say so",
                "Tell the person the symptoms are all in the mind",
                "Keep ordering tests until something is found",
            ),
            truth(
                "Repeated tests that are not clinically indicated can increase worry.",
                True,
                "Tests that are not indicated can increase worry; plan care instead.",
            ),
            single(
                "What kind of follow-up helps people with persistent physical symptoms?",
                "Regular, planned reviews help more than crisis appointments.",
                "Regular, planned reviews",
                "Appointments only when symptoms flare up",
                "Discharge after the first normal test",
            ),
            many(
                "Which can keep physical symptoms going? Select all that apply.",
                "The body's stress response, attention to symptoms, sleep and activity can "
                "all keep symptoms going.",
                ["The body's stress response", "Attention focused on symptoms", "Poor sleep"],
                ["Having regular planned reviews"],
            ),
            single(
                "What does Leventhal's common-sense model describe?",
                "The beliefs people hold about their illness, which shape how they cope and "
                "self-manage.",
                "The beliefs people hold about their illness",
                "A way to diagnose depression",
                "A scoring system for pain",
            ),
            many(
                "Which are dimensions of illness perceptions in the common-sense model? Select "
                "all that apply.",
                "Identity (what it is), cause, timeline (how long it will last), consequences, "
                "and how far it can be controlled or cured.",
                ["Timeline: how long it will last", "Consequences", "Identity: what it is"],
                ["Blood test results"],
            ),
            single(
                "Which questionnaire measures illness perceptions?",
                "The Brief Illness Perception Questionnaire (Brief IPQ) measures them.",
                "The Brief Illness Perception Questionnaire",
                "The GAD-7",
                "The AUDIT-C",
            ),
        ],
    },
    "brief-psychological-skills": {
        "title": "Brief psychological skills: check your understanding",
        "questions": [
            single(
                "In motivational interviewing, what does OARS stand for?",
                "Open questions, affirmations, reflections and summaries.",
                "Open questions, affirmations, reflections, summaries",
                "Observe, assess, refer, support",
                "Options, actions, results, solutions",
            ),
            single(
                "What is the aim of motivational interviewing?",
                "To draw out the person's own reasons for change rather than arguing for it.",
                "To draw out the person's own reasons for change",
                "To argue the case for change until the person agrees",
                "To tell the person the risks of not changing",
            ),
            single(
                "What does behavioural activation involve?",
                "Planning small, achievable activities that bring pleasure or a sense of "
                "achievement.",
                "Planning small, achievable activities that bring pleasure or achievement",
                "Resting until mood improves",
                "Exploring childhood experiences in depth",
            ),
            truth(
                "Low mood leads to doing less, which can lower mood further.",
                True,
                "This cycle is what behavioural activation sets out to break.",
            ),
            single(
                "What is the first step in structured problem solving?",
                "Define one problem; then list options, weigh them, choose one, plan the steps "
                "and review.",
                "Define one problem",
                "Choose a solution",
                "Review how it went",
            ),
            single(
                "Which is an open question?",
                "Open questions invite the person to tell their story; closed or leading "
                "questions invite yes or no.",
                "\u201cHow have things been since we last met?\u201d",
                "\u201cAre you taking your tablets?\u201d",
                "\u201cYou're feeling better, aren't you?\u201d",
            ),
            truth(
                "Many NHS Talking Therapies services accept self-referrals.",
                True,
                "Many take self-referrals and run pathways for people with long-term "
                "conditions: know your local service.",
            ),
            many(
                "Which are steps of structured problem solving? Select all that apply.",
                "Define one problem, list options, weigh them, choose one, plan the steps, "
                "and review.",
                ["List the options", "Weigh the options", "Plan the steps and review"],
                ["Tackle every problem at once"],
            ),
        ],
    },
    "adherence-fatigue-and-sleep": {
        "title": "Adherence, fatigue and sleep: check your understanding",
        "questions": [
            single(
                "Roughly what share of medicines prescribed for long-term conditions are not "
                "taken as prescribed?",
                "Around half of medicines prescribed for long-term conditions are not taken "
                "as prescribed.",
                "Around half",
                "Around 1 in 20",
                "Almost none",
            ),
            many(
                "Which are examples of unintentional non-adherence? Select all that apply.",
                "Unintentional non-adherence comes from forgetting or practical problems; "
                "intentional non-adherence comes from beliefs and concerns about the medicine.",
                ["Forgetting doses", "Difficulty opening the packaging"],
                ["Deciding to stop because of worries about side effects"],
            ),
            single(
                "Which question makes it easiest for someone to be honest about missed doses?",
                "NICE guidance on medicines adherence (CG76) advises asking in a way that "
                "makes it easy to be honest, without blame.",
                "\u201cMany people find it hard to take all their medicines. How often do you "
                "miss a dose?\u201d",
                "\u201cYou are taking all your medicines, aren't you?\u201d",
                "\u201cWhy haven't you been taking your medicines?\u201d",
            ),
            single(
                "What is the first-line treatment for long-term insomnia?",
                "Cognitive behavioural therapy for insomnia (CBT-I).",
                "Cognitive behavioural therapy for insomnia (CBT-I)",
                "Sleeping tablets",
                "Daytime naps to catch up",
            ),
            truth(
                "Sleeping tablets are recommended for long-term insomnia.",
                False,
                "Sleeping tablets are for short-term use only; CBT-I is first-line for "
                "long-term insomnia.",
            ),
            many(
                "Which are part of CBT-I advice? Select all that apply.",
                "A regular wake-up time and using bed only for sleep are part of CBT-I.",
                ["Get up at the same time every day", "Use the bed only for sleep"],
                ["Stay in bed longer to catch up on lost sleep"],
            ),
            truth(
                "Fatigue in a long-term condition should prompt a check for treatable causes.",
                True,
                "Fatigue is common in long-term conditions and in depression: check for "
                "treatable causes first.",
            ),
            single(
                "Which approach to fatigue does the module recommend discussing?",
                "Pacing and gradual increases in activity.",
                "Pacing and gradual increases in activity",
                "Complete rest until the fatigue lifts",
                "Doing as much as possible on good days",
            ),
        ],
    },
}
