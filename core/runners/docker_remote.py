"""RemoteDockerRunner: the trainer on an engine that cannot see this computer's files.

Instead of bind mounts, the run lives in a named volume on the engine (core.remote.volume): the
inputs are copied in before the start, the trainer writes its run folder there, and the app
mirrors events.jsonl and train.log back while it runs (core.remote.mirror). When the container
ends, the rest of both files and export/ are copied back, then the container is removed; the
volume stays (checkpoints for Resume) until the run is deleted (``delete_remote``). Reattach,
Stop, Resume and Export again work as for the local engine: containers are found by label.
"""

from __future__ import annotations

import threading
from typing import Any

from core.docker.engine import CONNECT_TIMEOUT
from core.docker.engines import stream_client
from core.events import read_events
from core.remote.mirror import RunMirror
from core.remote.volume import (
    V_CACHE,
    V_CODE,
    V_ROOT,
    V_RUN,
    copy_tree_back,
    ensure_volume,
    inputs_archive,
    put_inputs,
    remove_volume,
    volume_name,
)
from core.runners.base import RunnerError
from core.runners.container_limits import ROOT_MAPPED_USER
from core.runners.docker import DockerRunner
from core.runners.docker_command import container_command
from core.runs import Run, Workspace

LABEL_VOLUME = "paddledesk.volume"
LABEL_ENGINE = "paddledesk.engine"

_MIRRORS: dict[str, RunMirror] = {}  # run folder -> its live mirror, for every runner of this process
_MIRRORS_LOCK = threading.Lock()
_SYNC_LOCKS: dict[str, threading.Lock] = {}


def _sync_lock(key: str) -> threading.Lock:
    with _MIRRORS_LOCK:
        return _SYNC_LOCKS.setdefault(key, threading.Lock())


