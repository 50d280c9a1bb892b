"""Time ``manage.py seed_demo`` (full Jinxiang scale) on a fresh SQLite file.

Each run gets its own temporary GRASSROOTS_VAR_DIR and DATABASE_URL, is migrated (not timed), then
seeded (timed, wall clock of the whole command) and seeded again (the idempotent run, timed).
The medians go into bench/RESULTS.md under "## Demo county seed" (only that section is rewritten).

    .venv/bin/python bench/bench_seed.py            # 3 runs, writes RESULTS.md
    .venv/bin/python bench/bench_seed.py --runs 1 --no-write
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "RESULTS.md"
SECTION = "## Demo county seed"
EXPECTED = {"towns": 13, "communities": 18, "villages": 412, "grids": 445, "service_teams": 445,
            "complete_service_teams": 445, "secretaries": 2670}
LIMIT_SECONDS = 60
COUNTY_STEPS = ("places", "orgs", "teams", "logins")


def manage(env: dict, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed ({proc.returncode})")
    return elapsed, proc.stdout


def one_run() -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="bench-seed-"))
    try:
        env = {**os.environ, "GRASSROOTS_VAR_DIR": str(tmp),
               "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
               "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
        manage(env, "migrate", "--noinput", "-v0")
        first, out1 = manage(env, "seed_demo", "--no-progress")
        second, out = manage(env, "seed_demo", "--no-progress")
        if "已建成" not in out:
            raise SystemExit("the second seed_demo did not detect the built county")
        with sqlite3.connect(tmp / "bench.sqlite3") as db:
            steps = db.execute("SELECT name, seconds FROM demo_demosteprun ORDER BY id").fetchall()
        try:
            _, counts = manage(env, "summary", "--json")
            counts = json.loads(counts)
        except SystemExit as exc:  # a system's registered counts failing must not hide timings
            counts = {"summary_failed": str(exc)}
        wrong = {k: counts.get(k) for k, v in EXPECTED.items()
                 if "summary_failed" not in counts and counts.get(k) != v}
        if wrong:
            raise SystemExit(f"unexpected counts: {wrong}")
        return {"first": first, "second": second, "counts": counts, "steps": dict(steps),
                "first_inside": inner_seconds(out1), "second_inside": inner_seconds(out)}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def inner_seconds(output: str) -> float:
    """The time seed_demo reports for its own work (without interpreter and Django start-up)."""
    found = re.findall(r"用时 ([0-9.]+) 秒", output)
    return float(found[-1]) if found else float("nan")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def render(runs: list[dict]) -> str:
    firsts = [r["first"] for r in runs]
    seconds = [r["second"] for r in runs]
    counts = runs[-1]["counts"]
    median = statistics.median(firsts)
    lines = [
        SECTION,
        "",
        "`.venv/bin/python bench/bench_seed.py` — `manage.py seed_demo` at full Jinxiang scale on a "
        "fresh SQLite file (after `migrate`, not timed); wall time of the whole command, including "
        "Python and Django start-up.",
        "",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {os.cpu_count()} cores ({cpu_model()}), Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}",
        f"- Runs: {len(runs)} (each on a new database)",
        "",
        "| | median | runs |",
        "|---|---|---|",
        f"| first `seed_demo` (builds the county) | {median:.2f} s | "
        + ", ".join(f"{x:.2f}" for x in firsts) + " |",
        f"| second `seed_demo` (idempotent, detects the county) | {statistics.median(seconds):.2f} s"
        " | " + ", ".join(f"{x:.2f}" for x in seconds) + " |",
        "",
        f"Inside the command (without interpreter and Django start-up, ~0.4–0.6 s here): first run "
        f"{statistics.median(r['first_inside'] for r in runs):.2f} s, second run "
        f"{statistics.median(r['second_inside'] for r in runs):.2f} s (medians). "
        f"Load average while measuring: {os.getloadavg()[0]:.1f} (other jobs shared the machine).",
        "",
        "Per step (median seconds inside its transaction; `county` = the places, orgs, teams and "
        "logins steps of grassroots.demo, the rest are registered by other systems):",
        "",
        "| step | seconds |",
        "|---|---|",
        *(f"| {name} | {statistics.median(r['steps'].get(name, 0) for r in runs):.2f} |"
          for name in runs[-1]["steps"]),
        f"| **county (places + orgs + teams + logins)** | "
        f"{statistics.median(sum(r['steps'].get(n, 0) for n in COUNTY_STEPS) for r in runs):.2f} |",
        "",
        f"Limit: {LIMIT_SECONDS} s for the first run — "
        + ("met." if median < LIMIT_SECONDS else "**not met**."),
        "",
        "Built (`manage.py summary --json`): " + json.dumps(counts, ensure_ascii=False),
        "",
    ]
    return "\n".join(lines)


def write_section(text: str) -> None:
    """Replace our section (up to the next "## " heading) and leave every other section alone."""
    current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    lines = current.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.strip() == SECTION), None)
    if start is None:
        sep = "" if current.endswith("\n\n") else ("\n" if current.endswith("\n") else "\n\n")
        RESULTS.write_text(current + sep + text, encoding="utf-8")
        return
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    tail = "".join(lines[end:])
    RESULTS.write_text("".join(lines[:start]) + text + ("\n" + tail if tail else ""),
                       encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    runs = []
    for i in range(args.runs):
        run = one_run()
        print(f"run {i + 1}: first {run['first']:.2f} s, second {run['second']:.2f} s",
              flush=True)
        runs.append(run)
    text = render(runs)
    print(text)
    if not args.no_write:
        write_section(text)
        print(f"written to {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
