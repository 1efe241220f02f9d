#!/usr/bin/env python3
"""HTTP benchmark: the signed-in path against the anonymous /healthz of the same server, in one run.

    python3 Benchmarks/http/run.py [--duration 15] [--connections 64] [--threads 2] [--port 8391]

What it does: builds `praktik` in release mode (unless PRAKTIK_BIN names a binary), loads the
synthetic demo data into a fresh SQLite file (`praktik serve --demo` in development mode, stopped
once the data is in), starts `praktik serve` on that file in production mode (templates cached,
no background jobs, request log to a file), signs in as the demo case worker, and runs wrk with
`--connections` connections against:

    anonymous /healthz     the floor: routing, middleware, no session
    signed-in /healthz     the same plus resolving the session cookie
    /participants          the case worker's participant list (50 rows of their unit)
    /places                the place list (50 rows)
    --path PATH            any other signed-in page, as often as given

Each scenario is printed with requests/s, p50 and p99 latency, its ratio to the anonymous
/healthz of this run, and the server's CPU time per request (user and system time of the
`praktik` process over the run, from /proc, divided by the requests served); the machine's load
average (`uptime`) is printed before and after, since the figures mean little on a busy machine.
Output is Markdown, ready for BENCHMARKS.md.

With `--rounds N` the four scenarios run N times in turn on the same server, each ratio against
the anonymous /healthz of its own round, and a summary gives each scenario's median ratio, median
p99 and median CPU time with their ranges: on a shared machine one run's ratio can move by a
third between two runs of the same build, so a verdict should rest on the medians.

Environment:
    PRAKTIK_BIN     the praktik binary (default: build with `swift build -c release --product praktik`)
    BENCH_WORK      where the database, logs and outbox go (default /tmp/praktik-http-bench)
    PRAKTIK_HOME    where Resources/ and Public/ are read from (default: this repository)
"""
import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WORK = os.path.abspath(os.environ.get("BENCH_WORK", "/tmp/praktik-http-bench"))
CASE_WORKER = "handlaggare@praktik.demo"
PASSWORD = "praktik-demo-2026"


def log(message):
    print(f"# {message}", file=sys.stderr, flush=True)


def praktik_binary():
    binary = os.environ.get("PRAKTIK_BIN")
    if binary:
        return os.path.abspath(binary)
    log("building praktik (release)")
    subprocess.run(["swift", "build", "-c", "release", "--product", "praktik"], cwd=REPO, check=True)
    return os.path.join(REPO, ".build", "release", "praktik")


def wait_until_ready(port, process, seconds=180):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"praktik stopped early (exit {process.returncode}); see {WORK}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("praktik did not become ready")


def start(binary, port, environment, extra, log_name):
    env = dict(os.environ)
    env.update(environment)
    env["PRAKTIK_SQLITE_PATH"] = os.path.join(WORK, "bench.sqlite")
    env["PRAKTIK_OUTBOX_DIR"] = os.path.join(WORK, "outbox")
    env["PRAKTIK_HOME"] = os.environ.get("PRAKTIK_HOME", REPO)
    env.pop("DATABASE_URL", None)
    out = open(os.path.join(WORK, log_name), "w")
    process = subprocess.Popen([binary, "serve", "--port", str(port)] + extra, env=env, stdout=out, stderr=subprocess.STDOUT)
    wait_until_ready(port, process)
    return process


