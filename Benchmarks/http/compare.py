#!/usr/bin/env python3
"""Two builds of praktik, taken in turn on the same data: which one serves a signed-in page cheaper?

    python3 Benchmarks/http/compare.py A_BINARY B_BINARY [--pairs 4] [--path /places ...] [--duration 5]

On these shared 2-core machines one run's throughput moves by a third between two runs of the same
build (another tenant's load), so a change of 10-20 % cannot be read from two runs.py runs made
minutes apart. This script alternates the two builds (A then B, then B then A, ...), each on a fresh
start of its server on the same SQLite demo data, and for each signed-in page reports:

    requests/s           what wrk measured (moves with the neighbours' load)
    CPU per request      user and system time of the server process over the run, per request
    switches per request the server's context switches per request (`perf stat -e context-switches`),
                         a count that does not move with the neighbours' load; every crossing
                         between the event loops, Swift's threads and SQLite's thread pool costs one
                         or two

and the medians over the pairs, with B's median against A's. The data is loaded by A's binary into a
fresh database (as run.py does); B migrates it when it starts, so a migration B adds is in place
for A's later runs as well (only tables A does not know of).

Environment: BENCH_WORK and PRAKTIK_HOME as for run.py.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the same server start, sign-in and wrk as run.py)


def measure(binary, paths, args):
    """One start of `binary`: each path warmed up, then measured."""
    server = run.start(binary, args.port, {"PRAKTIK_ENV": "production"}, ["--no-jobs"], "compare-server.log")
    try:
        cookie = run.sign_in(args.port)
        results = {}
        for path in paths:
            url = f"http://127.0.0.1:{args.port}{path}"
            run.wrk(url, cookie, argparse.Namespace(**{**vars(args), "duration": args.warmup, "server_pid": server.pid}))
            counter = None
            if shutil.which("perf"):
                counter = subprocess.Popen(
                    ["perf", "stat", "-e", "context-switches", "-p", str(server.pid)],
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            measured = run.wrk(url, cookie, argparse.Namespace(**{**vars(args), "server_pid": server.pid}))
            switches = None
            if counter:
                counter.send_signal(2)
                found = re.search(r"([\d,]+)\s+context-switches", counter.communicate()[1])
                served = measured["rate"] * args.duration
                switches = int(found.group(1).replace(",", "")) / served if found and served else None
            results[path] = {**measured, "switches": switches}
        return results
    finally:
        run.stop(server)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a", help="build A: a praktik binary")
    parser.add_argument("b", help="build B: a praktik binary")
    parser.add_argument("--pairs", type=int, default=4)
    parser.add_argument("--path", action="append", default=[], metavar="PATH", help="a signed-in page (repeatable); default /places")
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8391)
    args = parser.parse_args()
    paths = args.path or ["/places"]
    builds = {"A": os.path.abspath(args.a), "B": os.path.abspath(args.b)}
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    shutil.rmtree(run.WORK, ignore_errors=True)
    os.makedirs(run.WORK)
    run.log("loading the demo data with A (development mode)")
    run.stop(run.start(builds["A"], args.port, {"PRAKTIK_ENV": "development"}, ["--demo", "--no-jobs"], "demo.log"))

    taken = {"A": [], "B": []}
    for pair in range(args.pairs):
        for name in ("A", "B") if pair % 2 == 0 else ("B", "A"):
            run.log(f"pair {pair + 1}/{args.pairs}: {name}")
            taken[name].append(measure(builds[name], paths, args))

    print(f"A: `{builds['A']}`  \nB: `{builds['B']}`  \n"
          f"{args.pairs} pairs, wrk -t{args.threads} -c{args.connections} -d{args.duration}s after {args.warmup} s, "
          "release builds, PRAKTIK_ENV=production, SQLite demo data\n")
    print("| page | build | requests/s | CPU per request | switches per request |")
    print("|---|---|---|---|---|")
    for path in paths:
        medians = {}
        for name in ("A", "B"):
            runs = [results[path] for results in taken[name]]
            rate = statistics.median(r["rate"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs) * 1e6
            counted = [r["switches"] for r in runs if r["switches"] is not None]
            switches = statistics.median(counted) if counted else None
            medians[name] = (rate, cpu, switches)
            each = " / ".join(f"{r['cpu'] * 1e6:,.0f}" for r in runs)
            print(f"| {path} | {name} | {rate:,.0f} | {cpu:,.0f} µs ({each}) | "
                  f"{'–' if switches is None else f'{switches:.1f}'} |")
        (ra, ca, sa), (rb, cb, sb) = medians["A"], medians["B"]
        print(f"| {path} | B / A | {rb / ra:.2f} | {cb / ca:.2f} | {'–' if sa is None or sb is None else f'{sb / sa:.2f}'} |")


if __name__ == "__main__":
    main()
