from django.apps import AppConfig


def warm_pdf(**kwargs):
    from bookings.invoicing.documents import STYLESHEET
    from cms import pdf  # WeasyPrint is imported where it is used

    pdf.warm_up(STYLESHEET)


class BookingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bookings"

    def ready(self):
        # Tell the catalogue how many places are taken, and who holds one: courses is
        # upstream and cannot import us (DESIGN.md, the river).
        from bookings import selectors
        from courses.access import register_place_checker
        from courses.availability import register_places_counter

        register_places_counter(selectors.live_places_by_cohort)
        register_place_checker(selectors.cohorts_with_confirmed_place)

        from celery.signals import worker_process_init

        # Each new worker process loads the invoice stylesheet before its first invoice.
        worker_process_init.connect(warm_pdf, dispatch_uid="bookings-warm-pdf")

        from cms.groups import grant

        grant("Finance", "bookings.view_order", "bookings.manage_order")
        # Trainers see their own cohorts' lists (waiting_admin_views scopes them); finance
        # sees every list and may offer places by hand.
        grant("Trainers", "bookings.view_waitinglistentry")
        codes = [f"bookings.{a}_discountcode" for a in ("add", "change", "delete", "view")]
        grant("Finance", *codes)
        # Finance keeps the organisations' billing details; trainers have no need to see them.
        grant("Finance", *[f"bookings.{a}_organisation" for a in ("view", "add", "change")])
        grant("Finance", "bookings.view_waitinglistentry", "bookings.offer_waiting_list_places")
        # The finance workspace: invoices, credit notes and payments are read through the
        # view permissions; recording payments, crediting and resending need manage_invoice.
        grant(
            "Finance",
            "bookings.view_invoice",
            "bookings.manage_invoice",
            "bookings.view_creditnote",
            "bookings.view_invoicepayment",
        )

        from allauth.account.signals import email_confirmed

        from bookings import claims

        email_confirmed.connect(claims.claim_places, dispatch_uid="bookings-claim-places")

        from bookings import privacy
        from cms.signals import account_erasing, personal_data_requested

        personal_data_requested.connect(privacy.export_bookings, dispatch_uid="bookings-export")
        account_erasing.connect(privacy.anonymise_bookings, dispatch_uid="bookings-erase")

        from bookings import retention

        retention.register()  # the privacy notice states these rules' periods

        from django.db.models.signals import post_save

        from bookings import receivers

        post_save.connect(
            receivers.cohort_saved, sender="courses.Cohort", dispatch_uid="bookings-cohort-saved"
        )
        from bookings.signals import places_released

        places_released.connect(receivers.places_released, dispatch_uid="bookings-offer-freed")
