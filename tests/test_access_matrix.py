# ruff: noqa: E501 -- the table keeps one line per URL pattern, so it reads as a table
"""The access-control matrix (issue 12 §1): every URL pattern of the site, requested as
each of seven people, with real ids of someone else's records, against one table.

The world (tests/access_world.py) has two running cohorts of one course, A and B. Every
address is filled with B's records: learner B's order, place, invoice, credit note,
attempt, notes, certificate, waiting-list entry and offer; cohort B's sessions, materials,
messages and batches. So learner B and cohort B's trainer are the owners; learner A and the
trainer of cohort A are the outsiders, who must be refused (and shown nothing of B's);
Finance and an admin (staff, with their authenticator app) see what their work needs.

Columns: anonymous, learner A, learner B, trainer of cohort A, trainer of cohort B,
Finance, admin. Outcomes: OK (200); LOGIN (302 to the sign-in page); DENY (403 or 404);
BOUNCE (Wagtail's "no permission": 302 to the admin dashboard); REDIRECT (302 elsewhere,
e.g. an answered form sending its owner on); ANY (Wagtail's own screens for staff: for
trainer A, no server error and nothing of B's; for the others, not requested); or a
status code. Wherever the table refuses a role, an empty POST is sent too (the test
client skips CSRF checks), which must be refused as well and write nothing.

A URL pattern missing from the table fails the test: a new view cannot escape it. Wagtail's
own admin (pages, images, documents, reports, users…) is covered by the group rows at the
end of the table; a screen of our apps always needs a row of its own.
"""

import pytest
from django.test import Client

from tests import access_world as world_of
from tests.access_requests import get, post

OK, LOGIN, DENY, BOUNCE, REDIRECT, ANY = "OK", "LOGIN", "DENY", "BOUNCE", "REDIRECT", "ANY"
NO_OR_405 = (DENY, BOUNCE, "405")  # any refusal (used by the group rows)

