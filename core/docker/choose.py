"""Which Paddle image can run on these GPUs and this driver, and why (or why none can).

`suggest_image` picks the newest image whose Paddle carries kernels for every chosen GPU and
whose CUDA the driver runs; `check_image` applies the same test to an image the user chose.
Both return reasons a person can read; neither touches Docker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.docker.catalogue import Catalogue, CatalogueImage, load_catalogue, version_tuple
from core.messages import join, say


@dataclass(frozen=True)
class GpuFacts:
    index: int
    name: str = ""
    compute_capability: str | None = None

    @property
    def label(self) -> str:
        return f"GPU {self.index}" + (f" ({self.name})" if self.name else "")


@dataclass
class Hardware:
    """The GPUs a job would use and the driver that runs them; no GPUs when none can be read."""

    gpus: list[GpuFacts] = field(default_factory=list)
    driver: str | None = None
    cuda: str | None = None  # the highest CUDA the driver runs
    reason: str = ""  # why no GPU was found

    def only(self, indices: list[int] | None) -> Hardware:
        """The same facts for the chosen GPUs only (all when ``indices`` is empty)."""
        if not indices:
            return self
        return Hardware([g for g in self.gpus if g.index in indices], self.driver, self.cuda, self.reason)

    def describe(self) -> list[str]:
        if not self.gpus:
            return [f"no NVIDIA GPU: {self.reason}" if self.reason else "no NVIDIA GPU"]
        lines = [f"{g.label}: compute capability {g.compute_capability or 'unknown'}" for g in self.gpus]
        driver = f"driver {self.driver or 'unknown'}" + (f" (runs CUDA up to {self.cuda})" if self.cuda else "")
        return lines + [driver]


def read_hardware(source=None) -> Hardware:
    """This machine's GPUs from one sample (NVML, else nvidia-smi); never raises."""
    from core.gpu.source import NoGpuError, open_source

    try:
        src = source or open_source()
    except NoGpuError as exc:  # the first source's reason reads best: "the NVIDIA driver ... is not installed"
        detail = exc.details[0] if exc.details else exc.reason
        # the reason inside "NVML: <reason>", still a message the app can translate
        first = getattr(detail, "args", {}).get("reason") or str(detail).split(": ", 1)[-1]
        return Hardware(reason=first)
    try:
        snap = src.sample()
    except Exception as exc:  # a driver that fails mid-way: report it like no GPU
        return Hardware(reason=f"the GPUs could not be read ({exc})")
    finally:
        if source is None:
            src.close()
    return hardware_of(snap)


def hardware_of(snapshot) -> Hardware:
    """Hardware facts from a Snapshot (live or replayed)."""
    gpus = [GpuFacts(g.index, g.name, g.compute_capability) for g in snapshot.gpus]
    first = snapshot.gpus[0] if snapshot.gpus else None
    return Hardware(gpus, first.driver_version if first else None, first.cuda_driver_version if first else None,
                    "" if gpus else "the driver reports no GPU")


@dataclass
class Verdict:
    """Whether an image fits: True / False / None (cannot tell), with the reasons."""

    ok: bool | None
    reasons: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        return join(self.reasons)  # each reason stays a message the app translates


def image_problems(image: CatalogueImage, hw: Hardware) -> list[str]:
    """Why ``image`` cannot run the chosen GPUs with this driver; empty when it can."""
    problems = []
    if not image.is_gpu:
        return [say("image.cpu-no-gpus", "{ref} is a CPU image: it cannot use GPUs", ref=image.ref)] if hw.gpus else []
    for g in hw.gpus:
        if g.compute_capability and not image.has_kernels_for(g.compute_capability):
            problems.append(say(
                "image.no-kernels", "{gpu} is compute capability {cc}; Paddle {paddle} images with CUDA {cuda} "
                "have no kernels for it{hedge}: {fix}", gpu=g.label, cc=g.compute_capability, paddle=image.paddle,
                cuda=image.cuda, hedge=_hedge(image, "compute_capabilities"),
                fix=_kernel_fix(image, g.compute_capability)))
    if hw.driver and not image.driver_ok(hw.driver):
        problems.append(say("image.driver-too-old", "driver {driver} is older than the {min_driver}{hedge} that CUDA "
                            "{cuda} needs: update the NVIDIA driver or choose a CUDA {older} image", driver=hw.driver,
                            min_driver=image.min_driver, hedge=_hedge(image, "min_driver"), cuda=image.cuda,
                            older=_older_cuda(image)))
    return problems


