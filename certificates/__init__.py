"""What completion earns, and proof of it.

Owns ``CompletionRule`` (per course), ``Certificate`` (verification code, status) and
``CertificateVersion`` (what was stated, frozen at issue, with its PDF and Open Badge),
and the public verify page. The last app on the river: it may import from all others.
"""
