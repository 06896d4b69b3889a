"""`make bench`: run every bench/bench_*.py, collect the JSON each prints into
bench/results.json (a list), and print a short table."""

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_one(script):
    out = subprocess.run([sys.executable, str(script)], check=True, capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def table(results):
    for result in results:
        print(f"\n{result['benchmark']}")
        for row in result.get("results", [result]):
            print("  " + "  ".join(f"{k}={v}" for k, v in row.items() if k != "benchmark"))


def main():
    results = []
    for script in sorted(HERE.glob("bench_*.py")):
        results.extend(run_one(script))
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    table(results)
    print(f"\nwritten to {HERE / 'results.json'}")


if __name__ == "__main__":
    main()
