"""A card per GPU with its live numbers."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar, QVBoxLayout

from core.gpu import NOT_SUPPORTED, GpuSample, format_bytes


def _num(value: float | None, unit: str) -> str:
    return NOT_SUPPORTED if value is None else f"{value:.0f}{unit}"


class GpuCard(QFrame):
    """Name, utilization, memory, temperature, power, clocks, fan and performance state of one GPU."""

    def __init__(self, index: int, parent=None):
        super().__init__(parent)
        self.index = index
        self.setObjectName("gpuCard")
        self.setFrameShape(QFrame.StyledPanel)
        self.setMinimumWidth(210)
        box = QVBoxLayout(self)
        self.title = QLabel(f"GPU {index}")
        self.title.setStyleSheet("font-weight: bold")
        box.addWidget(self.title)
        self.util_bar = QProgressBar()
        self.util_bar.setRange(0, 100)
        self.util_bar.setFormat(self.tr("Util %p %"))
        self.mem_bar = QProgressBar()
        self.mem_bar.setRange(0, 1000)
        box.addWidget(self.util_bar)
        box.addWidget(self.mem_bar)
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        rows = [("temp", self.tr("Temperature")), ("power", self.tr("Power")), ("clocks", self.tr("SM / memory clock")),
                ("fan", self.tr("Fan")), ("pstate", self.tr("Performance state")),
                ("cc", self.tr("Compute capability")), ("driver", self.tr("Driver / CUDA"))]
        for r, (key, text) in enumerate(rows):
            grid.addWidget(QLabel(text), r, 0)
            self.values[key] = QLabel("…")
            grid.addWidget(self.values[key], r, 1)
        box.addLayout(grid)

    def show_sample(self, g: GpuSample) -> None:
        """Put one sample's numbers on the card."""
        self.title.setText(f"GPU {g.index} · {g.name}" if g.name else f"GPU {g.index}")
        self.util_bar.setValue(int(g.util_pct or 0))
        self.util_bar.setFormat(self.tr("Util %1 %").replace("%1", _num(g.util_pct, "")))
        used = g.mem_used_pct
        self.mem_bar.setValue(int(10 * used) if used is not None else 0)
        self.mem_bar.setFormat(f"{format_bytes(g.mem_used_bytes)} / {format_bytes(g.mem_total_bytes)}")
        self.values["temp"].setText(_num(g.temp_c, " °C"))
        self.values["power"].setText(f"{_num(g.power_w, '')} / {_num(g.power_limit_w, ' W')}")
        self.values["clocks"].setText(f"{_num(g.sm_clock_mhz, '')} / {_num(g.mem_clock_mhz, ' MHz')}")
        fan = _num(g.fan_pct, " %")
        if not g.is_supported("fan_pct"):
            fan = self.tr("N/A (not supported)")
        self.values["fan"].setText(fan)
        self.values["pstate"].setText(g.pstate or NOT_SUPPORTED)
        # what decides which Paddle images can run here (see core.docker.choose)
        self.values["cc"].setText(g.compute_capability or NOT_SUPPORTED)
        self.values["driver"].setText(f"{g.driver_version or NOT_SUPPORTED} / {g.cuda_driver_version or NOT_SUPPORTED}")

    def text(self) -> str:
        """Everything the card shows, as one string (for tests and accessibility)."""
        parts = [self.title.text(), self.util_bar.text(), self.mem_bar.text()]
        parts += [f"{k}={v.text()}" for k, v in self.values.items()]
        return " | ".join(parts)
