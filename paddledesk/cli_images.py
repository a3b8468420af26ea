"""`paddledesk images ...` and `paddledesk doctor`: which Paddle image fits this computer, and
carrying images in and out (pull through a mirror, save to a file, load from a file)."""

from __future__ import annotations

import argparse


def add_commands(sub) -> None:
    """Register `images` and `doctor` on the main parser's subcommands."""
    images = sub.add_parser("images", help="the Paddle image catalogue; suggest, pull, save, load")
    verbs = images.add_subparsers(dest="images_action")
    verbs.add_parser("list", help="every image in the catalogue, with what it runs on")
    sug = verbs.add_parser("suggest", help="the image for these GPUs and this driver (first line), then why")
    sug.add_argument("--compute-capability", help="e.g. 9.0 (default: this computer's GPUs)")
    sug.add_argument("--driver", help="NVIDIA driver version, e.g. 580.95.05 (default: this computer's)")
    sug.add_argument("--gpus", help="only these GPUs of this computer, e.g. 0,1")
    pull = verbs.add_parser("pull", help="pull an image, through a mirror if asked")
    pull.add_argument("ref", nargs="?", help="image (default: the suggested one)")
    pull.add_argument("--registry", help="docker-hub (default), paddle-mirror, or host[:port][/prefix]")
    save = verbs.add_parser("save", help="write an image to a .tar / .tar.gz file (for an offline computer)")
    save.add_argument("ref")
    save.add_argument("file")
    load = verbs.add_parser("load", help="load an image from a file written by `images save` or `docker save`")
    load.add_argument("file")
    for p in (pull, save, load):
        p.add_argument("--engine", help="Docker engine address (default: $DOCKER_HOST or the local socket)")

    doctor = sub.add_parser("doctor", help="check Docker, the GPUs, the image, disk and registries")
    doctor.add_argument("--engine", help="Docker engine address (default: $DOCKER_HOST or the local socket)")
    doctor.add_argument("--image", help="the base image to check (default: the suggested one)")
    doctor.add_argument("--registry", help="docker-hub (default), paddle-mirror, or host[:port][/prefix]")
    doctor.add_argument("--gpus", help="only these GPUs, e.g. 0,1")


def cmd_images(args: argparse.Namespace) -> int:
    action = args.images_action or "list"
    return {"list": _list, "suggest": _suggest, "pull": _pull, "save": _save, "load": _load}[action](args)


def cmd_doctor(args: argparse.Namespace) -> int:
    """Every check, OK / problem / cannot tell, each with a fix; exit 0 when the checks ran."""
    from core.docker.doctor import run_doctor
    from paddledesk.cli_options import parse_gpus

    report = run_doctor(args.engine, args.image, args.registry, parse_gpus(args.gpus) or None)
    print(report.text())
    problems = len(report.problems)
    print(f"\n{len(report.checks)} checks, {problems} problem{'s' * (problems != 1)}; image checked: {report.image}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from core.docker.catalogue import load_catalogue

    catalogue = load_catalogue()
    for image in catalogue.gpu_images() + catalogue.cpu_images():
        print(f"{image.ref}\n    {image.summary()}\n    registries: {', '.join(image.registries)}")
    print("\n? = not confirmed against Paddle's or NVIDIA's documentation (read from the tag or second-hand)")
    return 0


def _hardware(args: argparse.Namespace):
    from core.docker.choose import GpuFacts, Hardware, read_hardware
    from paddledesk.cli_errors import UserError
    from paddledesk.cli_options import parse_gpus

    if args.compute_capability or args.driver:
        if not (args.compute_capability and args.driver):
            raise UserError("--compute-capability and --driver go together",
                            "give both, e.g. --compute-capability 9.0 --driver 580.95.05, or neither")
        ccs = [c.strip() for c in args.compute_capability.split(",") if c.strip()]
        return Hardware([GpuFacts(i, "", cc) for i, cc in enumerate(ccs)], args.driver.strip())
    return read_hardware().only(parse_gpus(args.gpus))


def _suggest(args: argparse.Namespace) -> int:
    from core.docker.choose import suggest_image

    suggestion = suggest_image(_hardware(args))
    print(suggestion.ref or "none: no image in the catalogue fits")
    for reason in suggestion.reasons:
        print(f"  {reason}")
    return 0 if suggestion.image else 1


def _client(args: argparse.Namespace):
    from core.docker.engine import connect

    return connect(args.engine)


def _bytes_bar(label: str):
    from paddledesk.progress import ProgressBar

    bar = ProgressBar(label)
    return bar, lambda done, total: bar.update(int(done / 2**20), max(1, int(total / 2**20)), "MiB")


def _pull(args: argparse.Namespace) -> int:
    from core.docker.choose import read_hardware, suggest_image
    from core.docker.registries import pull_via

    ref = args.ref or suggest_image(read_hardware()).ref
    bar, on_bytes = _bytes_bar("pull")
    client = _client(args)
    try:
        pulled = pull_via(client, ref, args.registry, progress=lambda s: on_bytes(s.done_bytes, s.total_bytes))
    finally:
        client.close()
    bar.finish()
    print(f"pulled {ref}" + (f" (from {pulled})" if pulled != ref else ""))
    return 0


def _save(args: argparse.Namespace) -> int:
    from core.docker.transfer import save_image

    bar, on_bytes = _bytes_bar("save")
    client = _client(args)
    try:
        path = save_image(client, args.ref, args.file, progress=on_bytes)
    finally:
        client.close()
    bar.finish()
    print(f"saved {args.ref} to {path} ({path.stat().st_size / 2**20:.0f} MiB)")
    return 0


def _load(args: argparse.Namespace) -> int:
    from core.docker.transfer import load_image

    bar, on_bytes = _bytes_bar("load")
    client = _client(args)
    try:
        names = load_image(client, args.file, progress=on_bytes)
    finally:
        client.close()
    bar.finish()
    print("loaded " + ", ".join(names))
    return 0
