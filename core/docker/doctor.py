""""Check this computer": every fact GPU training in Docker depends on, one line each.

Each check is OK, a problem, or "cannot tell", with a one-line fix; `run_doctor` never raises
and bounds every network wait (the registry probes run side by side with a short time-out).
Blocking: call it from a worker thread.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from core.docker.catalogue import load_catalogue
from core.docker.choose import Hardware, check_image, read_hardware, suggest_image
from core.messages import say

OK, PROBLEM, UNKNOWN = "ok", "problem", "unknown"
STATUS_TEXT = {OK: "OK", PROBLEM: "problem", UNKNOWN: "cannot tell"}
_START_ENGINE = say("doctor.fix-start-engine", "start the engine first")
_NO_ANSWER = say("doctor.engine-no-answer", "the engine did not answer")
_JOIN_GROUP = say("doctor.fix-docker-group", "sudo usermod -aG docker $USER, then log out and in again")
REGISTRY_TIMEOUT = 3.0


@dataclass
class Check:
    key: str  # engine | socket | gpu-runtime | gpus | image | disk | registry | trainer-image
    title: str
    status: str
    detail: str
    fix: str = ""

    def line(self) -> str:
        text = f"[{STATUS_TEXT[self.status]:>11}] {self.title}: {self.detail}"
        return text + (f"\n              fix: {self.fix}" if self.fix and self.status != OK else "")


@dataclass
class DoctorReport:
    checks: list[Check] = field(default_factory=list)
    image: str = ""  # the image the checks were made for
    hardware: Hardware | None = None

    def check(self, key: str) -> Check | None:
        return next((c for c in self.checks if c.key == key), None)

    @property
    def problems(self) -> list[Check]:
        return [c for c in self.checks if c.status == PROBLEM]

    def text(self) -> str:
        return "\n".join(c.line() for c in self.checks)


def run_doctor(engine: str | None = None, image: str | None = None, registry: str | None = None,
               gpus: list[int] | None = None, hardware: Hardware | None = None,
               registry_timeout: float = REGISTRY_TIMEOUT) -> DoctorReport:
    """Check the engine, the GPUs, the image's fit, disk, registries and the trainer image."""
    from core.docker.engine import check_engine, engine_url

    hw = (hardware or read_hardware()).only(gpus)
    base = image or suggest_image(hw).ref or load_catalogue().cpu_images()[0].ref
    report = DoctorReport(image=base, hardware=hw)
    url = engine_url(engine)
    with ThreadPoolExecutor(max_workers=3) as pool:  # registry probes wait on the network: in parallel
        probes = pool.submit(_registry_checks, registry, registry_timeout)
        engine_check = check_engine(url, images=_images_to_look_for(base))
    report.checks.append(_engine_line(engine_check))
    report.checks.append(_socket_line(url, engine_check))
    report.checks.append(_runtime_line(engine_check, hw))
    report.checks.append(_gpus_line(hw))
    report.checks.append(image_check(base, hw))
    report.checks.append(_disk_line(engine_check, base))
    report.checks.extend(probes.result())
    report.checks.append(_trainer_line(engine_check, base))
    return report


def _images_to_look_for(base: str) -> list[str]:
    from core.docker.images import trainer_image_tag

    return [base, trainer_image_tag(base)]


def _engine_line(ec) -> Check:
    title = say("doctor.title-engine", "Docker engine")
    if ec.reachable:
        return Check("engine", title, OK, say("doctor.engine-ok", "Docker {version} (API {api}) at {url}",
                                              version=ec.version, api=ec.api_version, url=ec.url))
    error = ec.error
    detail = error.args[0] if error is not None and error.args else say("doctor.not-reachable", "not reachable")
    fix = _ENGINE_FIXES.get(getattr(error, "kind", ""),
                            say("doctor.fix-engine-address", "check that the engine address is a Docker engine"))
    return Check("engine", title, PROBLEM, detail, fix)


# the fixes without naming one interface's controls (the doctor runs in the CLI and the app)
_ENGINE_FIXES = {
    "engine-not-running": say("doctor.fix-start-docker", "start Docker (sudo systemctl start docker, or open "
                              "Docker Desktop), or use another engine address"),
    "engine-permission": _JOIN_GROUP,
    "engine-error": say("doctor.fix-engine-log", "look at the engine's log (journalctl -u docker)"),
}