class RemoteDockerRunner(DockerRunner):
    """The Docker runner for ssh:// and tcp:// engines: a volume per run, mirrored back."""

    def container_config(self, run: Run, resume: bool = False, export_only: bool = False) -> dict[str, Any]:
        if run.job().model.pretrained:
            raise RunnerError(
                f"The pretrained weights folder {run.job().model.pretrained} is on this computer; the engine "
                f"{self.engine} cannot see it.",
                "Train on this computer's engine, or choose the model by name so the engine downloads it.",
                kind="config")
        config = super().container_config(run, resume, export_only)
        config["command"] = container_command(run, resume, export_only, trainer_dir=f"{V_CODE}/trainer")
        config["labels"].update({LABEL_VOLUME: volume_name(run), LABEL_ENGINE: self.engine})
        config["environment"].update(PYTHONPATH=V_CODE, PPNLP_HOME=f"{V_CACHE}/paddlenlp",
                                     HF_HOME=f"{V_CACHE}/huggingface")
        # no host user to match on another computer: a fixed unprivileged uid owns the volume's run/
        config["user"] = self.user or ROOT_MAPPED_USER
        config["working_dir"] = V_RUN
        return config

    def mounts_for(self, run: Run) -> list[Any]:
        from docker.types import Mount

        return [Mount(V_ROOT, volume_name(run), type="volume")]  # nothing of this computer

    def prepare_folders(self, run: Run, config: dict[str, Any], resume: bool, export_only: bool) -> dict[str, Any]:
        """Copy the inputs into the run's volume (the data only the first time: it never changes)."""
        volume = ensure_volume(self.client, run)
        first = not (resume or export_only)
        put_inputs(self.client, volume, config["image"],
                   inputs_archive(run, self.trainer_dir, config["user"], with_data=first))
        return {"volume": volume, "remote": True}

    def _reap(self, run: Run, container_id: str) -> None:
        self.mirror(run)  # before waiting: the events flow while the trainer runs
        super()._reap(run, container_id)

    def watch(self, run: Run) -> bool:
        """Reattach: mirror a still running container's files again (from where the local copies
        end) and record its end when it stops. False when it is already watched or not running."""
        key = str(run.path.resolve())
        current = _MIRRORS.get(key)
        if current is not None and not current.finished.is_set():
            return False
        container = self.container_of(run)
        if container is None or container.status not in ("running", "restarting"):
            return False
        threading.Thread(target=self._reap, args=(run, container.id), daemon=True, name=f"reap-{run.id}").start()
        return True

    def mirror(self, run: Run, container: Any = None) -> RunMirror | None:
        """The live mirror of ``run`` (started when missing and the container exists)."""
        key = str(run.path.resolve())
        with _MIRRORS_LOCK:
            current = _MIRRORS.get(key)
            if current is not None and not current.finished.is_set():
                return current
            container = container or self.container_of(run)
            if container is None:
                return None
            cid = container.id
            mirror = RunMirror(run, container, alive=lambda: self._container_runs(cid),
                               stream_client=lambda: stream_client(self.client, self.engine, CONNECT_TIMEOUT)).start()
            _MIRRORS[key] = mirror
            return mirror

    def _container_runs(self, container_id: str) -> bool:
        import docker

        try:
            return self.client.containers.get(container_id).status in ("created", "running", "restarting")
        except docker.errors.NotFound:
            return False

    def is_running(self, run: Run) -> bool:
        """Running until the container ended and the local mirror holds everything it wrote."""
        mirror = _MIRRORS.get(str(run.path.resolve()))
        if mirror is not None and not mirror.finished.is_set():
            return True
        return super().is_running(run)

    def collect(self, run: Run, container: Any = None) -> int | None:
        """Copy back the rest of events.jsonl and train.log and export/, then record the end."""
        container, answer = self.stopped_container(run, container)
        if container is None:
            return answer
        key = str(run.path.resolve())
        mirror = _MIRRORS.get(key) or RunMirror(run, container, alive=lambda: False)
        with _sync_lock(key):  # the reaper, wait() and a listing may collect at once
            mirror.wait_streams(10)
            mirror.catch_up(container)
            if any(e.get("type") == "export" for e in read_events(run.events_file)):
                copy_tree_back(container, f"{V_RUN}/export", run.export_dir)
            try:
                return super().collect(run, container)
            finally:
                mirror.finished.set()

    def find_running(self, workspace: Workspace) -> list[Run]:
        """Runs whose container still runs on this engine (found by label); each is watched again."""
        running = super().find_running(workspace)
        for run in running:
            self.watch(run)
        return running

    def fetch_export(self, run: Run) -> bool:
        """Copy export/ back from the run's volume again (Export again, or a lost local copy)."""
        from core.remote.volume import helper

        with helper(self.client, volume_name(run), self.image_for(run.job())) as box:
            return copy_tree_back(box, f"{V_RUN}/export", run.export_dir)

    def delete_remote(self, run: Run) -> bool:
        """Remove the run's volume from the engine (its checkpoints and export go with it)."""
        if self.is_running(run):
            raise RunnerError(f"run {run.id} is still running on {self.engine}", "stop it first", kind="busy")
        return remove_volume(self.client, run)

    def containers(self) -> list[dict[str, Any]]:
        rows = super().containers()
        for row in rows:
            row["engine"] = self.engine
        return rows


def is_remote_run(run: Run) -> bool:
    """Whether runner.json says the run's folder lives in a volume on its engine."""
    return bool(run.runner_info().get("remote"))




def docker_runner(engine: str | None = None, **options: Any) -> DockerRunner:
    """The Docker runner for an engine address: bind mounts for a socket of this computer, a
    volume per run for any other (ssh://, tcp://)."""
    from core.docker.engine import engine_url
    from core.docker.engines import shares_files

    url = engine_url(engine)
    return DockerRunner(engine=url, **options) if shares_files(url) else RemoteDockerRunner(engine=url, **options)


def forget_remote_volumes(folder: Any) -> int:
    """Remove the engine volumes of the run folder ``folder`` (runner.json names engines and the
    volume): called when a deleted run is erased for good. Engines that do not answer keep theirs
    (labelled with the run, so they can be found later). How many were removed."""
    import json
    from pathlib import Path

    import docker

    try:
        info = json.loads((Path(folder) / "runner.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if not info.get("remote") or not info.get("volume"):
        return 0
    removed = 0
    for engine in info.get("engines") or [info.get("engine")]:
        try:
            client = RemoteDockerRunner(engine=engine).client
            volume = client.volumes.get(info["volume"])
            if (volume.attrs.get("Labels") or {}).get("paddledesk.role") == "run-volume":
                volume.remove(force=True)
                removed += 1
        except (RunnerError, docker.errors.DockerException):
            continue
    return removed
