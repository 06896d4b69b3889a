"""Connects certificates to learning's signals and grants the staff groups their permissions."""

from django.apps import AppConfig


def warm_pdf(**kwargs):
    from certificates.documents import warm_up  # WeasyPrint is imported where it is used

    warm_up()


class CertificatesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "certificates"

    def ready(self):
        from celery.signals import worker_process_init

        from certificates import privacy, receivers
        from certificates import signals as own_signals
        from certificates.badges import checks  # noqa: F401  (registers the key's check)
        from certificates.badges import receivers as badge_receivers
        from cms.groups import grant
        from cms.signals import account_erasing, personal_data_requested
        from learning import signals
        from learning.selectors import register_course_relation
        from learning.workspace import Tab, register_tab

        # Learning completed, a quiz passed, a register kept: a certificate may be due.
        signals.module_completed.connect(receivers.module_completed, dispatch_uid="certs-module")
        signals.quiz_passed.connect(receivers.quiz_passed, dispatch_uid="certs-quiz")
        signals.attendance_recorded.connect(
            receivers.attendance_recorded, dispatch_uid="certs-attendance"
        )
        signals.evaluation_submitted.connect(
            receivers.evaluation_submitted, dispatch_uid="certs-evaluation"
        )
        own_signals.certificate_issued.connect(
            badge_receivers.certificate_issued, dispatch_uid="certs-badge"
        )
        # Each new worker process loads the PDF fonts before its first certificate.
        worker_process_init.connect(warm_pdf, dispatch_uid="certs-warm-pdf")
        # The learner's certificates in their data export; kept or withdrawn on erasure.
        personal_data_requested.connect(privacy.export_certificates, dispatch_uid="certs-export")
        account_erasing.connect(privacy.erase_certificates, dispatch_uid="certs-erase")
        privacy.ask_on_erasure()
        # My learning reads each course's rule with the learner's places, for the progress panel.
        register_course_relation("completion_rule")
        # Trainers see the rules and the certificates; changing a rule is for cohort managers.
        grant("Trainers", "certificates.view_completionrule", "certificates.view_certificate")
        # ...and issue them for the cohorts they teach, for all who qualify or one by override,
        # and suspend, revoke or correct them there (the snippet admin stays read only).
        grant("Trainers", "certificates.add_certificate", "certificates.change_certificate")
        # The trainers' workspace: each learner's progress towards a certificate.
        register_tab(
            Tab("progress", "Progress", "certificates_progress", 30, "learning.view_quizattempt")
        )
        # ...and each learner's certificates, issued from there.
        register_tab(
            Tab(
                "certificates",
                "Certificates",
                "certificates_cohort",
                50,
                "certificates.view_certificate",
            )
        )