# fmt: off
TABLE = {
    # name:                        (anon,  learner A, learner B, trainer A, trainer B, finance, admin)
    "healthz": (OK, OK, OK, OK, OK, OK, OK),
    "healthz_live": (OK, OK, OK, OK, OK, OK, OK),
    "robots_txt": (OK, OK, OK, OK, OK, OK, OK),
    "search": (OK, OK, OK, OK, OK, OK, OK),
    "sitemap": (OK, OK, OK, OK, OK, OK, OK),
    "admin_login_redirect": (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "wagtail_login_redirect": (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    "admin/test404/": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "order_cancel": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "order_refund": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "order_move": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "learning_attendance": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "learning_attendance_register": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_attendance_mark": (LOGIN, LOGIN, LOGIN, "405", "405", "405", "405"),
    "learning_attendance_check_in_code": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_attendance_sign_in_sheet": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_materials_cohort": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_materials_delete": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_messages_cohort": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_messages_new": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_messages_detail": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_my_cohorts": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "learning_workspace": (LOGIN, LOGIN, LOGIN, DENY, REDIRECT, BOUNCE, REDIRECT),
    "learning_workspace_roster": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_workspace_sessions": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_research_export": (LOGIN, LOGIN, LOGIN, DENY, DENY, DENY, OK),
    "learning_research_export_csv": (LOGIN, LOGIN, LOGIN, DENY, DENY, DENY, OK),
    "learning_research_dictionary_csv": (LOGIN, LOGIN, LOGIN, DENY, DENY, DENY, OK),
    "learning_evaluation_cohort": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_evaluation_cohort_csv": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_evaluation_cohort_pdf": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "learning_evaluation_course": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "learning_evaluation_course_csv": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, REDIRECT),
    "learning_evaluation_course_pdf": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, REDIRECT),
    "certificates_progress": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "certificates_progress_csv": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "certificates_cohort": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "certificates_issue_all": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "certificates_batch": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "certificates_override": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "certificates_zip": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "certificates_staff_csv": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "certificates_status": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "certificates_corrections": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "certificates_correction": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "courses_cohort:index": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "courses_cohort:index_results": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "courses_cohort:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "courses_cohort:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "courses_cohort:delete": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, OK),
    "courses_cohort:history": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, OK),
    "courses_cohort:history_results": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, OK),
    "courses_cohort:usage": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, OK),
    "courses_cohort:inspect": (LOGIN, LOGIN, LOGIN, DENY, OK, DENY, OK),
    "courses_cohort:duplicate": (LOGIN, LOGIN, LOGIN, REDIRECT, REDIRECT, REDIRECT, OK),
    "bookings_order:index": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_order:index_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_order:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_order:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_order:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_order:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_order:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_order:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_order:inspect": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_waitinglistentry:index": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "bookings_waitinglistentry:index_results": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "bookings_waitinglistentry:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_waitinglistentry:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_waitinglistentry:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_waitinglistentry:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_waitinglistentry:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_waitinglistentry:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_waitinglistentry:inspect": (LOGIN, LOGIN, LOGIN, DENY, OK, OK, OK),
    "bookings_waitinglistentry:offer": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_discountcode:index": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_discountcode:index_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_discountcode:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_discountcode:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_discountcode:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_discountcode:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_discountcode:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_discountcode:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_organisation:index": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_organisation:index_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_organisation:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_organisation:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_organisation:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "bookings_organisation:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_organisation:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "bookings_organisation:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_invoice:index": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_invoice:index_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_invoice:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_invoice:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_invoice:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_invoice:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_invoice:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_invoice:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_invoice:inspect": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_invoice:record_payment": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_invoice:credit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_invoice:correct": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_invoice:resend": (LOGIN, LOGIN, LOGIN, "405", "405", "405", "405"),
    "finance_invoice:pdf": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_invoice:xml": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_creditnote:index": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_creditnote:index_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_creditnote:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_creditnote:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_creditnote:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_creditnote:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_creditnote:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_creditnote:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_creditnote:inspect": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_creditnote:pdf": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_creditnote:xml": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_payment:index": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_payment:index_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_payment:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_payment:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_payment:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_payment:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_payment:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_payment:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "finance_awaiting_po:index": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_awaiting_po:record": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, DENY, DENY),
    "finance_aged_debt:index": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_aged_debt:csv": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_exports:index": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "finance_reports:index": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "wagtaildocs_serve": (DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "wagtaildocs_authenticate_with_password": (DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "account_login": (OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "account_logout": (REDIRECT, OK, OK, OK, OK, OK, OK),
    "account_inactive": (OK, OK, OK, OK, OK, OK, OK),
    "account_signup": (OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "account_reauthenticate": (LOGIN, OK, OK, OK, OK, OK, OK),
    "account_email": (LOGIN, OK, OK, OK, OK, OK, OK),
    "account_email_verification_sent": (OK, OK, OK, OK, OK, OK, OK),
    "account_change_password": (LOGIN, OK, OK, OK, OK, OK, OK),
    "account_set_password": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "account_reset_password": (OK, OK, OK, OK, OK, OK, OK),
    "account_confirm_login_code": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "account_confirm_email": (OK, OK, OK, OK, OK, OK, OK),
    "account_reset_password_from_key_done": (OK, OK, OK, OK, OK, OK, OK),
    "account_reset_password_from_key": (OK, OK, OK, OK, OK, OK, OK),
    "account_reset_password_done": (OK, OK, OK, OK, OK, OK, OK),
    "account_request_login_code": (OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "mfa_index": (LOGIN, OK, OK, OK, OK, OK, OK),
    "mfa_authenticate": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "mfa_reauthenticate": (LOGIN, REDIRECT, REDIRECT, OK, OK, OK, OK),
    "mfa_activate_totp": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "mfa_deactivate_totp": (LOGIN, DENY, DENY, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "mfa_view_recovery_codes": (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY),
    "mfa_generate_recovery_codes": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "mfa_download_recovery_codes": (LOGIN, DENY, DENY, DENY, DENY, DENY, DENY),
    "account_profile": (LOGIN, OK, OK, OK, OK, OK, OK),
    "account_data_export": (LOGIN, OK, OK, OK, OK, OK, OK),
    "account_delete": (LOGIN, OK, OK, OK, OK, OK, OK),
    "courses:cohort_calendar": (OK, OK, OK, OK, OK, OK, OK),
    "bookings:book": (LOGIN, "409", "409", "409", "409", "409", "409"),
    "bookings:join_waiting_list": (LOGIN, "409", REDIRECT, "409", "409", "409", "409"),
    "bookings:waiting_list_entry": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "bookings:leave_waiting_list": (LOGIN, "405", "405", "405", "405", "405", "405"),
    "bookings:decline_offer": (LOGIN, "405", "405", "405", "405", "405", "405"),
    "bookings:offer": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "bookings:order": (LOGIN, DENY, OK, DENY, DENY, OK, OK),
    "bookings:offer_attendees": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "bookings:pay": (LOGIN, "405", "405", "405", "405", "405", "405"),
    "bookings:payment_return": (LOGIN, DENY, REDIRECT, DENY, DENY, DENY, DENY),
    "bookings:invoice_details": (LOGIN, DENY, REDIRECT, DENY, DENY, DENY, DENY),
    "bookings:add_po": (LOGIN, DENY, REDIRECT, DENY, DENY, REDIRECT, REDIRECT),
    "bookings:invoice_pay": (OK, OK, OK, OK, OK, OK, OK),
    "bookings:invoice_pay_start": ("405", "405", "405", "405", "405", "405", "405"),
    "bookings:cancel": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "bookings:receipt": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "bookings:transfer": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "bookings:invoice_download": (LOGIN, DENY, OK, DENY, DENY, OK, OK),
    "bookings:credit_note_download": (LOGIN, DENY, OK, DENY, DENY, OK, OK),
    "bookings:my_bookings": (LOGIN, OK, OK, OK, OK, OK, OK),
    "bookings:organisation_index": (LOGIN, DENY, REDIRECT, DENY, DENY, REDIRECT, REDIRECT),
    "bookings:organisation": (LOGIN, DENY, OK, DENY, DENY, OK, OK),
    "bookings:pass_on": (LOGIN, DENY, OK, DENY, DENY, OK, OK),
    "bookings:stripe_webhook": ("405", "405", "405", "405", "405", "405", "405"),
    "learning:dashboard": (LOGIN, OK, OK, OK, OK, OK, OK),
    "learning:research_consent": (LOGIN, OK, OK, OK, OK, OK, OK),
    "learning:evaluation_wave": (LOGIN, DENY, REDIRECT, DENY, DENY, DENY, DENY),
    "learning:evaluation_thanks": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "learning:material": (LOGIN, DENY, OK, DENY, OK, DENY, OK),
    "learning:check_in": (LOGIN, "400", OK, "400", "400", "400", "400"),
    "learning:mark_done": (LOGIN, "405", "405", "405", "405", "405", "405"),
    "learning:save_reflection": (LOGIN, "405", "405", "405", "405", "405", "405"),
    "learning:resource": (DENY, OK, OK, OK, OK, OK, OK),
    "learning:start_quiz": (LOGIN, "405", "405", "405", "405", "405", "405"),
    "learning:attempt": (LOGIN, DENY, REDIRECT, DENY, DENY, DENY, DENY),
    "learning:attempt_submit": (LOGIN, DENY, REDIRECT, DENY, DENY, DENY, DENY),
    "learning:attempt_result": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "certificates:verify": (OK, OK, OK, OK, OK, OK, OK),
    "certificates:verify_code": (OK, OK, OK, OK, OK, OK, OK),
    "certificates:download": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "certificates:request_correction": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "certificates:status_list": (OK, OK, OK, OK, OK, OK, OK),
    "certificates:badge_jwt": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "certificates:badge_json": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "certificates:cpd_records": (LOGIN, OK, OK, OK, OK, OK, OK),
    "certificates:cpd_record_pdf": (LOGIN, OK, OK, OK, OK, OK, OK),
    "certificates:cpd_record_csv": (LOGIN, OK, OK, OK, OK, OK, OK),
    "certificates:certificate": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "jwks": (OK, OK, OK, OK, OK, OK, OK),
    "did_document": (OK, OK, OK, OK, OK, OK, OK),
    "wagtailcore_authenticate_with_password": (DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "wagtailcore_login": (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),  # shadowed: allauth
    "wagtail_serve": (DENY, OK, OK, OK, OK, OK, OK),
    # Wagtail's deliberate error page, for checking error reporting: staff only.
    "wagtailadmin_error_test": (LOGIN, LOGIN, LOGIN, "500", "500", "500", "500"),
    "admin/^.*/$": (LOGIN, LOGIN, LOGIN, DENY, DENY, DENY, DENY),
    # Wagtail's icons and translations are public; its password reset is off (allauth's is on).
    "wagtailadmin_sprite": (OK, OK, OK, OK, OK, OK, OK),
    "wagtailadmin_javascript_catalog": (OK, OK, OK, OK, OK, OK, OK),
    "wagtailadmin_password_reset": (DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "wagtailadmin_password_reset_done": (DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "wagtailadmin_password_reset_confirm": (DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "wagtailadmin_password_reset_complete": (DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    # Our snippets and their choosers. The choosers of content-like snippets (trainers,
    # quizzes, instruments, templates, rules) are open to all staff, as Wagtail's are.
    "wagtailsnippets:index": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_courses_trainer:list": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_courses_trainer:list_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_courses_trainer:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_courses_trainer:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_courses_trainer:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_courses_trainer:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_courses_trainer:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_courses_trainer:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_courses_trainer:copy": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippetchoosers_courses_trainer:choose": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_courses_trainer:choose_results": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_courses_trainer:chosen": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_courses_trainer:chosen_multiple": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_courses_trainer:create": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_quiz:list": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quiz:list_results": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quiz:add": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quiz:edit": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quiz:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_quiz:usage": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quiz:history": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quiz:history_results": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quiz:copy": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quiz:regrade": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippetchoosers_learning_quiz:choose": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_quiz:choose_results": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_quiz:chosen": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_quiz:chosen_multiple": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_quiz:create": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quizattempt:list": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quizattempt:list_results": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quizattempt:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_learning_quizattempt:edit": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, BOUNCE),
    "wagtailsnippets_learning_quizattempt:delete": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, BOUNCE),
    "wagtailsnippets_learning_quizattempt:usage": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, BOUNCE),
    "wagtailsnippets_learning_quizattempt:history": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, BOUNCE),
    "wagtailsnippets_learning_quizattempt:history_results": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, BOUNCE),
    "wagtailsnippets_learning_quizattempt:copy": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_learning_quizattempt:inspect": (LOGIN, LOGIN, LOGIN, DENY, OK, DENY, OK),
    "wagtailsnippets_learning_quizadjustment:list": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quizadjustment:list_results": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quizadjustment:add": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quizadjustment:edit": (LOGIN, LOGIN, LOGIN, DENY, OK, DENY, OK),
    "wagtailsnippets_learning_quizadjustment:delete": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, OK),
    "wagtailsnippets_learning_quizadjustment:usage": (LOGIN, LOGIN, LOGIN, DENY, OK, DENY, OK),
    "wagtailsnippets_learning_quizadjustment:history": (LOGIN, LOGIN, LOGIN, DENY, OK, DENY, OK),
    "wagtailsnippets_learning_quizadjustment:history_results": (LOGIN, LOGIN, LOGIN, DENY, OK, DENY, OK),
    "wagtailsnippets_learning_quizadjustment:copy": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quizregrade:list": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quizregrade:list_results": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_quizregrade:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_learning_quizregrade:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_learning_quizregrade:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_learning_quizregrade:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_learning_quizregrade:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_learning_quizregrade:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_learning_quizregrade:copy": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_learning_quizregrade:inspect": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippetchoosers_learning_quizregrade:choose": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_quizregrade:choose_results": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_quizregrade:chosen": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_quizregrade:chosen_multiple": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_quizregrade:create": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_learning_instrument:list": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_instrument:list_results": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_instrument:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_instrument:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_instrument:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_instrument:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_instrument:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_instrument:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_instrument:copy": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippetchoosers_learning_instrument:choose": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_instrument:choose_results": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_instrument:chosen": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_instrument:chosen_multiple": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_instrument:create": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_courseevaluation:list": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_courseevaluation:list_results": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_courseevaluation:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_courseevaluation:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_courseevaluation:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_courseevaluation:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_courseevaluation:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_courseevaluation:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_courseevaluation:copy": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippetchoosers_learning_courseevaluation:choose": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_courseevaluation:choose_results": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_courseevaluation:chosen": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_courseevaluation:chosen_multiple": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_courseevaluation:create": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_messagetemplate:list": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_messagetemplate:list_results": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_learning_messagetemplate:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_messagetemplate:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_messagetemplate:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_messagetemplate:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_messagetemplate:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_messagetemplate:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_learning_messagetemplate:copy": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippetchoosers_learning_messagetemplate:choose": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_messagetemplate:choose_results": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_messagetemplate:chosen": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_messagetemplate:chosen_multiple": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_learning_messagetemplate:create": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_certificates_completionrule:list": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_certificates_completionrule:list_results": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_certificates_completionrule:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_certificates_completionrule:edit": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_certificates_completionrule:delete": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_certificates_completionrule:usage": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_certificates_completionrule:history": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_certificates_completionrule:history_results": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_certificates_completionrule:copy": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippetchoosers_certificates_completionrule:choose": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_certificates_completionrule:choose_results": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_certificates_completionrule:chosen": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_certificates_completionrule:chosen_multiple": (LOGIN, LOGIN, LOGIN, OK, OK, OK, OK),
    "wagtailsnippetchoosers_certificates_completionrule:create": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, OK),
    "wagtailsnippets_certificates_certificate:list": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_certificates_certificate:list_results": (LOGIN, LOGIN, LOGIN, OK, OK, BOUNCE, OK),
    "wagtailsnippets_certificates_certificate:add": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_certificates_certificate:edit": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, BOUNCE),
    "wagtailsnippets_certificates_certificate:delete": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, BOUNCE),
    "wagtailsnippets_certificates_certificate:usage": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, BOUNCE),
    "wagtailsnippets_certificates_certificate:history": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, BOUNCE),
    "wagtailsnippets_certificates_certificate:history_results": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, DENY, BOUNCE),
    "wagtailsnippets_certificates_certificate:copy": (LOGIN, LOGIN, LOGIN, DENY, BOUNCE, BOUNCE, BOUNCE),
    "wagtailsnippets_certificates_certificate:inspect": (LOGIN, LOGIN, LOGIN, DENY, OK, DENY, OK),
}

