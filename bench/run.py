"""make bench: every benchmark at 10,000 and 100,000 people, and their output into README.md ("Benchmarks").

    .venv/bin/python bench/run.py [--sizes 10000 100000] [--no-readme]

Each size runs in a process of its own (bench/pages.py: pages, API, import and sweep served by gunicorn), then the
search quality at 100,000 (bench/search_quality.py). Needs PostgreSQL on 127.0.0.1 (the databases it creates are
dropped and re-created on each run). The README section between the two ``bench`` markers is replaced by this run's
tables, with the date and the machine.
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def run(script: str, *arguments: str) -> str:
    command = [sys.executable, str(ROOT / "bench" / script), *arguments]
    print("$", " ".join(command[1:]), flush=True)
    output = subprocess.run(command, cwd=ROOT / "bench", check=True, stdout=subprocess.PIPE, text=True).stdout  # noqa: S603
    print(output, flush=True)
    return output


def machine() -> str:
    cores = os.cpu_count()
    postgres = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", "SHOW server_version"],  # noqa: S607
        capture_output=True,
        text=True,
    ).stdout.strip()
    python = platform.python_version()
    return f"{platform.system()} {platform.machine()}, {cores} cores, Python {python}, PostgreSQL {postgres}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-readme", action="store_true")
    args = parser.parse_args()
    sections = [run("pages.py", "--people", str(size)) for size in args.sizes]
    quality = run("search_quality.py", "--people", str(max(args.sizes)))
    today = datetime.date.today().isoformat()
    report = "\n".join(
        [
            START,
            f"Run by `make bench` on {today}: {machine()}; gunicorn with 2 sync workers, concurrency 4.",
            "",
            *sections,
            f"#### Name search quality at {max(args.sizes):,} people (bench/search_quality.py)",
            "",
            "```",
            quality.strip(),
            "```",
            END,
        ]
    )
    if args.no_readme:
        return
    readme = ROOT / "README.md"
    text = readme.read_text()
    readme.write_text(text.partition(START)[0] + report + text.partition(END)[2])
    print("README.md updated.")


if __name__ == "__main__":
    main()