def _socket_line(url: str, ec) -> Check:
    title = say("doctor.title-socket", "Permission on the Docker socket")
    if not url.startswith("unix://"):
        return Check("socket", title, OK if ec.reachable else UNKNOWN,
                     say("doctor.socket-remote", "{url} is not a local socket", url=url),
                     "" if ec.reachable else say("doctor.fix-check-address", "check the engine address"))
    path = url[len("unix://"):]
    if not os.path.exists(path):
        return Check("socket", title, UNKNOWN, say("doctor.socket-missing", "{path} does not exist (no engine here)",
                                                   path=path),
                     say("doctor.fix-install-docker", "install Docker (docker.io or Docker Engine) and start it"))
    if getattr(ec.error, "kind", "") == "engine-permission" or not os.access(path, os.R_OK | os.W_OK):
        return Check("socket", title, PROBLEM, say("doctor.socket-denied", "this user may not use {path}", path=path),
                     _JOIN_GROUP)
    return Check("socket", title, OK, say("doctor.socket-ok", "this user may use {path}", path=path))


def _runtime_line(ec, hw: Hardware) -> Check:
    title = say("doctor.title-runtime", "GPUs in containers (NVIDIA runtime)")
    if not ec.reachable:
        return Check("gpu-runtime", title, UNKNOWN, _NO_ANSWER, _START_ENGINE)
    if ec.gpu_support:
        return Check("gpu-runtime", title, OK, say("doctor.runtime-ok", "{runtime} registered with the engine",
                                                   runtime=ec.gpu_support))
    fix = RUNTIME_FIX
    runtimes = ", ".join(ec.runtimes) or say("doctor.none", "none")
    if not hw.gpus:
        return Check("gpu-runtime", title, PROBLEM, say("doctor.runtime-missing-cpu", "not registered (runtimes: "
                                                        "{runtimes}); only CPU training in containers",
                                                        runtimes=runtimes), fix)
    return Check("gpu-runtime", title, PROBLEM, say("doctor.runtime-missing", "not registered (runtimes: {runtimes}): "
                                                    "GPU runs will fail at start", runtimes=runtimes), fix)


# what to install so that containers get GPUs (the doctor's fix, also quoted by Settings → Docker)
RUNTIME_FIX = say("doctor.fix-runtime", "install the NVIDIA Container Toolkit (nvidia-container-toolkit), run "
                  "`sudo nvidia-ctk runtime configure --runtime=docker`, restart Docker")


def _gpus_line(hw: Hardware) -> Check:
    title = say("doctor.title-gpus", "NVIDIA GPUs and driver")
    if not hw.gpus:
        return Check("gpus", title, PROBLEM, say("doctor.gpus-none", "none found ({reason})",
                                                 reason=hw.reason or say("doctor.no-driver", "no driver")),
                     say("doctor.fix-gpu-driver", "install the NVIDIA driver for GPU training, or train on the CPU"))
    ccs = ", ".join(f"GPU {g.index} {g.name} {g.compute_capability or '?'}" for g in hw.gpus)
    if hw.cuda:
        return Check("gpus", title, OK, say("doctor.gpus-cuda", "{gpus}; driver {driver}, CUDA up to {cuda}", gpus=ccs,
                                            driver=hw.driver or "?", cuda=hw.cuda))
    return Check("gpus", title, OK, say("doctor.gpus", "{gpus}; driver {driver}", gpus=ccs, driver=hw.driver or "?"))


def image_check(base: str, hw: Hardware) -> Check:
    """Whether ``base`` can run these GPUs on this driver (the line the Train page shows before a start)."""
    verdict = check_image(base, hw)
    title = say("doctor.title-image", "Image {image}", image=base)
    if verdict.ok:
        return Check("image", title, OK, verdict.message)
    suggestion = suggest_image(hw)
    fix = say("doctor.fix-choose-image", "choose {image}", image=suggestion.ref) \
        if suggestion.ref and suggestion.ref != base else \
        (suggestion.reasons[-1] if suggestion.reasons else say("doctor.fix-another-image", "choose another image"))
    return Check("image", title, PROBLEM if verdict.ok is False else UNKNOWN, verdict.message, fix)