# What an empty POST must meet, where that differs from the GET above (a view that only
# takes POST answers GET with 405). OK, REDIRECT and ANY: the role may act, so no POST is sent.
POST_TABLE = {
    # name:                        (anon,  learner A, learner B, trainer A, trainer B, finance, admin)
    # Acting on a module: each learner on its course on their own progress, notes, attempts.
    "learning:mark_done": (LOGIN, OK, OK, OK, OK, OK, OK),
    "learning:save_reflection": (LOGIN, OK, OK, OK, OK, OK, OK),
    "learning:start_quiz": (LOGIN, OK, OK, OK, OK, OK, OK),
    "bookings:leave_waiting_list": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "bookings:decline_offer": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "bookings:pay": (LOGIN, DENY, OK, DENY, DENY, DENY, DENY),
    "bookings:invoice_pay_start": (OK, OK, OK, OK, OK, OK, OK),  # the signed pay link
    "bookings:stripe_webhook": ("400", "400", "400", "400", "400", "400", "400"),  # unsigned
    "finance_invoice:resend": (LOGIN, LOGIN, LOGIN, BOUNCE, BOUNCE, OK, OK),
    "learning_attendance_mark": (LOGIN, LOGIN, LOGIN, DENY, OK, BOUNCE, OK),
}
# fmt: on

