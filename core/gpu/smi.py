"""The `nvidia-smi` fallback (one subprocess per sample, ~36 ms) and parsers for its output.

Parses `--query-gpu ... --format=csv` (units in the header and the values, `[N/A]`),
`--query-compute-apps` and `nvidia-smi -q -x` as a real H200 host prints them.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import time
import xml.etree.ElementTree as ET

from core.gpu.model import MIB, GpuProcess, GpuSample, Snapshot
from core.gpu.source import NoGpuError
from core.messages import say

QUERY_GPU_FIELDS = (
    "index,uuid,name,utilization.gpu,utilization.memory,memory.total,memory.used,"
    "temperature.gpu,power.draw,power.limit,clocks.sm,clocks.mem,fan.speed,pstate"
)
QUERY_APPS_FIELDS = "pid,process_name,used_gpu_memory,gpu_uuid"

# query name (as the header prints it) -> GpuSample field, and how to convert
_CSV_FIELDS = {
    "utilization.gpu": ("util_pct", float),
    "utilization.memory": ("mem_util_pct", float),
    "memory.total": ("mem_total_bytes", "bytes"),
    "memory.used": ("mem_used_bytes", "bytes"),
    "temperature.gpu": ("temp_c", float),
    "power.draw": ("power_w", float),
    "power.limit": ("power_limit_w", float),
    "clocks.current.sm": ("sm_clock_mhz", float),
    "clocks.sm": ("sm_clock_mhz", float),
    "clocks.current.memory": ("mem_clock_mhz", float),
    "clocks.mem": ("mem_clock_mhz", float),
    "fan.speed": ("fan_pct", float),
    "pstate": ("pstate", str),
    "compute_cap": ("compute_capability", str),
    "driver_version": ("driver_version", str),
}
# asked once at start, apart from the samples: drivers before ~510 do not know `compute_cap`
QUERY_STATIC_FIELDS = "index,compute_cap,driver_version"
_UNSUPPORTED = {"[n/a]", "n/a", "[not supported]", "not supported"}
_NUMBER = re.compile(r"^\s*(-?[\d.]+)\s*([A-Za-z%]*)\s*$")
_UNIT_BYTES = {"": MIB, "mib": MIB, "kib": 1024, "gib": 1024 * MIB, "b": 1}


class SmiParseError(ValueError):
    """nvidia-smi printed something this parser does not understand."""


def _header_name(column: str) -> str:
    return column.strip().split(" [", 1)[0].strip()


def _value(raw: str, kind, field: str, unsupported: set[str]):
    text = raw.strip()
    if text.lower() in _UNSUPPORTED:
        unsupported.add(field)
        return None
    if text.startswith("["):  # [Unknown Error], [GPU is lost]: no reading, but not a capability
        return None
    if kind is str:
        return text
    m = _NUMBER.match(text)
    if not m:
        raise SmiParseError(f"cannot read {field} from {raw!r}")
    number, unit = float(m.group(1)), m.group(2).lower()
    if kind == "bytes":
        return int(number * _UNIT_BYTES.get(unit, MIB))
    return number


def parse_query_gpu_csv(text: str) -> list[GpuSample]:
    """GPUs from `nvidia-smi --query-gpu=... --format=csv` (header required; units allowed)."""
    rows = list(csv.reader(io.StringIO(text.strip()), skipinitialspace=True))
    if not rows:
        return []
    header = [_header_name(c) for c in rows[0]]
    if "index" not in header:
        raise SmiParseError("the CSV has no 'index' column (was it printed with --format=csv?)")
    gpus = []
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise SmiParseError(f"line {n}: {len(row)} values for {len(header)} columns")
        cells = dict(zip(header, row))
        unsupported: set[str] = set()
        values = {}
        for name, (field, kind) in _CSV_FIELDS.items():
            if name in cells:
                values[field] = _value(cells[name], kind, field, unsupported)
        gpus.append(
            GpuSample(
                index=int(cells["index"]),
                uuid=cells.get("uuid", "").strip(),
                name=cells.get("name", "").strip(),
                unsupported=frozenset(unsupported),
                **values,
            )
        )
    return gpus


def parse_compute_apps_csv(text: str, uuid_to_index: dict[str, int]) -> list[GpuProcess]:
    """Processes from `nvidia-smi --query-compute-apps=pid,process_name,used_gpu_memory,gpu_uuid --format=csv`."""
    rows = list(csv.reader(io.StringIO(text.strip()), skipinitialspace=True))
    if not rows:
        return []
    header = [_header_name(c) for c in rows[0]]
    out = []
    for row in rows[1:]:
        cells = dict(zip(header, row))
        used = _value(cells.get("used_gpu_memory", "[N/A]"), "bytes", "used", set())
        gpu = uuid_to_index.get(cells.get("gpu_uuid", "").strip(), -1)
        out.append(GpuProcess(pid=int(cells["pid"]), gpu=gpu, used_bytes=used, name=cells.get("process_name", "")))
    return out


def _xml_value(node: ET.Element | None, path: str, kind, field: str, unsupported: set[str]):
    el = None if node is None else node.find(path)
    if el is None or el.text is None:
        return None
    return _value(el.text, kind, field, unsupported)


def parse_smi_xml(text: str, ts: float = 0.0) -> Snapshot:
    """Every GPU and process from `nvidia-smi -q -x`."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise SmiParseError(f"not nvidia-smi XML: {exc}") from exc
    gpus: list[GpuSample] = []
    procs: list[GpuProcess] = []
    driver = (root.findtext("driver_version") or "").strip() or None
    cuda = (root.findtext("cuda_version") or "").strip() or None
    for index, g in enumerate(root.findall("gpu")):
        u: set[str] = set()
        power = g.find("gpu_power_readings")
        if power is None:  # drivers before 535 name it power_readings
            power = g.find("power_readings")
        draw = _xml_value(power, "instant_power_draw", float, "power_w", u)
        if draw is None:
            draw = _xml_value(power, "power_draw", float, "power_w", u)
        gpus.append(
            GpuSample(
                index=index,
                uuid=(g.findtext("uuid") or "").strip(),
                name=(g.findtext("product_name") or "").strip(),
                util_pct=_xml_value(g, "utilization/gpu_util", float, "util_pct", u),
                mem_util_pct=_xml_value(g, "utilization/memory_util", float, "mem_util_pct", u),
                mem_used_bytes=_xml_value(g, "fb_memory_usage/used", "bytes", "mem_used_bytes", u),
                mem_total_bytes=_xml_value(g, "fb_memory_usage/total", "bytes", "mem_total_bytes", u),
                temp_c=_xml_value(g, "temperature/gpu_temp", float, "temp_c", u),
                power_w=draw,
                power_limit_w=_xml_value(power, "current_power_limit", float, "power_limit_w", u),
                sm_clock_mhz=_xml_value(g, "clocks/sm_clock", float, "sm_clock_mhz", u),
                mem_clock_mhz=_xml_value(g, "clocks/mem_clock", float, "mem_clock_mhz", u),
                fan_pct=_xml_value(g, "fan_speed", float, "fan_pct", u),
                pstate=_xml_value(g, "performance_state", str, "pstate", u),
                driver_version=driver,
                cuda_driver_version=cuda,
                unsupported=frozenset(u),
            )
        )
        for p in g.findall("processes/process_info"):
            used = _xml_value(p, "used_memory", "bytes", "used", set())
            pid = int(p.findtext("pid") or 0)
            procs.append(GpuProcess(pid=pid, gpu=index, used_bytes=used, name=p.findtext("process_name") or ""))
    return Snapshot(ts=ts, gpus=gpus, processes=procs, source="nvidia-smi -q -x")


