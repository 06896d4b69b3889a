"""A certificate just issued gets its badge signed by a task (the signal comes after the
issue's commit, so the version is there for the worker)."""


def certificate_issued(sender, certificate, **kwargs):
    from certificates.tasks import make_badge

    version = certificate.current
    if version is not None:
        make_badge.delay(version.pk)
