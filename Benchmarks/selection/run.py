#!/usr/bin/env python3
"""An intake's matching run from the database (issue 12): 3,140 candidates x 2,270 places by default.

    python3 Benchmarks/selection/run.py [--candidates 3140] [--places 2270] [--seed 12] [--runs 5]
                                        [--database-url postgres://...]

What it does: writes the benchmark intake into a fresh database with `praktik bench-data selection`
(a new SQLite file under BENCH_WORK unless --database-url names an empty PostgreSQL database), then
runs `praktik match --intake ID` --runs times in each mode (assign; shortlist k=3 b=3) and prints,
as Markdown, the median of each phase the run stores (load, score, solve, store), their sum, and
the whole process's wall time (start-up and migrations check included). Every run is a new stored
run of the same intake, as a case worker's second click would be.

Environment:
    PRAKTIK_BIN     the praktik binary (default: .build/release/praktik of this repository)
    BENCH_WORK      where the SQLite file goes (default /tmp/praktik-selection-bench)
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WORK = os.path.abspath(os.environ.get("BENCH_WORK", "/tmp/praktik-selection-bench"))
BIN = os.environ.get("PRAKTIK_BIN", os.path.join(REPO, ".build", "release", "praktik"))


def praktik(args, env):
    started = time.monotonic()
    done = subprocess.run([BIN] + args, env=env, cwd=REPO, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        sys.exit(f"praktik {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1]), elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=3140)
    parser.add_argument("--places", type=int, default=2270)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url")
    options = parser.parse_args()

    env = dict(os.environ, LOG_LEVEL="warning")
    if options.database_url:
        env["DATABASE_URL"] = options.database_url
    else:
        os.makedirs(WORK, exist_ok=True)
        path = os.path.join(WORK, "selection.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        env["DATABASE_URL"] = f"sqlite://{path}"

    data, seconds = praktik(
        ["bench-data", "selection", "--candidates", str(options.candidates), "--places", str(options.places),
         "--seed", str(options.seed)], env)
    database = "PostgreSQL" if options.database_url else "SQLite"
    print(f"Data: {data['candidates']} candidates, {data['places']} places ({data['seats']} seats) at "
          f"{data['employers']} employers, written in {seconds:.1f} s on {database}.\n")
    print(f"Load average before: {os.getloadavg()[0]:.2f}\n")
    print("| mode | candidates | places (seats) | feasible pairs | proposals | load ms | score ms | solve ms | store ms "
          "| phases ms | process s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    modes = [("assign", ["--mode", "assign"]), ("shortlist k=3 b=3", ["--mode", "shortlist", "--k", "3", "--b", "3"])]
    for name, arguments in modes:
        results = []
        for _ in range(options.runs):
            result, wall = praktik(["match", "--intake", data["intake"]] + arguments, env)
            if result["status"] != "done":
                sys.exit(f"run not done: {result}")
            result["wall"] = wall
            results.append(result)

        def median(key):
            return statistics.median(r[key] for r in results)

        phases = statistics.median(r["load_ms"] + r["score_ms"] + r["solve_ms"] + r["store_ms"] for r in results)
        first = results[0]
        print(f"| {name} | {first['candidates']:,} | {first['places']:,} ({first['seats']:,}) | {first['pairs']:,} "
              f"| {first['proposals']:,} | {median('load_ms'):.0f} | {median('score_ms'):.0f} | {median('solve_ms'):.0f} "
              f"| {median('store_ms'):.0f} | {phases:.0f} | {median('wall'):.2f} |")
    print(f"\nMedians of {options.runs} runs per mode. Load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
