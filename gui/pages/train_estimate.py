"""Before Start: model sizes for the chosen dataset, the expected duration on this device, and the
warning that an ERNIE model has no pretrained weights on this computer. Files are read on workers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QListWidgetItem

from core.formatting import format_bytes, format_count, format_duration
from gui import catalogue
from gui.workers import run_task


def weights_here(workspace: Any, runner: str) -> dict[str, bool]:
    """{ERNIE model: its pretrained weights are here for this runner}, imported ones included — on a worker."""
    from core.model_store import weights_status
    from core.models import list_models

    return {m.name: weights_status(m.name, workspace, runner)[0] for m in list_models(include_hidden=True)
            if m.family == "ernie"}


def facts_for(spec: Any, workspace: Any, runner: str, seed: int) -> tuple[Any, Any, dict[str, bool]]:
    """(spec, its DatasetFacts, {ERNIE model: weights here}) — on a worker."""
    from core.estimates import dataset_facts

    return spec, dataset_facts(spec, seed=seed), weights_here(workspace, runner)


def estimate_for(model: str, facts: Any, numbers: tuple[int, int, int, int], gpu: bool, workspace: Any,
                 runner: str) -> dict[str, Any]:
    """The duration estimate and the weights check for one choice of model — on a worker."""
    from core.estimates import estimate
    from core.model_store import weights_status

    epochs, batch, max_steps, max_len = numbers
    guess = estimate(model, facts, epochs, batch, max_steps, max_len, gpu, workspace) if facts is not None else None
    return {"model": model, "weights": weights_status(model, workspace, runner)[0], "estimate": guess}


class EstimateMixin:
    """Model list sizes, estimate line and weights warning of the Train page (mixed into TrainPage)."""

    def _init_estimates(self) -> None:
        self._facts: Any = None
        self._facts_spec: Any = None  # the dataset the facts are of
        self._weights: dict[str, bool] = {}
        self._imported: list[str] = []  # hidden catalogue entries shown because the store has them (ernie-custom)
        self.estimate_shown_for = ""  # the model the estimate line speaks of (tests wait on it)
        self._estimate_timer = QTimer(self)
        self._estimate_timer.setSingleShot(True)
        self._estimate_timer.setInterval(150)  # one estimate after a burst of spin-box changes
        self._estimate_timer.timeout.connect(self._run_estimate)

    def _load_models(self) -> None:
        try:
            self._cards = catalogue.model_cards(extra=self._imported)
        except Exception as exc:  # noqa: BLE001 - a missing catalogue must not stop the app
            self.banner.show_error(exc)
            self._cards = []
        current = self.model_name() if self.models.count() else ""
        self.models.blockSignals(True)
        self.models.clear()
        for card in self._cards:
            item = QListWidgetItem(self._card_text(card))
            item.setData(Qt.ItemDataRole.UserRole, card.name)
            item.setToolTip(card.description)
            self.models.addItem(item)
        self.models.blockSignals(False)
        if self._cards and not (current and self.select_model(current)):
            self.models.setCurrentRow(0)

    def _card_text(self, card: Any) -> str:
        facts = self._facts
        if facts is not None:
            from core.models import params_for_dataset

            try:
                count = params_for_dataset(card.name, facts.unit_types, facts.wordpiece_types, len(facts.labels),
                                           pretrained=self._weights.get(card.name, False))
                size = self.tr("%1 parameters for this dataset").replace("%1", f"{count:,}")
            except (KeyError, ValueError):
                size = self.tr("%1 parameters").replace("%1", format_count(card.params))
        else:
            size = self.tr("%1 parameters").replace("%1", format_count(card.params))
        details = [size]
        need = catalogue.memory_estimate(card.name, 32, 128)
        if need:
            details.append(self.tr("GPU memory ≈ %1").replace("%1", format_bytes(need)))
        return "\n".join([card.display_name, " · ".join(details)] + ([card.speed_hint] if card.speed_hint else []))

    def _refresh_card_texts(self) -> None:
        for row, card in enumerate(self._cards):
            if row < self.models.count():
                self.models.item(row).setText(self._card_text(card))

    def refresh_weights(self) -> None:
        """Models were imported (Settings → Models): look again which ERNIE weights are here."""
        run_task(self._stored_and_weights, self.workspace, self.runner_kind(), owner=self, slot="weights",
                 on_done=self._apply_weights, on_error=self.banner.show_error)

    @staticmethod
    def _stored_and_weights(workspace: Any, runner: str) -> tuple[list[str], dict[str, bool]]:
        from core.model_store import stored_models

        return [m.name for m in stored_models(workspace)], weights_here(workspace, runner)

    def _apply_weights(self, result: tuple[list[str], dict[str, bool]]) -> None:
        stored, self._weights = result
        from core.models import list_models

        shown = {m.name for m in list_models()}
        imported = [name for name in stored if name not in shown]
        if imported != self._imported:
            self._imported = imported
            self._load_models()
        self._refresh_card_texts()
        self._schedule_estimate()

    # -- reactions --------------------------------------------------------------------------------
    def _dataset_changed(self) -> None:
        spec = self.dataset
        if spec is not None and spec is self._facts_spec:
            self._schedule_estimate()  # the same dataset: its facts stand
            return
        self._facts = self._facts_spec = None
        self._refresh_card_texts()
        if spec is None or not spec.train:
            self._schedule_estimate()
            return
        # owner: a worker may answer after the page closed; slot: only the latest dataset's facts count
        run_task(facts_for, spec, self.workspace, self.runner_kind(), self.seed.value(), owner=self, slot="facts",
                 on_done=self._apply_facts, on_error=lambda _exc: self._schedule_estimate())

    def _apply_facts(self, result: tuple[Any, Any, dict[str, bool]]) -> None:
        spec, facts, weights = result
        if spec is not self.dataset:
            return  # another dataset was chosen meanwhile
        self._facts, self._facts_spec, self._weights = facts, spec, weights
        self._refresh_card_texts()
        self._schedule_estimate()

    def _model_changed(self) -> None:
        from core.models import get_model

        try:
            ernie = get_model(self.model_name()).family == "ernie"
        except ValueError:
            ernie = False
        if not ernie:
            self.weights_warning.hide()  # nothing to look up: no stale warning meanwhile
        self._schedule_estimate()

    def _schedule_estimate(self) -> None:
        if not self._filling:
            self._estimate_timer.start()

    def _run_estimate(self) -> None:
        numbers = (self.epochs.value(), self.batch_size.value(), self.max_steps.value(), self.max_seq_len.value())
        run_task(estimate_for, self.model_name(), self._facts, numbers, bool(self.devices_chosen()),
                 self.workspace, self.runner_kind(),
                 owner=self, slot="estimate", on_done=self._show_estimate, on_error=lambda _exc: None)

    def _show_estimate(self, result: dict[str, Any]) -> None:
        self.weights_warning.setText(self.tr(
            "No pretrained weights here: this trains from random weights, expect much lower accuracy — "
            "import weights or connect"))
        self.weights_warning.setVisible(not result["weights"])
        guess = result["estimate"]
        if guess is None:
            self.estimate_label.setText(self.tr("The expected training time appears once a dataset is chosen."))
        else:
            device = self.tr("a GPU") if guess.gpu else self.tr("the CPU")
            source = (self.tr("speed measured in run %1").replace("%1", guess.from_run) if guess.from_run
                      else self.tr("catalogue speed"))
            self.estimate_label.setText(
                self.tr("Expected time on %1: ≈ %2 (%3 samples/s, %4)").replace("%1", device)
                .replace("%2", format_duration(guess.seconds))
                .replace("%3", f"{guess.samples_per_s:.3g}").replace("%4", source))
        self.estimate_shown_for = result["model"]
