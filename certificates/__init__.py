"""What completion earns, and proof of it.

Owns ``CompletionRule`` (per course), ``Certificate`` (verification code, status) and
``CertificateVersion`` (what was stated, frozen at issue, with its PDF and Open Badge),
and the public verify page. `statuses.py` suspends, revokes and reinstates with a reason and
`corrections.py` re-issues a certificate as a new version when a learner's name is
corrected, both recorded in ``CertificateEvent``, the certificate's history; their staff
screens are in `admin_views.py`. `documents.py` renders the PDF with the fonts shipped in
`fonts/`. `badges/` makes each certificate a signed Open Badges 3.0 credential and publishes
the key and the revocation and suspension status lists; `cpd/` lays a learner's
certificates out as their regulator's CPD record (NMC, GMC, HCPC).

Trainers' workspace tabs: Progress (`progress.py`, `progress_views.py`) and Certificates
(`cohort.py` reads each learner's status, `cohort_views.py`): issuing for all who qualify as a
`CertificateBatch` of per-place Celery tasks (its progress read from the certificates
themselves), issuing one with an override reason, and `exports.py`'s ZIP of a cohort's PDFs
and training-records CSV for employers. `privacy.py` puts a learner's certificates in their
data export and, when they delete their account, keeps them verifiable or withdraws them as
they chose on the form (withdrawn: revoked, their name, registration, PDF and badge removed,
and the verify page says so). The last app on the river: it may import from all
others.
"""