# Wagtail's own admin screens: groups of rows, by URL name. Our apps' screens never match.
PEOPLE_AND_SITE = (
    "wagtailusers_",
    "wagtailsites:",
    "wagtailadmin_collections:",
    "wagtailredirects:",
    "wagtailadmin_workflows:",
    "wagtailsettings:",
)
GROUPS = [
    (
        "Wagtail's users, groups, sites, collections, redirects, workflows, settings: admins",
        lambda key: key.startswith(PEOPLE_AND_SITE) and "chooser" not in key,
        (LOGIN, LOGIN, LOGIN, NO_OR_405, NO_OR_405, NO_OR_405, ANY),
    ),
    (
        "Wagtail's core admin (pages, images, documents, reports, choosers…): staff only",
        lambda key: True,
        (LOGIN, LOGIN, LOGIN, ANY, ANY, ANY, ANY),
    ),
]
# Pages that show B's records to whoever holds the address, by design.
SHOWN_BY_DESIGN = {
    "certificates:verify_code",  # the public check of a certificate: what it states
    "bookings:invoice_pay",  # the signed pay link printed on the invoice: its holder may pay
}
OUTSIDERS = ("anon", "learner_a", "trainer_a")
OUR_APPS = ("bookings", "courses", "learning", "certificates")


