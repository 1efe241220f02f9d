#!/usr/bin/env python3
"""Matching benchmark: `praktik match` against the reference solvers, side by side in one run.

    python3 Benchmarks/matching/run.py [--quick] [--ortools-30k] [--repeats N]

Environment:
    PRAKTIK_BIN   the praktik binary to use instead of building `swift build -c release --product praktik`.
    BENCH_DIR     the reference folder with gen.py, peer_assign.py, bench.py (default ../shared/bench
                  next to the repository).
    BENCH_WORK    where instances and results are written (default /tmp/praktik-matching-bench);
                  the 30,000 x 30,000 round needs about 0.6 GB there.

Every answer (ours and the peers') is validated with `peer_assign.py --check`. Times are solve
times as each solver reports them (parsing excluded); ours is the median of --repeats runs.
The table is printed as Markdown, ready for BENCHMARKS.md.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BENCH_DIR = os.path.abspath(os.environ.get("BENCH_DIR", os.path.join(REPO, "..", "shared", "bench")))
WORK = os.path.abspath(os.environ.get("BENCH_WORK", "/tmp/praktik-matching-bench"))
PEERS = ["scipy_sparse", "ortools_mcf", "greedy", "maxcard"]


def log(message):
    print(f"# {message}", file=sys.stderr, flush=True)


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


def ensure_ortools():
    try:
        import ortools  # noqa: F401
    except ImportError:
        log("installing ortools")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "ortools"], check=True)


def praktik_command():
    binary = os.environ.get("PRAKTIK_BIN")
    if not binary:
        log("building praktik (release)")
        subprocess.run(["swift", "build", "-c", "release", "--product", "praktik"], cwd=REPO, check=True)
        binary = os.path.join(REPO, ".build", "release", "praktik")
    return [binary, "match"]


def instance(n_app, n_seats, profile, seed=2023):
    folder = os.path.join(WORK, f"{profile}-{n_app}x{n_seats}-{seed}")
    if not os.path.exists(os.path.join(folder, "edges.csv")):
        log(f"generating {folder}")
        run([sys.executable, os.path.join(BENCH_DIR, "gen.py"), str(n_app), str(n_seats), str(seed), profile, folder])
    return folder


def check(folder, assignment):
    out = run([sys.executable, os.path.join(BENCH_DIR, "peer_assign.py"), folder, "--check", assignment])
    return json.loads(out.stdout)


def ours(command, folder, extra, repeats, label):
    """Runs praktik match `repeats` times (median solve time), checks the answer, measures RSS."""
    out_file = os.path.join(WORK, f"ours-{label}.csv")
    args = command + ["--postings", f"{folder}/postings.csv", "--edges", f"{folder}/edges.csv", "--out", out_file] + extra
    times, result, rss_kb = [], None, 0
    for _ in range(repeats):
        done = subprocess.run(["/usr/bin/time", "-v"] + args, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"praktik match failed: {done.stderr}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        times.append(result["seconds"])
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        rss_kb = max(rss_kb, int(found.group(1)) if found else 0)
    result["median_s"] = statistics.median(times)
    result["rss_mb"] = rss_kb / 1024
    if "--mode" not in extra or "assign" in extra:
        checked = check(folder, out_file)
        result["checked"] = checked["filled"] == result["filled"] and str(checked["total_score"]) == str(result["total_score"])
    return result


def peer(folder, solver, repeats):
    out = run([sys.executable, os.path.join(BENCH_DIR, "peer_assign.py"), folder, "--solver", solver,
               "--repeats", str(repeats)])
    return json.loads(out.stdout)


def peer_checked(folder, solver, repeats):
    """Runs a peer and validates its answer with --check by re-deriving its pairs in-process."""
    result = peer(folder, solver, repeats)
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); import peer_assign as p\n"
        "cap, ea, ep, es, n = p.load(sys.argv[2])\n"
        "pairs = p.SOLVERS[sys.argv[3]](cap, ea, ep, es, n)\n"
        "open(sys.argv[4], 'w').write('applicant,posting\\n' + ''.join(f'{a},{b}\\n' for a, b in pairs))\n"
    )
    out_file = os.path.join(WORK, f"peer-{solver}-{os.path.basename(folder)}.csv")
    run([sys.executable, "-c", code, BENCH_DIR, folder, solver, out_file])
    checked = check(folder, out_file)
    result["checked"] = checked["filled"] == result["filled"] and checked["total_score"] == result["total_score"]
    return result


def shortlist_peers(n_app, n_seats, profile, repeats):
    """bench.py's shortlist run (OR-Tools b-matching, capped greedy, naive top-k). bench.py compiles
    a helper library next to itself, so it runs from a scratch copy of the reference folder."""
    scratch = os.path.join(WORK, "bench-scratch")
    os.makedirs(scratch, exist_ok=True)
    for name in ["bench.py", "gen.py", "fastalgos.c"]:
        shutil.copy(os.path.join(BENCH_DIR, name), scratch)
    out = run([sys.executable, os.path.join(scratch, "bench.py"), "--n-app", str(n_app), "--n-seats", str(n_seats),
               "--profile", profile, "--solvers", "shortlist", "--repeats", str(repeats)])
    return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the 10k and 30k rounds")
    parser.add_argument("--prune", type=int, default=40, help="candidates kept per applicant and per seat at 30k")
    parser.add_argument("--ortools-30k", action="store_true",
                        help="also run OR-Tools on the unpruned 30k round (about 40 s and 5 GB)")
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    ensure_ortools()
    command = praktik_command()
    rows, verdicts = [], []

    def row(round_name, solver, result, seconds_key):
        rows.append((round_name, solver, result.get("filled"), result.get("total_score"), result.get(seconds_key),
                     result.get("rss_mb"), result.get("checked")))

    for profile in ["base", "tight"]:
        folder = instance(3140, 2270, profile)
        name = f"3140x2270 {profile}"
        log(name)
        mine = ours(command, folder, [], args.repeats, f"{profile}-3k")
        row(name, "praktik match", mine, "median_s")
        peers = {solver: peer_checked(folder, solver, args.repeats) for solver in PEERS}
        for solver, result in peers.items():
            row(name, solver, result, "median_s")
        optimum = peers["ortools_mcf"]
        same = (mine["filled"], mine["total_score"]) == (optimum["filled"], optimum["total_score"])
        fast = mine["median_s"] <= 0.5 * peers["scipy_sparse"]["median_s"]
        verdicts.append((f"{name}: optimal (same filled and score as OR-Tools/scipy)", same and mine["checked"]))
        verdicts.append((f"{name}: time {mine['median_s']:.4f} s <= half of scipy {peers['scipy_sparse']['median_s']:.4f} s "
                         f"(ratio {mine['median_s'] / peers['scipy_sparse']['median_s']:.2f})", fast))

    folder = instance(3140, 2270, "base")
    name = "shortlists k=3 b=3, 3140x2270 base"
    log(name)
    mine = ours(command, folder, ["--mode", "shortlist", "--k", "3", "--b", "3"], args.repeats, "shortlist")
    rows.append((name, "praktik match --mode shortlist", mine["filled"], mine["total_score"], mine["median_s"],
                 mine["rss_mb"], f"max lists {mine['max_lists_per_applicant']}"))
    peers = shortlist_peers(3140, 2270, "base", args.repeats)
    for result in peers:
        rows.append((name, result["solver"].split("(")[0], result["slots"], result["total_score"],
                     result.get("median_s"), None,
                     f"max lists {result.get('max_lists_per_app', result.get('max_lists_one_app'))}"))
    mcf = peers[0]
    reachable = mine["reachable_slots"]
    verdicts.append((f"{name}: every reachable slot filled ({mine['filled']} of {reachable}), "
                     f"OR-Tools {mcf['slots']}, score {mine['total_score']} vs {mcf['total_score']}",
                     mine["filled"] == reachable == mcf["slots"] and mine["total_score"] == mcf["total_score"]
                     and mine["feasible"]))
    verdicts.append((f"{name}: time {mine['median_s']:.4f} s below OR-Tools {mcf['median_s']:.4f} s",
                     mine["median_s"] < mcf["median_s"]))

    if not args.quick:
        folder = instance(10000, 10000, "base")
        name = "10000x10000 base"
        log(name)
        mine = ours(command, folder, [], 3, "10k")
        row(name, "praktik match", mine, "median_s")
        peers = {solver: peer_checked(folder, solver, 1) for solver in PEERS}
        for solver, result in peers.items():
            row(name, solver, result, "median_s")
        optimum = peers["ortools_mcf"]
        verdicts.append((f"{name}: optimal", (mine["filled"], mine["total_score"]) == (optimum["filled"], optimum["total_score"])
                         and mine["checked"]))
        verdicts.append((f"{name}: time {mine['median_s']:.3f} s below OR-Tools {optimum['median_s']:.3f} s",
                         mine["median_s"] < optimum["median_s"]))

        folder = instance(30000, 30000, "base")
        name = "30000x30000 base"
        log(name)
        pruned = ours(command, folder, ["--prune", str(args.prune)], 3, "30k-pruned")
        row(name, f"praktik match --prune {args.prune}", pruned, "median_s")
        unpruned = ours(command, folder, [], 1, "30k-unpruned")
        row(name, "praktik match (unpruned, reference optimum)", unpruned, "median_s")
        reference, reference_name = unpruned, "our unpruned exact solve"
        if args.ortools_30k:
            ortools = peer_checked(folder, "ortools_mcf", 1)
            row(name, "ortools_mcf (unpruned)", ortools, "median_s")
            reference, reference_name = ortools, "OR-Tools unpruned"
        greedy = peer_checked(folder, "greedy", 1)
        row(name, "greedy", greedy, "median_s")
        ratio = float(pruned["total_score"]) / float(reference["total_score"])
        verdicts.append((f"{name} pruned: fills every seat the unpruned optimum fills "
                         f"({pruned['filled']} vs {reference['filled']}, {reference_name})",
                         pruned["filled"] == reference["filled"] and pruned["checked"]))
        verdicts.append((f"{name} pruned: {ratio:.2%} of the unpruned optimum score (>= 97%); "
                         f"certified lower bound {float(pruned['guaranteed_score_ratio']):.2%}", ratio >= 0.97))
        verdicts.append((f"{name} pruned: {pruned['median_s']:.3f} s solve (< 2 s)", pruned["median_s"] < 2))
        verdicts.append((f"{name} pruned: {pruned['rss_mb']:.0f} MB peak RSS including parsing (< 2.5 GB)",
                         pruned["rss_mb"] < 2.5 * 1024))

    print("| round | solver | filled | total score | seconds | peak RSS MB | checked |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- |")
    for name, solver, filled, score, seconds, rss, checked in rows:
        seconds_text = f"{seconds:.4f}" if isinstance(seconds, (int, float)) else "-"
        rss_text = f"{rss:.0f}" if rss else "-"
        print(f"| {name} | {solver} | {filled} | {score} | {seconds_text} | {rss_text} | {checked} |")
    print()
    print("| target | result |")
    print("| --- | --- |")
    for text, passed in verdicts:
        print(f"| {text} | {'PASS' if passed else 'FAIL'} |")
    print()
    print(f"machine: {os.cpu_count()} cores; run at {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
          f"praktik: {' '.join(command)}")


if __name__ == "__main__":
    main()
