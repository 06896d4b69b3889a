"""The demo's organisations and the teams they book. Names, codes, domains and postcodes are
made up; the domains sit under example.* so no demo email can reach a real inbox."""

ORGANISATIONS = [
    {
        "name": "Riverside University Hospitals NHS Foundation Trust",
        "kind": "nhs_trust",
        "ods_code": "RZZ",
        "email_domains": "riverside.example.nhs.uk",
        "billing_contact_name": "Accounts payable",
        "billing_email": "accounts.payable@riverside.example.nhs.uk",
        "address_line_1": "Riverside General Hospital",
        "address_line_2": "Quay Road",
        "town": "Riverton",
        "postcode": "RV1 4QT",
        "po_required": True,
        "po_format_hint": "10 digits starting 4500, for example 4500123456",
        "po_pattern": "4500######",
    },
    {
        "name": "Meadowbank Surgery",
        "kind": "gp_practice",
        "ods_code": "Z99901",
        "email_domains": "meadowbank.example.nhs.uk",
        "billing_contact_name": "Joan Baker, practice manager",
        "billing_email": "practice.manager@meadowbank.example.nhs.uk",
        "address_line_1": "12 Meadow Lane",
        "town": "Riverton",
        "postcode": "RV3 2MB",
    },
    {
        "name": "Northshire County Council",
        "kind": "local_authority",
        "email_domains": "northshire.example.gov.uk",
        "billing_contact_name": "Adult social care training team",
        "billing_email": "invoices@northshire.example.gov.uk",
        "address_line_1": "County Hall",
        "town": "Northam",
        "postcode": "NS1 1CH",
        "po_required": True,
        "po_format_hint": "PO followed by 8 digits, for example PO12345678",
        "po_pattern": "PO########",
        "vat_number": "GB999999973",
    },
]

# organisation, manager (email, first, last; None: the demo login), course, cohort, team
TEAM_BOOKINGS = [
    (
        "Riverside University Hospitals NHS Foundation Trust",
        None,
        "five-day-course",
        "Next run",
        [
            ("Hannah Lewis", "hannah.lewis", "nurse"),
            ("Daniel Osei", "daniel.osei", "doctor"),
            ("Sophie Turner", "sophie.turner", "ahp"),
        ],
    ),
    (
        "Riverside University Hospitals NHS Foundation Trust",
        None,
        "three-week-course",
        "Live online",
        [("Megan Hall", "megan.hall", "ahp"), ("Kwame Boateng", "kwame.boateng", "nurse")],
    ),
    (
        "Meadowbank Surgery",
        ("practice.manager@meadowbank.example.nhs.uk", "Joan", "Baker"),
        "three-week-course",
        "Next run",
        [("Dr Ruth Ellis", "ruth.ellis", "doctor"), ("Sam Patel", "sam.patel", "nurse")],
    ),
    (
        "Northshire County Council",
        ("training@northshire.example.gov.uk", "Colin", "Reeve"),
        "five-day-course",
        "Live online",
        [
            ("Lucy Ward", "lucy.ward", "social_worker"),
            ("Ahmed Khan", "ahmed.khan", "social_worker"),
            ("Claire Dunn", "claire.dunn", "manager"),
            ("Peter Lowe", "peter.lowe", "hca"),
        ],
    ),
]

# The team booking left waiting for its purchase order (the trust's "no PO, no pay").
AWAITING_PO = {("Riverside University Hospitals NHS Foundation Trust", "three-week-course")}

# Who books and pays for each organisation's earlier teams (None: the demo manager login).
BILLING_MANAGERS = {
    "Riverside University Hospitals NHS Foundation Trust": None,
    "Meadowbank Surgery": ("practice.manager@meadowbank.example.nhs.uk", "Joan", "Baker"),
    "Northshire County Council": ("training@northshire.example.gov.uk", "Colin", "Reeve"),
}

# Teams on earlier runs, invoiced then (see bookings.demo_invoices).
AUTUMN_TEAMS = [
    [
        ("Rachel Green", "rachel.green", "nurse"),
        ("Femi Adeyemi", "femi.adeyemi", "doctor"),
        ("Jo Marsh", "jo.marsh", "ahp"),
    ],
    [("Dr Imran Qureshi", "imran.qureshi", "doctor"), ("Beth Morgan", "beth.morgan", "nurse")],
    [("Nadia Ali", "nadia.ali", "social_worker"), ("Gary Holt", "gary.holt", "social_worker")],
    [("Karen Doyle", "karen.doyle", "nurse"), ("Dr Li Wei", "li.wei", "doctor")],
    [("Mark Reid", "mark.reid", "ahp"), ("Zara Hussain", "zara.hussain", "nurse")],
]

# Teams on the "Summer" runs, ended more than three months ago, booked by the three
# organisations and paid (see bookings.demo_invoices): a mix of professions like the
# programme's, so that the evaluation report has enough learners to test a change.
SUMMER_TEAMS = {
    ("Riverside University Hospitals NHS Foundation Trust", "five-day-course"): [
        ("Emma Clarke", "emma.clarke", "nurse"),
        ("Dr Tariq Aziz", "tariq.aziz", "doctor"),
        ("Joanne Price", "joanne.price", "nurse"),
        ("Helen Fraser", "helen.fraser", "ahp"),
        ("Dr Kate Brennan", "kate.brennan", "doctor"),
        ("Patrick Doyle", "patrick.doyle", "pharmacist"),
        ("Amy Chen", "amy.chen", "hca"),
    ],
    ("Meadowbank Surgery", "five-day-course"): [
        ("Dr Neil Foster", "neil.foster", "doctor"),
        ("Sarah Dunmore", "sarah.dunmore", "nurse"),
        ("Ola Bakare", "ola.bakare", "pharmacist"),
    ],
    ("Northshire County Council", "five-day-course"): [
        ("Martin Shaw", "martin.shaw", "social_worker"),
        ("Funmi Adebayo", "funmi.adebayo", "social_worker"),
        ("Diane Rowe", "diane.rowe", "manager"),
    ],
    ("Riverside University Hospitals NHS Foundation Trust", "three-week-course"): [
        ("Laura Bennett", "laura.bennett", "nurse"),
        ("Dr Arjun Mehta", "arjun.mehta", "doctor"),
        ("Chris Wood", "chris.wood", "ahp"),
        ("Fatima Begum", "fatima.begum", "nurse"),
        ("Ian McLeod", "ian.mcleod", "manager"),
    ],
    ("Meadowbank Surgery", "three-week-course"): [
        ("Dr Eleanor Hart", "eleanor.hart", "doctor"),
        ("Paula Grant", "paula.grant", "nurse"),
        ("Yusuf Ahmed", "yusuf.ahmed", "pharmacist"),
        ("Tina Rhodes", "tina.rhodes", "hca"),
    ],
    ("Northshire County Council", "three-week-course"): [
        ("Gemma Lloyd", "gemma.lloyd", "social_worker"),
        ("Rob Kennedy", "rob.kennedy", "social_worker"),
        ("Anita Kaur", "anita.kaur", "midwife"),
        ("Steve Barker", "steve.barker", "manager"),
    ],
}

# One on each Summer run who was booked but never came (certificates.demo marks them absent
# at every session; learning.evaluation.demo has them answer before the course only).
SUMMER_NO_SHOWS = {"Dr Kate Brennan", "Ian McLeod"}
