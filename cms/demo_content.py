"""The words of the demo site's own pages, kept apart from the code that builds them.

True to the programme behind the courses (IMPARTS, see shared/seed): joining up mental and
physical healthcare for people with long-term physical conditions.
"""

import datetime


def text(html):
    return {"type": "rich_text", "value": html}


def callout(body, heading="", style="inset"):
    return {"type": "callout", "value": {"style": style, "heading": heading, "text": body}}


def accordion(heading, items):
    return {
        "type": "accordion",
        "value": {"heading": heading, "items": [{"heading": q, "body": a} for q, a in items]},
    }


REVIEWED = datetime.date(2026, 11, 1)

HOME = {
    "title": "Mental health skills for health professionals",
    "hero_heading": "Mental health skills for professionals who are not mental health specialists",
    "hero_text": (
        "Practical training for nurses, doctors, allied health professionals and managers who "
        "care for people with long-term physical conditions."
    ),
    "intro": (
        "<p>Depression and anxiety are two to three times more common in people with a long-term "
        "physical condition, and they make the physical illness harder to live with and to treat. "
        "Our 5-day and 3-week courses give you the skills to spot, ask about and respond to mental "
        "health needs in the patients you already see.</p>"
    ),
    "body": [
        text(
            "<h2>Who the courses are for</h2><p>Registered and unregistered staff working in "
            "general hospitals, primary care and community services: nurses, doctors, "
            "physiotherapists, dietitians, occupational therapists, pharmacists, healthcare "
            "assistants and the managers who run their services. You do not need any mental "
            "health training or experience.</p>"
        ),
        text(
            "<h2>What you will learn</h2><ul><li>depression and anxiety in long-term physical "
            "conditions, and how to screen for them</li><li>alcohol and drug misuse</li><li>asking "
            "about risk and suicidal thoughts, and what to do next</li><li>medically unexplained "
            "symptoms and illness perceptions</li><li>adherence, fatigue and sleep</li><li>brief "
            "psychological skills you can use in a routine appointment</li></ul>"
        ),
        callout(
            "<p>Every course earns CPD hours, with a certificate that your employer or regulator "
            "can check online.</p>",
            heading="Continuing professional development",
        ),
        text('<p><a href="/courses/">Find a course and book a place</a></p>'),
    ],
}

ABOUT = {
    "title": "About the courses",
    "slug": "about",
    "show_in_menus": True,
    "summary": "Why we run these courses, who teaches them and how they are built.",
    "last_reviewed": REVIEWED,
    "body": [
        text(
            "<p>Our courses grew out of IMPARTS (Integrating Mental and Physical healthcare: "
            "Research, Training and Services), a King’s Health Partners initiative that joined up "
            "mental and physical healthcare in general hospital settings.</p>"
            "<p>IMPARTS services collected patient-reported outcomes as part of routine care: "
            "depression, anxiety, alcohol and drug misuse, smoking, adherence, physical function, "
            "fatigue, illness perceptions, quality of life and sleep. That data showed how common "
            "these problems are in people attending physical health clinics, and how often they "
            "go unrecognised. The courses teach the skills that clinical teams told us they "
            "needed to act on what screening finds.</p>"
        ),
        text(
            "<h2>Two ways to take part</h2><p>The <strong>5-day course</strong> runs over one "
            "working week, in person or live online. The <strong>3-week course</strong> covers "
            "the same ground in more depth, with self-directed modules between weekly live "
            "sessions, so that you can try the skills in your own practice and bring your "
            "experience back to the group.</p>"
        ),
        text(
            "<h2>How we measure what the course changes</h2><p>We ask you about your confidence "
            "and knowledge before the course, on the last day and three months later. The "
            "answers are pseudonymised and help us show commissioners and trusts what the "
            "training achieves. Taking part in the research is optional.</p>"
        ),
    ],
}

