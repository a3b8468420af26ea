"""Record what a GPU host says about compute capability, driver and CUDA, for a test fixture.

    python tools/capture_gpu_facts.py OUT_DIR

Writes OUT_DIR/gpu-facts.json: the raw NVML answers (nvmlDeviceGetCudaComputeCapability,
nvmlSystemGetDriverVersion, nvmlSystemGetCudaDriverVersion[_v2]), one PaddleDesk snapshot taken
through NvmlSource, and `nvidia-smi --query-gpu=index,name,compute_cap,driver_version` plus the
driver/CUDA lines of `nvidia-smi -q -x`; then prints the image PaddleDesk suggests for this host.
Needs only nvidia-ml-py and this checkout (no Paddle, no Docker).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _smi(*args: str) -> str:
    try:
        return subprocess.run(["nvidia-smi", *args], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"<nvidia-smi failed: {exc}>"


def raw_nvml() -> dict:
    import pynvml as nv

    nv.nvmlInit()
    try:
        out = {"driver": nv.nvmlSystemGetDriverVersion(), "gpus": []}
        for name in ("nvmlSystemGetCudaDriverVersion_v2", "nvmlSystemGetCudaDriverVersion"):
            if hasattr(nv, name):
                out[name] = getattr(nv, name)()
        for i in range(nv.nvmlDeviceGetCount()):
            h = nv.nvmlDeviceGetHandleByIndex(i)
            out["gpus"].append({"index": i, "name": nv.nvmlDeviceGetName(h),
                                "cuda_compute_capability": list(nv.nvmlDeviceGetCudaComputeCapability(h))})
        return out
    finally:
        nv.nvmlShutdown()


def main(out_dir: str) -> int:
    from core.docker.choose import hardware_of, suggest_image
    from core.gpu.nvml import NvmlSource

    source = NvmlSource()
    try:
        snap = source.sample()
    finally:
        source.close()
    xml = _smi("-q", "-x")
    facts = {
        "captured": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "nvml_raw": raw_nvml(),
        "snapshot": snap.to_dict(),
        "smi_query_static": _smi("--query-gpu=index,name,compute_cap,driver_version", "--format=csv"),
        "smi_xml_head": [line.strip() for line in xml.splitlines()[:12]
                         if "driver_version" in line or "cuda_version" in line],
    }
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    (Path(out_dir) / "gpu-facts.json").write_text(json.dumps(facts, indent=1, default=str), encoding="utf-8")
    suggestion = suggest_image(hardware_of(snap))
    print(suggestion.ref or "none")
    for reason in suggestion.reasons:
        print(f"  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
