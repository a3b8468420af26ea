"""`paddledesk engines ...`: the Docker engines to train on (this computer, remote ones by address)."""

from __future__ import annotations

import argparse
import sys


def add_commands(sub) -> None:
    """Register `engines` on the main parser's subcommands."""
    engines = sub.add_parser("engines", help="Docker engines to train on: list, add, remove, check")
    verbs = engines.add_subparsers(dest="engines_action")
    verbs.add_parser("list", help="every engine: this computer first, then the remote ones")
    add = verbs.add_parser("add", help="add a remote engine: ssh://user@host or tcp://host:2376 with --tls")
    add.add_argument("url")
    add.add_argument("--name", default="", help="a name for people (default: the address)")
    add.add_argument("--tls", default="", help="folder with ca.pem, cert.pem, key.pem for a tcp:// engine")
    remove = verbs.add_parser("remove", help="forget a remote engine (by name or address)")
    remove.add_argument("engine")
    check = verbs.add_parser("check", help="the doctor for an engine: reachable, version, GPUs, disk")
    check.add_argument("engine", nargs="?", help="name or address (default: every engine)")


def cmd_engines(args: argparse.Namespace) -> int:
    from core.docker.engines import EngineList

    engines = EngineList()
    action = args.engines_action or "list"
    try:
        if action == "list":
            for entry in engines.entries():
                where = "remote: a volume per run" if entry.remote else "this computer's folders"
                print(f"{entry.name:<24} {entry.url:<40} {entry.transport:<5} {where}")
            return 0
        if action == "add":
            entry = engines.add(args.name, args.url, args.tls)
            print(f"added {entry.name} ({entry.url}); check it with: paddledesk engines check {entry.name!r}")
            return 0
        if action == "remove":
            if not engines.remove(args.engine):
                print(f"error: no remote engine named {args.engine!r}; see paddledesk engines list", file=sys.stderr)
                return 1
            print(f"removed {args.engine}")
            return 0
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return _check(engines, args.engine)


def _check(engines, key: str | None) -> int:
    from core.docker.engines import check_entry

    chosen = [engines.find(key)] if key else engines.entries()
    if chosen == [None]:
        print(f"error: no engine named {key!r}; see paddledesk engines list", file=sys.stderr)
        return 1
    worst = 0
    for entry in chosen:
        report = check_entry(entry, registry_timeout=2.0)
        print(f"== {entry.name} ({entry.url})")
        print(report.text())
        engine_line = report.check("engine")
        worst = max(worst, 0 if engine_line is not None and engine_line.status == "ok" else 1)
    return worst
