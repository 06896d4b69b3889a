"""Benchmark: public pages against the bare /healthz view of the same server, in the same run.

Prints one JSON object: {"benchmark": "pages", "results": [{"path", "kind", "rps", "bare_rps",
"ratio", "p50_ms", "p95_ms", "p99_ms", "errors"}]}.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import hammer  # noqa: E402
from bench.server import production_server  # noqa: E402

PAGES = ["/", "/about/", "/faq/", "/search/?q=depression"]
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))


def main():
    results = []
    with production_server(scale=int(os.environ.get("BENCH_SCALE", "1"))) as base:
        hammer(base + "/", clients=2, seconds=1)  # warm the workers
        for path in PAGES:
            bare = hammer(base + "/healthz", clients=CLIENTS, seconds=SECONDS)
            page = hammer(base + path, clients=CLIENTS, seconds=SECONDS)
            results.append(
                {
                    "path": path,
                    "kind": "anonymous",
                    **page,
                    "bare_rps": bare["rps"],
                    "ratio": round(page["rps"] / bare["rps"], 3) if bare["rps"] else None,
                }
            )
    print(json.dumps({"benchmark": "pages", "results": results}))


if __name__ == "__main__":
    main()
