"""`make audit` (scripts/audit.py) never passes silently: pip-audit left to itself reports
"No known vulnerabilities found" and exits 0 when the vulnerability service cannot be reached
(every package skipped), as it does on this project's machines."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "audit.py"
spec = importlib.util.spec_from_file_location("audit_script", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

SKIPPED = "ERROR:pip_audit._cli:amqp: Dependency not found on PyPI and could not be audited"
OFFLINE = "requests.exceptions.ConnectionError: HTTPSConnectionPool(...): Max retries exceeded"
FOUND = "Found 2 known vulnerabilities in 1 package\nName Version ID Fix Versions\ndjango ..."


def test_the_audit_is_strict_so_a_skipped_package_fails_it():
    assert "--strict" in audit.COMMAND
    assert "requirements.lock" in " ".join(audit.COMMAND)


def test_only_a_full_check_passes():
    assert audit.verdict(0, "No known vulnerabilities found") == "clean"
    assert audit.verdict(1, FOUND) == "vulnerable"


def test_an_unreachable_service_is_not_a_pass():
    assert audit.verdict(1, SKIPPED) == "not run"
    assert audit.verdict(1, OFFLINE) == "not run"
    assert audit.verdict(1, "something else went wrong") == "not run"