FAQ = {
    "title": "Frequently asked questions",
    "slug": "faq",
    "show_in_menus": True,
    "summary": "Booking, paying, attending and your certificate.",
    "last_reviewed": REVIEWED,
    "body": [
        accordion(
            "Booking and paying",
            [
                (
                    "Can my employer pay?",
                    "<p>Yes. Choose <strong>pay by invoice</strong> when you book and give your "
                    "organisation’s billing details and purchase order (PO) number. If your trust "
                    "needs a PO before it will pay and you do not have one yet, you can "
                    "still book: "
                    "we hold your place while the PO is raised.</p>",
                ),
                (
                    "Can I book places for my team?",
                    "<p>Yes. A manager can book several places in one order and give each "
                    "colleague’s name and email. We invite each person to create their own account "
                    "so they can reach the course materials.</p>",
                ),
                (
                    "What if I need to cancel?",
                    "<p>Each course page sets out its cancellation and transfer policy. You can "
                    "usually transfer to a later cohort or pass your place to a colleague at no "
                    "cost.</p>",
                ),
            ],
        ),
        accordion(
            "Attending",
            [
                (
                    "Do I need any mental health experience?",
                    "<p>No. The courses are designed for professionals who do not work in mental "
                    "health services.</p>",
                ),
                (
                    "What if I have access requirements?",
                    "<p>Tell us when you book, or contact us at any time. Live online sessions "
                    "have captions, and all course materials work with screen readers.</p>",
                ),
            ],
        ),
        accordion(
            "Certificates and CPD",
            [
                (
                    "How many CPD hours will I get?",
                    "<p>One hour of learning counts as one hour of CPD, up to 8 hours a day. Your "
                    "certificate states your participatory hours (live sessions) and your "
                    "self-directed hours (online modules) separately, as nurses and midwives need "
                    "for revalidation.</p>",
                ),
                (
                    "How can my employer check my certificate?",
                    "<p>Each certificate carries a verification code. Anyone can enter it on our "
                    "verify page to see what the certificate states and whether it is valid.</p>",
                ),
            ],
        ),
    ],
}

CONTACT = {
    "title": "Contact us",
    "slug": "contact",
    "show_in_menus": True,
    "summary": "How to reach the course team.",
    "last_reviewed": REVIEWED,
    "body": [
        text(
            '<p>Email <a href="mailto:courses@example.org">courses@example.org</a> or call '
            "020 7000 0000, Monday to Friday, 9am to 5pm (closed on bank holidays).</p>"
            "<p>For questions about an invoice, include the invoice number and your "
            "organisation’s purchase order number.</p>"
        ),
        callout(
            "<p>We cannot give advice about a patient. If someone is at immediate risk, call "
            "999. For urgent mental health help in England, call NHS 111 and choose the mental "
            "health option.</p>",
            heading="This is not a clinical service",
            style="warning",
        ),
    ],
}

PRIVACY = {
    "title": "Privacy notice",
    "slug": "privacy",
    "summary": "What personal data we hold about you, why, who sees it, how long we keep it "
    "and your rights.",
    "last_reviewed": REVIEWED,
    "body": [
        text(
            "<h2>Who we are</h2><p>The courses are run by IMPARTS Education in the Department "
            "of Psychological Medicine, a partnership of King’s College Hospital NHS "
            "Foundation Trust and King’s College London within King’s Health Partners. The "
            "trust and the university are joint data controllers for the personal data on "
            "this site. Our data protection officer answers at "
            '<a href="mailto:dpo@example.org">dpo@example.org</a>.</p>'
            "<h2>What we hold, why, and on what lawful basis</h2><ul>"
            "<li><strong>Your account and profile</strong> (name, email, profession, job, "
            "organisation, professional registration number): to book you on a course and "
            "issue certificates your regulator will accept. Basis: our contract with you.</li>"
            "<li><strong>Bookings, payments, invoices and credit notes</strong>: to take "
            "payment and account for it. Basis: contract, and the legal obligation to keep "
            "financial records.</li>"
            "<li><strong>Access and dietary requirements</strong> you tell us about: only to "
            "make arrangements for your place. Some may be health information; we use it "
            "because you gave it to us for that purpose (your explicit consent).</li>"
            "<li><strong>Progress, notes, quiz results, attendance and certificates</strong>: "
            "to support your learning, decide whether you completed the course, and let "
            "employers and regulators check a certificate. Basis: contract, and our "
            "legitimate interest in certificates that can be relied on.</li>"
            "<li><strong>Evaluation answers</strong>: to improve the course (our legitimate "
            "interest). They are keyed by a pseudonym, never by your name, and used for "
            "research and audit only if you agree.</li>"
            "<li><strong>Waiting lists</strong>: to offer you a place that comes free.</li>"
            "</ul>"
            "<h2>Who sees it</h2><ul><li>the course team, and the trainers of your cohort "
            "(your name, profession, requirements, attendance and progress)</li><li>our "
            "finance team (bookings, payments and invoices)</li><li>the nominated managers of "
            "your employer, when your employer booked and pays for your place</li><li>our "
            "research team, only pseudonymised evaluation answers of learners who agreed</li>"
            "<li>anyone you give your certificate’s code to: what the certificate states</li>"
            "<li>our processors: Stripe for card payments, our email provider and our "
            "hosting provider, under contract and only to provide their service</li></ul>"
            "<h2>How long we keep it</h2><p>Your account, profile and learning records are "
            "kept until you delete your account. Invoices, credit notes and payment records "
            "are kept for six years after the end of the financial year, as the law "
            "requires. Some data goes sooner, automatically:</p>"
        ),
        {"type": "retention_periods", "value": None},
        text(
            "<h2>Your rights</h2><p>You have the right to see the personal data we hold about "
            "you, to correct it, to have it deleted, to object to its use and to withdraw "
            "consent at any time.</p><ul>"
            '<li><a href="/account/data.json">Download everything we hold about you</a> '
            "(you need to sign in)</li>"
            '<li><a href="/account/">Correct your details</a></li>'
            '<li><a href="/account/research-consent/">Change your research consent</a></li>'
            '<li><a href="/account/delete/">Delete your account</a>: we remove your personal '
            "data and keep financial records without your name. You choose whether your "
            "certificates stay verifiable or are withdrawn.</li></ul>"
            "<p>If you are unhappy with how we use your data, contact our data protection "
            "officer. You can also complain to the Information Commissioner’s Office "
            '(<a href="https://ico.org.uk/make-a-complaint/">ico.org.uk</a>).</p>'
        ),
    ],
}

