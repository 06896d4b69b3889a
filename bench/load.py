"""A small closed-loop HTTP load generator: N client threads, each with a keep-alive connection,
for a fixed time. Counts requests, errors and latencies."""

import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit


def hammer(url, *, clients=8, seconds=5.0, headers=None):
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies, errors, lock = [], [0], threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine, bad = [], 0
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    return summarise(latencies, errors[0], elapsed)


def summarise(latencies, errors, elapsed):
    if not latencies:
        return {"rps": 0.0, "p50_ms": None, "p95_ms": None, "p99_ms": None, "errors": errors}
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(cuts[49], 2),
        "p95_ms": round(cuts[94], 2),
        "p99_ms": round(cuts[98], 2),
        "errors": errors,
    }