class SmiSource:
    """Samples by running `nvidia-smi` twice (GPUs, then compute apps); for where NVML cannot load."""

    name = "nvidia-smi"

    def __init__(self, executable: str = "nvidia-smi", timeout_s: float = 5.0):
        path = shutil.which(executable)
        if path is None:
            raise NoGpuError(say("gpu.smi-not-on-path", "{program} is not on the PATH", program=executable),
                             say("gpu.hint-driver-utilities", "install the NVIDIA driver utilities"))
        self._exe = path
        self._timeout = timeout_s
        self._run(["-L"])  # fails now, with the reason, rather than at the first sample
        self._static = self._read_static()

    def _run(self, args: list[str]) -> str:
        try:
            done = subprocess.run(
                [self._exe, *args], capture_output=True, text=True, timeout=self._timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise NoGpuError(say("gpu.smi-no-answer", "nvidia-smi did not answer: {error}", error=str(exc)),
                             say("gpu.hint-check-driver", "check the NVIDIA driver")) from exc
        if done.returncode != 0:
            msg = (done.stdout + done.stderr).strip().splitlines()
            raise NoGpuError(say("gpu.smi-failed", "nvidia-smi failed: {error}",
                                 error=msg[0] if msg else done.returncode),
                             say("gpu.hint-check-driver", "check the NVIDIA driver"))
        return done.stdout

    def _read_static(self) -> dict[int, dict[str, str | None]]:
        """Compute capability, driver and CUDA version per GPU index; missing ones stay None."""
        static: dict[int, dict[str, str | None]] = {}
        try:
            for g in parse_query_gpu_csv(self._run([f"--query-gpu={QUERY_STATIC_FIELDS}", "--format=csv"])):
                static[g.index] = {"compute_capability": g.compute_capability, "driver_version": g.driver_version}
        except (NoGpuError, SmiParseError):
            pass  # an old driver: no compute_cap field
        try:
            xml = parse_smi_xml(self._run(["-q", "-x"]))
            for g in xml.gpus:
                entry = static.setdefault(g.index, {"compute_capability": None, "driver_version": g.driver_version})
                entry["cuda_driver_version"] = g.cuda_driver_version
        except (NoGpuError, SmiParseError):
            pass
        return static

    def sample(self) -> Snapshot:
        """Two subprocesses: --query-gpu and --query-compute-apps."""
        ts = time.time()
        gpus = parse_query_gpu_csv(self._run([f"--query-gpu={QUERY_GPU_FIELDS}", "--format=csv"]))
        for g in gpus:
            for key, value in self._static.get(g.index, {}).items():
                if value is not None:
                    setattr(g, key, value)
        uuids = {g.uuid: g.index for g in gpus}
        procs = parse_compute_apps_csv(self._run([f"--query-compute-apps={QUERY_APPS_FIELDS}", "--format=csv"]), uuids)
        return Snapshot(ts=ts, gpus=gpus, processes=procs, source=self.name)

    def close(self) -> None:
        """Nothing held."""