def _disk_line(ec, base: str) -> Check:
    title = say("doctor.title-disk", "Free disk for images")
    image = load_catalogue().find(base)
    need = int((image.size_gb or 0) * 2**30) if image else 0
    if not ec.reachable:
        return Check("disk", title, UNKNOWN, _NO_ANSWER, _START_ENGINE)
    if ec.images.get(base):
        if ec.free_disk_bytes is None:
            return Check("disk", title, OK, say("doctor.disk-base-here", "the base image is already on the engine"))
        return Check("disk", title, OK, say("doctor.disk-base-here-free", "the base image is already on the engine; "
                                            "{free:.1f} GiB free", free=ec.free_disk_bytes / 2**30))
    if ec.free_disk_bytes is None:
        return Check("disk", title, UNKNOWN, say("doctor.disk-invisible", "{root} is not visible from here",
                                                 root=ec.data_root or say("doctor.data-root", "the data root")),
                     say("doctor.fix-disk-room", "make sure the engine's disk has room for the image"))
    free = ec.free_disk_bytes
    if need and free < need * 1.2:
        return Check("disk", title, PROBLEM, say("doctor.disk-short", "{free:.1f} GiB free under {root}; {image} needs "
                                                 "about {need:.0f} GiB", free=free / 2**30, root=ec.data_root,
                                                 image=base, need=need / 2**30),
                     say("doctor.fix-free-disk", "free at least {more:.0f} GiB there (docker system prune)",
                         more=(need * 1.2 - free) / 2**30))
    if need:
        return Check("disk", title, OK, say("doctor.disk-ok-need", "{free:.1f} GiB free under {root} (the image needs "
                                            "about {need:.0f} GiB)", free=free / 2**30, root=ec.data_root,
                                            need=need / 2**30))
    return Check("disk", title, OK, say("doctor.disk-ok", "{free:.1f} GiB free under {root}", free=free / 2**30,
                                        root=ec.data_root))


def _registry_checks(registry: str | None, timeout: float) -> list[Check]:
    """One line for the chosen registry; when it does not answer, which other one does."""
    from core.docker.registries import PRESET_REGISTRIES, parse_registry, registry_reachable

    chosen = parse_registry(registry)
    others = [r for r in PRESET_REGISTRIES if r != chosen]
    with ThreadPoolExecutor(max_workers=1 + len(others)) as pool:
        results = list(pool.map(lambda r: (r, *registry_reachable(r, timeout)), [chosen, *others]))
    _, ok, detail = results[0]
    title = say("doctor.title-registry", "Registry {registry}", registry=chosen.label)
    if ok:
        return [Check("registry", title, OK, detail)]
    answering = [r.label for r, up, _ in results[1:] if up]
    fix = (say("doctor.fix-other-registry", "choose {registry} in the registry setting", registry=answering[0])
           if answering else
           say("doctor.fix-offline", "connect to the internet, or load the image from a file (Save image to file… on "
               "a connected computer)"))
    return [Check("registry", title, PROBLEM, detail, fix)]


def _trainer_line(ec, base: str) -> Check:
    from core.docker.images import trainer_image_tag

    title = say("doctor.title-trainer", "Trainer image")
    tag = trainer_image_tag(base)
    if not ec.reachable:
        return Check("trainer-image", title, UNKNOWN, _NO_ANSWER, _START_ENGINE)
    if ec.images.get(tag):
        return Check("trainer-image", title, OK, say("doctor.trainer-ready", "{image} is ready", image=tag))
    if ec.images.get(base):
        return Check("trainer-image", title, PROBLEM, say("doctor.trainer-not-built", "{image} is not built yet (the "
                                                          "base is here)", image=tag),
                     say("doctor.fix-build", "build it: Prepare image (it adds PaddleNLP to the base, a few minutes)"))
    return Check("trainer-image", title, PROBLEM, say("doctor.trainer-missing", "{image} is missing and so is its base "
                                                      "{base}", image=tag, base=base),
                 say("doctor.fix-pull-build", "pull the base, then build the trainer image (Prepare image does both), "
                     "or load it from a file"))

