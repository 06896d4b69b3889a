"""What must hold in the certificate records whatever traffic the site has had: a place is
never certified twice. Checked after the load soak (bench/soak.py) and by
`manage.py check_invariants`."""

from django.db.models import Count

from certificates.models import Certificate


def no_certificate_twice():
    """No place holds two certificates of one kind, whatever their status: issuing finds
    the existing one (valid, suspended or revoked) instead of making a second."""
    twice = (
        Certificate.objects.values("place_id", "kind")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("place_id", "kind")
    )
    return [f"Place {row['place_id']} has {row['n']} {row['kind']} certificates." for row in twice]


CHECKS = {"no_certificate_twice": no_certificate_twice}