def wagtails_own(route):
    """An admin screen of Wagtail itself, not one of our apps' viewsets or views."""
    model = getattr(route.pattern.callback, "view_initkwargs", {}).get("model")
    label = model.split(".")[0] if isinstance(model, str) else getattr(model, "_meta", None)
    label = getattr(label, "app_label", label)
    return (
        route.route.startswith("admin/")
        and route.module.startswith("wagtail.")
        and label not in OUR_APPS
    )


def row_for(route):
    """The expected outcomes of a route, one per role; None when the table lacks it."""
    if route.key in TABLE:
        return TABLE[route.key]
    if wagtails_own(route):
        return next(row for _, matches, row in GROUPS if matches(route.key))
    return None


def uncovered(routes):
    return sorted({route.key for route in routes if row_for(route) is None})


def matches(expected, actual):
    if expected == ANY:
        return not actual.isdigit() or int(actual) < 500
    if isinstance(expected, tuple):
        return actual in expected
    return actual == expected


REFUSALS = (LOGIN, DENY, BOUNCE, "403", "405")


def refused(outcome):
    options = outcome if isinstance(outcome, tuple) else (outcome,)
    return all(option in REFUSALS for option in options)


def test_a_url_pattern_missing_from_the_table_is_reported():
    known, unknown = next(iter(world_of.routes())), None
    unknown = world_of.Route("bookings:brand_new_view", "book/new/", known.pattern)
    assert uncovered([known, unknown]) == ["bookings:brand_new_view"]