def _hedge(image: CatalogueImage, fact: str) -> str:
    return say("image.not-confirmed", " (not confirmed)") if fact in image.unconfirmed else ""


def _kernel_fix(image: CatalogueImage, cc: str) -> str:
    if image.paddle_major < 3:
        return say("image.fix-paddle3", "choose a Paddle 3 image")
    return say("image.fix-newer-cuda", "choose an image with a newer CUDA")


def _older_cuda(image: CatalogueImage) -> str:
    major = (version_tuple(image.cuda) or (12,))[0]
    return f"{major - 1}.x" if major > 11 else "11.x"


def check_image(ref: str, hw: Hardware, catalogue: Catalogue | None = None) -> Verdict:
    """The verdict on the user's own choice of image for these GPUs."""
    catalogue = catalogue or load_catalogue()
    image = catalogue.find(ref)
    if image is None:
        if not hw.gpus:
            return Verdict(True, [say("image.unknown-cpu-fine", "{ref}: not a Paddle image the app knows; fine for CPU "
                                      "training", ref=ref)])
        return Verdict(None, [say("image.unknown-gpu", "{ref} is not in the image catalogue: whether it has kernels "
                                  "for {ccs} and runs on driver {driver} cannot be told", ref=ref, ccs=_ccs(hw),
                                  driver=hw.driver or say("image.driver-unknown", "unknown"))])
    problems = image_problems(image, hw)
    if problems:
        return Verdict(False, problems)
    if not hw.gpus:
        return Verdict(True, [image.summary()])
    unknown = [g.label for g in hw.gpus if not g.compute_capability]
    if unknown:
        return Verdict(None, [say("image.cc-unknown", "the compute capability of {gpus} is unknown",
                                  gpus=", ".join(unknown))])
    return Verdict(True, [say("image.runs", "{ref} runs {ccs} on driver {driver}: {summary}", ref=image.ref,
                              ccs=_ccs(hw), driver=hw.driver or say("image.driver-unknown", "unknown"),
                              summary=image.summary())])


def _ccs(hw: Hardware) -> str:
    caps = sorted({g.compute_capability or "?" for g in hw.gpus})
    return say("image.compute-capability", "compute capability {caps}", caps=", ".join(caps))


@dataclass
class Suggestion:
    image: CatalogueImage | None  # None: nothing in the catalogue fits
    reasons: list[str] = field(default_factory=list)

    @property
    def ref(self) -> str | None:
        return self.image.ref if self.image else None


def suggest_image(hw: Hardware, catalogue: Catalogue | None = None) -> Suggestion:
    """The newest image that runs every chosen GPU on this driver; the reasons for it and against the rest."""
    catalogue = catalogue or load_catalogue()
    facts = hw.describe()
    if not hw.gpus:
        cpu = catalogue.cpu_images()[0]
        return Suggestion(cpu, facts + [f"chosen {cpu.ref}: {cpu.summary()} (no GPU to use)"])
    rejected, chosen = [], None
    for image in catalogue.gpu_images():
        problems = image_problems(image, hw)
        if not problems and chosen is None:
            chosen = image
        elif problems:
            rejected.append(f"not {image.ref}: {problems[0]}")
    if chosen is None:
        return Suggestion(None, facts + ["no image in the catalogue fits: " + _nothing_fits_fix(hw, catalogue)]
                          + rejected)
    return Suggestion(chosen, facts + [f"chosen {chosen.ref}: {chosen.summary()}"] + rejected)


def _nothing_fits_fix(hw: Hardware, catalogue: Catalogue) -> str:
    """The one change that would make an image fit: a driver update, else the CPU."""
    with_kernels = [i for i in catalogue.gpu_images()
                    if all(not g.compute_capability or i.has_kernels_for(g.compute_capability) for g in hw.gpus)]
    if with_kernels:
        need = min(with_kernels, key=lambda i: version_tuple(i.min_driver))
        return (f"update the NVIDIA driver to {need.min_driver} or newer (for {need.ref}), "
                "or train on the CPU")
    return f"no Paddle image has kernels for {_ccs(hw)}; train on the CPU"
