"""Signals certificates sends. `certificate_issued(sender, certificate)`: after the commit
that issued it (the email to the learner will hang from this)."""

from django.dispatch import Signal

certificate_issued = Signal()