@pytest.fixture
def world(monkeypatch):
    # Who gets in is decided before any PDF is drawn: skip WeasyPrint's seconds per file.
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *a, **k: b"%PDF-1.7 stub")
    return world_of.build()


def signed_in(world):
    clients = {}
    for role in world_of.ROLES:
        clients[role] = Client(raise_request_exception=False)
        if role != "anon":
            clients[role].force_login(world[role])
    return clients


@pytest.mark.django_db
def test_every_url_as_every_role(world):
    routes = list(world_of.routes())
    assert not uncovered(routes), f"URL patterns missing from TABLE: {uncovered(routes)}"
    clients, never = signed_in(world), world_of.secrets(world)
    failures = []
    for route in routes:
        path = world_of.address(route, world)
        get_row, post_row = row_for(route), POST_TABLE.get(route.key, row_for(route))
        for role, expected, on_post in zip(world_of.ROLES, get_row, post_row, strict=True):
            if expected == ANY and role not in OUTSIDERS:
                continue  # Wagtail's own screens, for staff: nothing to hold, nothing to leak
            failures += check(route, path, role, expected, clients[role], never)
            # Where the role may act, a POST would change what later rows read: none sent.
            if refused(on_post) or str(on_post).isdigit():
                failures += check_post(route, path, role, on_post, clients[role], never)
            if role != "anon" and "_auth_user_id" not in clients[role].session:
                clients[role].force_login(world[role])  # a sign-out screen signed them out
    assert len(routes) > 500
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


def check(route, path, role, expected, client, never):
    """What is wrong with `role` GETting `path`: its outcome, and B's data shown to an
    outsider whatever the status."""
    actual, body = get(client, path)
    failures = []
    if not matches(expected, actual):
        failures.append(f"{route.key} {path} as {role}: expected {expected}, got {actual}")
    if leaks(route, role, actual, body, never):
        failures.append(
            f"{route.key} {path} as {role}: shows {leaks(route, role, actual, body, never)}"
        )
    return failures


def check_post(route, path, role, expected, client, never):
    """An empty POST by a role the table refuses: refused too (any refusal will do), or the
    explicit status the table names; nothing written; nothing of B's shown."""
    actual, body, writes = post(client, path)
    failures = []
    if not (refused(actual) if refused(expected) else actual == expected):
        failures.append(f"POST {route.key} {path} as {role}: expected {expected}, got {actual}")
    if writes:
        failures.append(f"POST {route.key} {path} as {role}: wrote to {writes}")
    if leaks(route, role, actual, body, never):
        failures.append(f"POST {route.key} {path} as {role}: shows B's data")
    return failures


def leaks(route, role, actual, body, never):
    """B's names, email, codes and notes in what an outsider was shown (any status)."""
    if role not in OUTSIDERS or (actual == OK and route.key in SHOWN_BY_DESIGN):
        return []
    return sorted(secret for secret in never if secret in body)