def stop(process):
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def sign_in(port):
    """Signs in through the form like a browser and returns the session cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"http://127.0.0.1:{port}/login") as answer:
        page = answer.read().decode()
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"_csrf": token, "email": CASE_WORKER, "password": PASSWORD, "next": ""}).encode()
    with opener.open(f"http://127.0.0.1:{port}/login", data=form) as answer:
        answer.read()
    for cookie in jar:
        if cookie.name.endswith("praktik_session"):
            return f"{cookie.name}={cookie.value}"
    raise SystemExit("sign-in failed: no session cookie")


def seconds(text):
    value = float(re.match(r"([\d.]+)", text).group(1))
    unit = text[len(re.match(r"[\d.]+", text).group(0)):]
    return value * {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[unit]


def wrk(url, cookie, args):
    command = ["wrk", "--latency", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{args.duration}s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    cpu_before = cpu_seconds(args.server_pid)
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    cpu = cpu_seconds(args.server_pid) - cpu_before
    served = int(re.search(r"(\d+) requests in", out).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = seconds(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = seconds(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rate": rate, "p50": p50, "p99": p99, "cpu": cpu / max(1, served),
        "non2xx": int(bad.group(1)) if bad else 0, "errors": errors.group(1) if errors else "",
    }


def cpu_seconds(pid):
    """User plus system time of process `pid` so far, in seconds (fields 14 and 15 of /proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def check_page(port, path, cookie, marker):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as answer:
        body = answer.read().decode()
    if marker not in body:
        raise SystemExit(f"{path} did not render as the signed-in case worker")
    return body.count("<tr>") - 1


def load():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8391)
    parser.add_argument("--warmup", type=int, default=3, help="seconds of load before each measured run")
    parser.add_argument("--rounds", type=int, default=1, help="run the scenarios this many times in turn; summarise by medians")
    parser.add_argument(
        "--path", action="append", default=[], metavar="PATH",
        help="another signed-in page to measure after the four above (repeatable), e.g. /places?page=3")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    binary = praktik_binary()
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    log("loading the demo data (development mode)")
    demo = start(binary, args.port, {"PRAKTIK_ENV": "development"}, ["--demo", "--no-jobs"], "demo.log")
    stop(demo)

    log("starting praktik in production mode")
    server = start(binary, args.port, {"PRAKTIK_ENV": "production"}, ["--no-jobs"], "server.log")
    args.server_pid = server.pid
    try:
        cookie = sign_in(args.port)
        base = f"http://127.0.0.1:{args.port}"
        rows = {
            "/participants": check_page(args.port, "/participants", cookie, 'href="/participants/'),
            "/places": check_page(args.port, "/places", cookie, 'href="/places/'),
        }
        scenarios = [
            ("anonymous /healthz", "/healthz", None),
            ("signed-in /healthz", "/healthz", cookie),
            (f"/participants ({rows['/participants']} rows)", "/participants", cookie),
            (f"/places ({rows['/places']} rows)", "/places", cookie),
        ] + [(path, path, cookie) for path in args.path]
        before = load()
        rounds = []
        for round_number in range(1, args.rounds + 1):
            results = []
            for label, path, with_cookie in scenarios:
                log(f"round {round_number}/{args.rounds}: wrk {label}")
                if args.warmup:
                    wrk_args = argparse.Namespace(**{**vars(args), "duration": args.warmup})
                    wrk(base + path, with_cookie, wrk_args)
                results.append((label, wrk(base + path, with_cookie, args)))
            rounds.append(results)
        after = load()
    finally:
        stop(server)

    print(f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, release build, PRAKTIK_ENV=production, SQLite demo data\n")
    print(f"load before: `{before}`  \nload after: `{after}`\n")
    for round_number, results in enumerate(rounds, start=1):
        if args.rounds > 1:
            print(f"Round {round_number} of {args.rounds}:\n")
        floor = results[0][1]["rate"]
        print("| scenario | requests/s | p50 | p99 | ratio to anonymous /healthz | server CPU per request | non-2xx |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label, r in results:
            print(
                f"| {label} | {r['rate']:,.0f} | {r['p50'] * 1000:.1f} ms | {r['p99'] * 1000:.1f} ms | {r['rate'] / floor:.2f} "
                f"| {r['cpu'] * 1e6:,.0f} µs | {r['non2xx']} |")
        for label, r in results:
            if r["errors"]:
                print(f"\n{label}: socket errors {r['errors']}")
        print()
    if args.rounds > 1:
        summarise(rounds)


def summarise(rounds):
    """Each scenario's median over the rounds, with the range: ratio, p99 and CPU time per request."""
    def spread(values, scale, digits, unit=""):
        ordered = sorted(values)
        middle = statistics.median(ordered)
        return f"{middle * scale:,.{digits}f}{unit} ({ordered[0] * scale:,.{digits}f}–{ordered[-1] * scale:,.{digits}f})"

    print(f"Medians of {len(rounds)} rounds (range in brackets):\n")
    print("| scenario | ratio to anonymous /healthz | p99 | server CPU per request |")
    print("|---|---:|---:|---:|")
    for index, (label, _) in enumerate(rounds[0]):
        ratios = [results[index][1]["rate"] / results[0][1]["rate"] for results in rounds]
        p99s = [results[index][1]["p99"] for results in rounds]
        cpus = [results[index][1]["cpu"] for results in rounds]
        print(f"| {label} | {spread(ratios, 1, 2)} | {spread(p99s, 1000, 1, ' ms')} | {spread(cpus, 1e6, 0, ' µs')} |")


if __name__ == "__main__":
    main()
