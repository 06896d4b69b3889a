"""`manage.py check_invariants`: every app's invariants over this database (cms.invariant_checks);
exits non-zero, naming each violation, when one does not hold."""

import json

from django.core.management.base import BaseCommand, CommandError

from cms.invariant_checks import check_invariants


class Command(BaseCommand):
    help = "Check that the database's records hold the site's invariants (paid means placed…)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, json=False, **options):
        results = check_invariants()
        if json:
            self.stdout.write(self.as_json(results))
        else:
            for name, violations in results.items():
                self.stdout.write(f"{name}: {'ok' if not violations else 'FAILED'}")
                for violation in violations:
                    self.stdout.write(f"  {violation}")
        failed = [name for name, violations in results.items() if violations]
        if failed:
            raise CommandError(f"Invariants that do not hold: {', '.join(failed)}.")

    @staticmethod
    def as_json(results):
        return json.dumps(
            {
                "invariants": {name: not v for name, v in results.items()},
                "violations": [f"{name}: {v}" for name, vs in results.items() for v in vs],
            }
        )
