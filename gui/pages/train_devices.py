"""The Train page's "where to train": runner, CPU or GPUs, memory hint, the Docker base image."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from core.formatting import format_bytes
from core.jobs import JobSpec
from gui import catalogue


class DevicesMixin:
    """Runner and device choices of the Train page (mixed into TrainPage)."""

    def _update_memory_hint(self) -> None:
        need = catalogue.memory_estimate(self.model_name(), self.batch_size.value(), self.max_seq_len.value())
        if self.picker is not None:
            self.picker.set_required_bytes(need or 0)
            return
        if need:
            self.device_note.setText(self.tr("Needs about %1 of GPU memory at this batch size.")
                                     .replace("%1", format_bytes(need)))

    def set_gpus(self, gpus: list[Any], reason: str = "") -> None:
        """Offer the GPUs found (GpuSample list); ``reason`` explains when there is none."""
        self.gpus = list(gpus)
        current = self.devices.currentData()
        self.devices.blockSignals(True)  # one estimate for the whole refill
        self.devices.clear()
        self.devices.addItem(self.tr("CPU"), [])
        for g in self.gpus:
            free = format_bytes(g.mem_free_bytes)
            self.devices.addItem(self.tr("GPU %1: %2 (%3 free)").replace("%1", str(g.index))
                                 .replace("%2", g.name).replace("%3", free), [g.index])
        if len(self.gpus) > 1:
            self.devices.addItem(self.tr("All %n GPU(s)", "", len(self.gpus)), [g.index for g in self.gpus])
        index = self.devices.findData(current)
        self.devices.setCurrentIndex(max(0, index))
        self.devices.blockSignals(False)
        if not self.gpus:  # plain words; the technical reasons only in the tooltip
            from gui.core_texts import no_gpu_details, no_gpu_sentence

            self.device_note.setText(no_gpu_sentence())
            self.device_note.setToolTip(reason if isinstance(reason, str) else no_gpu_details(reason))
        else:
            self.device_note.setText(self.tr("%n GPU(s) found.", "", len(self.gpus)))
            self.device_note.setToolTip("")
            self._update_memory_hint()
        self._schedule_estimate()

    def mount_gpu_widgets(self, picker: Any, strip: Any) -> None:
        """Use the GPU monitor's picker for devices and show the run's GPU utilization by the charts."""
        self.picker = picker
        self.devices.setVisible(False)
        self.where_form.labelForField(self.devices).setVisible(False)
        self.device_note.setVisible(False)
        picker.list.setMaximumHeight(110)
        picker.list.setWordWrap(True)
        picker.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        controller = getattr(picker, "controller", None)
        if controller is not None:  # no GPU: the picker's note says why, an empty list says nothing
            controller.noGpu.connect(lambda _reason: picker.list.hide())
            controller.frame.connect(lambda _frame: picker.list.show())
        self.where_form.addRow(self.tr("GPUs"), picker)
        self.gpu_strip = strip
        strip.setMaximumHeight(150)
        strip.setVisible(False)
        self.charts_layout.addWidget(strip)
        self.batch_size.valueChanged.connect(lambda _v: self._update_memory_hint())
        self.max_seq_len.valueChanged.connect(lambda _v: self._update_memory_hint())

    def devices_chosen(self) -> list[int]:
        """GPU indices for the next run ([] = CPU)."""
        if self.picker is not None:
            return list(self.picker.selected_indices())
        return list(self.devices.currentData() or [])

    def _show_devices(self, devices: list[int]) -> None:
        """Show a followed run's devices (a GPU this computer does not list any more gets its own entry)."""
        if self.picker is not None:
            self.picker.set_selected(devices)
            return
        index = self.devices.findData(devices)
        if index < 0:
            self.devices.addItem(self.tr("GPU %1").replace("%1", ", ".join(str(d) for d in devices)), devices)
            index = self.devices.count() - 1
        self.devices.setCurrentIndex(index)

    def runner_kind(self) -> str:
        return self.runner.currentData() or "local"

    def gpu_hardware(self) -> Any:
        """The GPUs' compute capability and driver as last sampled (no NVML call here)."""
        from core.docker.choose import hardware_of
        from core.gpu.model import Snapshot

        snap = getattr(self.picker, "snapshot", None) or Snapshot(ts=0.0, gpus=list(self.gpus))
        return hardware_of(snap)

    def base_image_for(self, devices: list[int]) -> str:
        """Settings → Docker's base image, else the catalogue's choice for these GPUs."""
        if self.docker_base_image:
            return self.docker_base_image
        from core.docker.choose import Hardware, suggest_image
        from core.docker.images import DEFAULT_BASE_IMAGE

        hardware = self.gpu_hardware().only(devices) if devices else Hardware(reason="training on the CPU")
        return suggest_image(hardware).ref or DEFAULT_BASE_IMAGE

    def image_refusal(self, job: JobSpec) -> Any:
        """The doctor's image line when a Docker GPU start cannot run on these GPUs, else None."""
        if job.runner.kind != "docker" or not job.runner.devices:
            return None
        from core.docker.doctor import PROBLEM, image_check

        check = image_check(self.base_image_for(job.runner.devices), self.gpu_hardware().only(job.runner.devices))
        return check if check.status == PROBLEM else None
