"""The Paddle images a user may train in, as data (catalogue.json), and what each one can run on.

A reference that is not in the catalogue but follows Paddle's tag scheme
(``paddlepaddle/paddle:<paddle>-gpu-cuda<X.Y>-...``) is read from its tag, with every fact
marked unconfirmed; anything else is "unknown": the app cannot tell whether it fits.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from core.messages import join, say

CATALOGUE_FILE = Path(__file__).with_name("catalogue.json")
PADDLE_REPO = "paddlepaddle/paddle"
_TAG = re.compile(r"^(?P<paddle>\d+\.\d+\.\d+)(?:-(?P<device>gpu))?(?:-cuda(?P<cuda>\d+\.\d+))?")


def version_tuple(text: str | None) -> tuple[int, ...]:
    """'580.95.05' -> (580, 95, 5); '' or None -> ()."""
    return tuple(int(p) for p in re.findall(r"\d+", text or ""))


@dataclass(frozen=True)
class CatalogueImage:
    """One Paddle image and the facts that decide where it runs."""

    ref: str
    paddle: str
    device: str  # "gpu" | "cpu"
    cuda: str | None = None
    cudnn: str | None = None
    min_driver: str | None = None
    compute_capabilities: tuple[str, ...] = ()
    ptx: bool = False
    python: str | None = None
    size_gb: float | None = None
    registries: tuple[str, ...] = ("docker-hub",)
    sources: tuple[str, ...] = ()
    unconfirmed: frozenset[str] = field(default_factory=frozenset)
    in_catalog: bool = True

    @property
    def is_gpu(self) -> bool:
        return self.device == "gpu"

    @property
    def paddle_major(self) -> int:
        return (version_tuple(self.paddle) or (0,))[0]

    def mark(self, fact: str) -> str:
        """'?' after a fact that could not be confirmed, else ''."""
        return "?" if fact in self.unconfirmed else ""

    def has_kernels_for(self, compute_capability: str) -> bool:
        """Whether Paddle in this image carries code a GPU of this capability can run.

        Machine code for X.m runs on X.n with n >= m (same major); PTX is compiled by the
        driver for any newer GPU. Nothing else runs: a 2.6 build on a 9.0 GPU fails at once.
        """
        want = version_tuple(compute_capability)[:2]
        if not self.is_gpu or len(want) < 2:
            return False
        carried = [version_tuple(c)[:2] for c in self.compute_capabilities]
        if any(c[0] == want[0] and c[1] <= want[1] for c in carried):
            return True
        return self.ptx and any(c <= want for c in carried)

    def driver_ok(self, driver: str | None) -> bool:
        return not self.min_driver or version_tuple(driver) >= version_tuple(self.min_driver)

    def summary(self) -> str:
        """'Paddle 3.0.0, CUDA 12.6, cuDNN 9.5, driver >= 550.54.14, GPUs 6.1–9.0?, Python 3.10?'"""
        python = f"Python {self.python or '?'}{self.mark('python')}"
        if not self.is_gpu:
            return join([f"Paddle {self.paddle}{self.mark('paddle')}", say("image.cpu-only", "CPU only"), python], ", ")
        ccs = self.compute_capabilities
        span = f"{ccs[0]}–{ccs[-1]}" if len(ccs) > 1 else (ccs[0] if ccs else "?")
        parts = [f"Paddle {self.paddle}{self.mark('paddle')}", f"CUDA {self.cuda}{self.mark('cuda')}"]
        if self.cudnn:
            parts.append(f"cuDNN {self.cudnn}{self.mark('cudnn')}")
        driver = f"{self.min_driver}{self.mark('min_driver')}"
        parts.append(say("image.min-driver", "driver >= {driver}", driver=driver))
        parts.append(say("image.gpu-span", "GPUs {span}", span=f"{span}{self.mark('compute_capabilities')}"))
        parts.append(python)
        return join(parts, ", ")


@dataclass(frozen=True)
class Catalogue:
    images: tuple[CatalogueImage, ...]
    sources: dict[str, str]

    @staticmethod
    def canonical(ref: str) -> str:
        """The Docker Hub name of an image named through a mirror or a registry host:
        Docker's rule is that a first component with a '.' or ':' (or 'localhost') is a host."""
        ref = ref.strip()
        first, sep, rest = ref.partition("/")
        if sep and ("." in first or ":" in first or first == "localhost"):
            return rest
        return ref

    def find(self, ref: str) -> CatalogueImage | None:
        """The catalogue entry for ``ref`` (any registry), else one read from a Paddle tag, else None."""
        name = self.canonical(ref)
        for image in self.images:
            if image.ref == name:
                return image
        return from_paddle_tag(name)

    def gpu_images(self) -> list[CatalogueImage]:
        """GPU images, newest Paddle first, then newest CUDA."""
        gpu = [i for i in self.images if i.is_gpu]
        return sorted(gpu, key=lambda i: (version_tuple(i.paddle), version_tuple(i.cuda)), reverse=True)

    def cpu_images(self) -> list[CatalogueImage]:
        cpu = [i for i in self.images if not i.is_gpu]
        return sorted(cpu, key=lambda i: version_tuple(i.paddle), reverse=True)


