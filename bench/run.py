"""`make bench`: run every bench/bench_*.py, collect the JSON each prints into
bench/results.json (a list), and print a short table."""

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_one(script):
    """The JSON lines the script printed; a failed script is recorded with the end of its
    error output, and the others still run."""
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    results = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode:
        error = out.stderr.strip().splitlines()[-3:]
        results.append({"benchmark": script.stem.removeprefix("bench_"), "failed": error})
    return results


def table(results):
    for result in results:
        print(f"\n{result['benchmark']}")
        for row in result.get("results", [result]):
            print("  " + "  ".join(f"{k}={v}" for k, v in row.items() if k != "benchmark"))


def main():
    results = []
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"running {script.name}", flush=True)
        results.extend(run_one(script))
    (HERE / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    table(results)
    print(f"\nwritten to {HERE / 'results.json'}")
    if any("failed" in result for result in results):
        sys.exit("some benchmarks failed: see above")


if __name__ == "__main__":
    main()