ACCESSIBILITY = {
    "title": "Accessibility statement",
    "slug": "accessibility",
    "summary": "How accessible this website is, and how to report a problem.",
    "last_reviewed": REVIEWED,
    "body": [
        text(
            "<p>This accessibility statement applies to the Mental Health Skills Courses "
            "website. We want as many people as possible to be able to use it. For example, "
            "that means you should be able to:</p><ul><li>change colours, contrast levels and "
            "fonts using browser or device settings</li><li>zoom in up to 400% without the "
            "text spilling off the screen</li><li>navigate the whole website using just a "
            "keyboard or speech recognition software</li><li>listen to the website using a "
            "screen reader</li></ul>"
            "<h2>How accessible this website is</h2><p>We test every page with automated "
            "checks (axe-core) and walk the main journeys — booking, learning and downloading "
            "a certificate — using only a keyboard. We know of no parts of the site that are "
            "not accessible.</p>"
            "<h2>Feedback and contact information</h2><p>If you need information on this "
            "website in a different format, such as accessible PDF, large print or audio, "
            'email <a href="mailto:courses@example.org">courses@example.org</a>. We will '
            "reply within 5 working days.</p>"
            "<h2>Enforcement procedure</h2><p>The Equality and Human Rights Commission (EHRC) "
            "is responsible for enforcing the Public Sector Bodies (Websites and Mobile "
            "Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with "
            "how we respond to your complaint, contact the Equality Advisory and Support "
            "Service (EASS).</p>"
            "<h2>Technical information about this website’s accessibility</h2><p>We are "
            "committed to making our website accessible, in accordance with the Public Sector "
            "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations "
            "2018.</p><h3>Compliance status</h3><p>This website is fully compliant with the "
            "Web Content Accessibility Guidelines version 2.2 AA standard.</p>"
            "<h2>Preparation of this accessibility statement</h2><p>This statement was "
            "prepared on 1 November 2026. The website was last tested on 1 November 2026 by "
            "the development team, using automated checks on every page and manual keyboard "
            "and screen reader testing of the main journeys.</p>"
        ),
    ],
}

CONTENT_PAGES = [ABOUT, FAQ, CONTACT, PRIVACY, ACCESSIBILITY]

SITE_SETTINGS = {
    "provider_name": "IMPARTS Education, Department of Psychological Medicine",
    "provider_address": "Weston Education Centre\nCutcombe Road\nLondon\nSE5 9RJ",
    "contact_email": "courses@example.org",
    "contact_phone": "020 7000 0000",
    "vat_number": "GB 999 9999 73",
    "invoice_terms_days": 30,
    "invoice_payment_instructions": (
        "Pay by BACS to Example Bank, sort code 00-00-00, account 00000000, quoting the "
        "invoice number as the reference."
    ),
    "certificate_signatory_name": "Dr Alex Morgan",
    "certificate_signatory_title": "Course Director, Mental Health Skills Programme",
}