def from_paddle_tag(ref: str) -> CatalogueImage | None:
    """Facts read from a tag of Paddle's scheme, all unconfirmed; None for other images."""
    repo, _, tag = ref.rpartition(":")
    if repo != PADDLE_REPO or not tag:
        return None
    m = _TAG.match(tag)
    if not m:
        return None
    paddle, cuda = m.group("paddle"), m.group("cuda")
    every = frozenset({"paddle", "cuda", "min_driver", "compute_capabilities", "python", "size_gb"})
    if not m.group("device"):
        return CatalogueImage(ref=ref, paddle=paddle, device="cpu", unconfirmed=every, in_catalog=False)
    return CatalogueImage(ref=ref, paddle=paddle, device="gpu", cuda=cuda, min_driver=_driver_floor(cuda),
                        compute_capabilities=_archs_by_build(paddle, cuda), unconfirmed=every,
                        in_catalog=False)


def _driver_floor(cuda: str | None) -> str | None:
    """NVIDIA's minimum driver for a CUDA major under minor-version compatibility."""
    major = (version_tuple(cuda) or (0,))[0]
    return {11: "450.80.02", 12: "525.60.13", 13: "580.65.06"}.get(major)


def _archs_by_build(paddle: str, cuda: str | None) -> tuple[str, ...]:
    """What Paddle's release builds carry: up to 8.6 before Paddle 3 or with CUDA 11; 9.0 with CUDA 12;
    Blackwell from CUDA 12.8 on (the first CUDA that knows it)."""
    base = ("6.1", "7.0", "7.5", "8.0", "8.6")
    if version_tuple(paddle)[:1] < (3,) or version_tuple(cuda)[:1] < (12,):
        return base
    archs = base + ("8.9", "9.0")
    if version_tuple(cuda)[:2] >= (12, 8):
        archs += ("10.0", "12.0")
    return archs


@functools.cache
def load_catalogue(path: str | None = None) -> Catalogue:
    """The catalogue shipped with the app (or another file of the same shape)."""
    data = json.loads(Path(path or CATALOGUE_FILE).read_text(encoding="utf-8"))
    images = tuple(
        CatalogueImage(
            ref=d["ref"], paddle=d["paddle"], device=d["device"], cuda=d.get("cuda"), cudnn=d.get("cudnn"),
            min_driver=d.get("min_driver"), compute_capabilities=tuple(d.get("compute_capabilities", ())),
            ptx=bool(d.get("ptx")), python=d.get("python"), size_gb=d.get("size_gb"),
            registries=tuple(d.get("registries", ("docker-hub",))), sources=tuple(d.get("sources", ())),
            unconfirmed=frozenset(d.get("unconfirmed", ())),
        )
        for d in data["images"]
    )
    return Catalogue(images=images, sources=dict(data.get("sources", {})))
