"""The message templates every site starts with (a data migration writes them once; staff
may then change them in the admin)."""

SIGN_OFF = "\n\nWith best wishes,\nThe course team"

TEMPLATES = [
    {
        "name": "Joining instructions",
        "subject": "Joining instructions: {course}, {dates}",
        "body": "Dear {first_name},\n\n"
        "We look forward to seeing you on {course}, {dates}.\n\n"
        "Where: {venue}\n"
        "Joining details: {joining_details}\n\n"
        "Before the first session, please answer the short questionnaire about your "
        "confidence and knowledge now, and open the first modules. Both are in My learning: "
        "{my_learning_url}\n\n"
        "If you have access or dietary requirements that we do not know about yet, reply to "
        "this email and we will make arrangements." + SIGN_OFF,
    },
    {
        "name": "Reminder before a session",
        "subject": "Reminder: {course} continues soon",
        "body": "Dear {first_name},\n\n"
        "A reminder that {course} ({dates}) continues soon.\n\n"
        "Where: {venue}\n"
        "Joining details: {joining_details}\n\n"
        "Modules due before the next session, and any quiz still to pass, are listed in My "
        "learning: {my_learning_url}" + SIGN_OFF,
    },
    {
        "name": "Follow-up after the course",
        "subject": "After {course}: your certificate and what comes next",
        "body": "Dear {first_name},\n\n"
        "Thank you for taking part in {course} ({dates}).\n\n"
        "Your certificate, with your CPD hours, is in My learning once you have met the "
        "course's requirements: {my_learning_url}\n\n"
        "In three months we will ask you a few questions about how you have used the skills "
        "in your practice: screening with the PHQ-9 and GAD-7, asking about suicidal "
        "thoughts, talking about alcohol. Your answers tell us what the course changed and "
        "help us improve it." + SIGN_OFF,
    },
]
