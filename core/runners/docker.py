"""DockerRunner: the trainer in a Paddle container, driven through docker-py.

Same contract as the local runner: the trainer writes events.jsonl and train.log into its run
folder, which is bind-mounted read-write, so ``core.runs.RunFollower`` follows a container run
exactly like a local one, and nothing is lost while the app is closed. The container's own
command appends its output to ``<run>/train.log`` (not to Docker's log driver), so the log is
complete even when nobody was attached and after the container is removed.

Mounts: the trainer code (core/trainer) read-only at /opt/paddledesk/trainer, the run folder
read-write at /workspace/run, its data/ read-only over that, and a shared cache folder for
pretrained weights (PPNLP_HOME). The container runs as the host user's uid:gid with every
capability dropped and no-new-privileges, under Docker's init (tini) so SIGTERM reaches the
trainer and every data-parallel worker. It carries ``paddledesk.*`` labels: only containers
with them are ever listed, stopped or removed.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from core.docker.engine import connect, engine_url, image_present
from core.docker.images import DEFAULT_BASE_IMAGE, trainer_image_tag
from core.events import RunHistory
from core.jobs import JobSpec
from core.runners.base import Runner, RunnerError, record_missing_outcome, tail_lines
from core.runs import Run, Workspace

TRAINER_DIR = Path(__file__).resolve().parents[1] / "trainer"
C_ROOT = "/opt/paddledesk"  # on PYTHONPATH, so `python -m trainer` finds the mounted code
C_TRAINER = f"{C_ROOT}/trainer"
C_CACHE = f"{C_ROOT}/cache"
C_RUN = "/workspace/run"

LABEL_ROLE = "paddledesk.role"  # "train" on every container this runner starts
LABEL_RUN = "paddledesk.run"  # the run id
LABEL_RUN_DIR = "paddledesk.run_dir"  # the run folder on the host
LABEL_WORKSPACE = "paddledesk.workspace"  # the workspace folder on the host
ROLE = "train"

GPU_DRIVER_ERROR = 'could not select device driver'
EXIT_INTERRUPTED = 3  # the trainer's code for "stopped by SIGTERM after a checkpoint"
_COLLECT_LOCK = threading.Lock()  # the reaper thread and find_running() may collect at once


def container_command(run: Run, resume: bool, export_only: bool = False) -> list[str]:
    """The command run inside the container; its output goes into the run folder's train.log."""
    job = run.job()
    args = ["--job", f"{C_RUN}/job.json", "--run-dir", C_RUN, "--data-dir", f"{C_RUN}/data"]
    if resume:
        args.append("--resume")
    if export_only:
        args.append("--export-only")
    devices = [] if export_only else job.runner.devices
    # a failed worker is the user's to see, not for launch to restart three times
    launch = ["python", "-m", "paddle.distributed.launch", "--log_dir", f"{C_RUN}/dist_logs",
              "--max_restart", "0"]
    entry = f"{C_TRAINER}/__main__.py"  # paddle.distributed.launch wants a script path
    if len(devices) > 1:
        # the engine hands the chosen GPUs to the container numbered from 0
        cmd = [*launch, "--devices", ",".join(str(i) for i in range(len(devices))), entry, *args]
    elif not devices and job.runner.nproc > 1 and not export_only:
        cmd = [*launch, "--nproc_per_node", str(job.runner.nproc), entry, *args]
    else:
        cmd = ["python", "-m", "trainer", *args]
    # sh only sets up the redirection, then becomes the trainer (exec): no extra process to signal
    return ["sh", "-c", f'exec "$@" >>{C_RUN}/train.log 2>&1', "paddledesk-trainer", *cmd]


def job_on_cpu(job: JobSpec) -> JobSpec:
    """A copy of ``job`` without GPUs: what to offer when the engine has no NVIDIA runtime."""
    return replace(job, runner=replace(job.runner, devices=[]))


class DockerRunner(Runner):
    """Runs the trainer in a container on a Docker engine on this computer."""

    kind = "docker"

    def __init__(self, engine: str | None = None, image: str | None = None,
                 base_image: str = DEFAULT_BASE_IMAGE, user: str | None = None,
                 cache_dir: str | Path | None = None, shm_size: str = "2g",
                 network: str | None = None, mem_limit: str | None = None, client: Any = None,
                 trainer_dir: str | Path | None = None, extra_env: dict[str, str] | None = None):
        """``image``: trainer image tag (default: the one built for ``base_image``);
        ``user``: "uid:gid" (default: this process's); ``network``: Docker network mode
        (default: "none" unless the job may download pretrained weights or runs several processes);
        ``extra_env``: more environment for the trainer (e.g. a proxy for downloads).
        """
        self.engine = engine_url(engine)
        self.image = image
        self.base_image = base_image
        self.user = user
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self.shm_size = shm_size
        self.network = network
        self.mem_limit = mem_limit
        self.trainer_dir = Path(trainer_dir) if trainer_dir else TRAINER_DIR
        self.extra_env = dict(extra_env or {})
        self._client = client
        self._lock = threading.Lock()

    # -- engine -----------------------------------------------------------------------------------
    @property
    def client(self) -> Any:
        """The docker-py client (connected on first use)."""
        with self._lock:
            if self._client is None:
                self._client = connect(self.engine)
            return self._client

    def image_for(self, job: JobSpec) -> str:
        """The trainer image a job runs in."""
        return job.runner.image or self.image or trainer_image_tag(self.base_image)

    # -- start --------------------------------------------------------------------------------------
    def container_config(self, run: Run, resume: bool = False, export_only: bool = False) -> dict[str, Any]:
        """Everything ``containers.create`` gets for ``run`` (tests inspect it)."""
        from docker.types import DeviceRequest, Mount

        job = run.job()
        workspace_root = run.path.parent.parent
        cache = self.cache_dir or workspace_root / "cache"
        cache.mkdir(parents=True, exist_ok=True)
        run.data_dir.mkdir(exist_ok=True)
        mounts = [
            Mount(C_TRAINER, str(self.trainer_dir), type="bind", read_only=True),
            Mount(C_RUN, str(run.path.resolve()), type="bind"),
            Mount(f"{C_RUN}/data", str(run.data_dir.resolve()), type="bind", read_only=True),
            Mount(C_CACHE, str(cache.resolve()), type="bind"),
        ]
        pretrained = job.model.pretrained
        if pretrained and Path(pretrained).is_dir():
            # job.json names the host path; mount it at the same path so the trainer finds it
            mounts.append(Mount(str(Path(pretrained).resolve()), str(Path(pretrained).resolve()),
                                type="bind", read_only=True))
        devices = [] if export_only else job.runner.devices  # exporting runs on the CPU
        config: dict[str, Any] = dict(
            image=self.image_for(job),
            command=container_command(run, resume, export_only),
            name=f"paddledesk-{run.id}-{int(time.time() * 1000) % 10**8}",
            labels={LABEL_ROLE: ROLE, LABEL_RUN: run.id, LABEL_RUN_DIR: str(run.path.resolve()),
                    LABEL_WORKSPACE: str(workspace_root.resolve())},
            environment={
                "PYTHONPATH": C_ROOT, "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1",
                "HOME": "/tmp",  # the host uid has no home in the image
                "PPNLP_HOME": f"{C_CACHE}/paddlenlp", "HF_HOME": f"{C_CACHE}/huggingface",
                "TINI_KILL_PROCESS_GROUP": "1",  # SIGTERM reaches every data-parallel worker
                **self.extra_env,
            },
            mounts=mounts,
            working_dir=C_RUN,
            user=self.user or _host_user(),
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            shm_size=self.shm_size,
            init=True,
            network_mode=self.network or ("none" if export_only else self._network_for(job)),
            detach=True,
        )
        if self.mem_limit:
            config["mem_limit"] = self.mem_limit
        if devices:
            config["device_requests"] = [DeviceRequest(device_ids=[str(i) for i in devices],
                                                       capabilities=[["gpu"]])]
        return config

    @staticmethod
    def _network_for(job: JobSpec) -> str:
        # pretrained ERNIE weights download by name; data-parallel workers rendezvous over TCP
        downloads = job.model.name.startswith("ernie") and not job.model.pretrained
        return "bridge" if downloads or job.runner.nproc > 1 or len(job.runner.devices) > 1 else "none"

    def start(self, run: Run, resume: bool = False, export_only: bool = False) -> None:
        """Create and start the container for ``run``; named RunnerError when that cannot be done."""
        import docker

        if self.is_running(run):
            raise RunnerError(f"run {run.id} is already running", "stop it first, or wait for it to end",
                              kind="busy")
        client = self.client
        self._collect_previous(run)
        config = self.container_config(run, resume, export_only)
        image = config["image"]
        if not image_present(client, image):
            raise RunnerError(f"The trainer image {image} is not on the Docker engine.",
                              "Build it in Settings → Docker (it is built from the Paddle base image).",
                              kind="image-missing")
        try:
            container = client.containers.create(**config)
        except docker.errors.APIError as exc:
            raise RunnerError(f"Docker could not create the training container: {_explain(exc)}",
                              kind="engine-error") from None
        try:
            container.start()
        except docker.errors.APIError as exc:
            # a failed start leaves the created container behind: remove it
            _remove_quietly(container)
            text = _explain(exc)
            if GPU_DRIVER_ERROR in text or "nvidia-container-cli" in text:
                raise RunnerError(
                    f"This Docker engine cannot give GPUs to containers ({text}).",
                    "Install the NVIDIA Container Toolkit and restart Docker "
                    "(https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/), "
                    "or run this job on the CPU instead.",
                    kind="nvidia-runtime-missing") from None
            raise RunnerError(f"Docker could not start the training container: {text}",
                              kind="engine-error") from None
        run.write_runner_info({
            "kind": self.kind, "engine": self.engine, "container_id": container.id,
            "container_name": config["name"], "image": image, "user": config["user"],
            "devices": [] if export_only else run.job().runner.devices, "started": time.time(),
            "resume": resume, "export_only": export_only, "command": config["command"], "state": "running"})
        threading.Thread(target=self._reap, args=(run, container.id), daemon=True,
                         name=f"reap-{run.id}").start()

    def _reap(self, run: Run, container_id: str) -> None:
        """Record the end of the container (exit code, OOM) and remove it, while the app runs."""
        try:
            self.client.api.wait(container_id, timeout=None)
        except Exception:  # the engine went away: find_running() collects it later
            return
        self.collect(run)

    def _collect_previous(self, run: Run) -> None:
        """A resumed run's old container is collected before the new one starts."""
        for container in self._containers({LABEL_RUN_DIR: str(run.path.resolve())}):
            if container.status in ("exited", "dead", "created"):
                self.collect(run, container)

    # -- state --------------------------------------------------------------------------------------
    def _container(self, run: Run) -> Any | None:
        import docker

        info = run.runner_info()
        cid = info.get("container_id")
        if info.get("kind") != self.kind or not cid:
            return None
        try:
            container = self.client.containers.get(cid)
        except docker.errors.NotFound:
            return None
        except Exception as exc:
            raise _engine_unreachable(exc) if _engine_gone(exc) else exc from None
        # runner.json is only a file: act on the container only when it carries our labels
        labels = container.labels or {}
        if labels.get(LABEL_ROLE) != ROLE or labels.get(LABEL_RUN_DIR) != str(run.path.resolve()):
            return None
        return container

    def _containers(self, labels: dict[str, str] | None = None) -> list[Any]:
        """Our containers (role label set), optionally narrowed by more labels."""
        wanted = [f"{LABEL_ROLE}={ROLE}"] + [f"{k}={v}" for k, v in (labels or {}).items()]
        try:
            return self.client.containers.list(all=True, filters={"label": wanted})
        except Exception as exc:
            raise _engine_unreachable(exc) if _engine_gone(exc) else exc from None

    def is_running(self, run: Run) -> bool:
        if run.runner_info().get("kind") != self.kind:
            return False
        try:
            container = self._container(run)
        except RunnerError:  # engine gone: its containers are gone too
            return False
        return container is not None and container.status in ("created", "running", "restarting")

    def wait(self, run: Run, timeout: float | None = None) -> int | None:
        import requests

        container = self._container(run)
        if container is not None:
            try:
                container.wait(timeout=timeout)
            except (requests.exceptions.ReadTimeout, requests.exceptions.ConnectionError):
                return None
            self.collect(run)
        return run.runner_info().get("exit_code")

    def stop(self, run: Run, timeout: float = 15.0) -> None:
        """SIGTERM (the trainer checkpoints and exits 3), SIGKILL after ``timeout`` seconds."""
        import docker

        container = self._container(run)
        if container is None:
            return
        try:
            container.stop(timeout=max(1, int(round(timeout))))
        except docker.errors.NotFound:
            pass
        self.wait(run, 30)

    def collect(self, run: Run, container: Any = None) -> int | None:
        """Record how a finished container ended into runner.json (and an error event when the
        trainer could not write one: OOM kill, crash), then remove it. Returns the exit code."""
        import docker

        container = container or self._container(run)
        if container is None:
            return run.runner_info().get("exit_code")
        try:
            container.reload()
        except docker.errors.NotFound:
            return run.runner_info().get("exit_code")
        state = container.attrs.get("State", {})
        if state.get("Running"):
            return None
        code = int(state.get("ExitCode", -1))
        oom = bool(state.get("OOMKilled"))
        with _COLLECT_LOCK:
            info = run.runner_info()
            if info.get("container_id") == container.id and info.get("state") != "exited":
                info.update(state="exited", exit_code=code, oom_killed=oom, ended=time.time(),
                            engine_error=state.get("Error") or "")
                run.write_runner_info(info)
                if not (info.get("export_only") and code == 0):  # a clean re-export has no outcome event
                    record_missing_outcome(run, code, killed=code == 137, oom=oom)
        _remove_quietly(container)
        return code

    def exit_error(self, run: Run) -> RunnerError | None:
        """The named error for how the container ended (None for success or a requested stop)."""
        info = run.runner_info()
        if info.get("kind") != self.kind or info.get("state") != "exited":
            return None
        code = info.get("exit_code")
        tail = "\n".join(tail_lines(run.log_file, 15))
        if info.get("oom_killed"):
            return RunnerError(
                "The training container was killed because the computer ran out of memory (OOMKilled).",
                "Use a smaller batch size or maximum length, fewer processes, or give Docker more "
                "memory; Resume continues from the last checkpoint.", kind="oom-killed")
        history = RunHistory.from_file(run.events_file)
        # paddle.distributed.launch exits with the signal number after a stop: trust the events
        if code in (0, EXIT_INTERRUPTED) or history.done is not None or (
                history.error or {}).get("kind") == "interrupted":
            return None
        said = (history.error or {}).get("message", "")
        return _exit_code_error(f"The trainer exited with code {code}" + (f": {said}" if said else "."),
                                   (history.error or {}).get("hint") or
                                   "Read the last lines of the log; Resume continues from the last checkpoint.",
                                   tail)

    def find_running(self, workspace: Workspace) -> list[Run]:
        """Runs of ``workspace`` whose container still runs; finished ones are collected and removed."""
        root = str(workspace.root.resolve())
        found = []
        for container in self._containers({LABEL_WORKSPACE: root}):
            run_dir = Path(container.labels.get(LABEL_RUN_DIR, ""))
            if not (run_dir / "job.json").is_file():
                continue
            run = Run(run_dir)
            if container.status in ("running", "restarting"):
                found.append(run)
            elif container.status in ("exited", "dead"):
                self.collect(run, container)
        return sorted(found, key=lambda r: r.id, reverse=True)

    def containers(self) -> list[dict[str, Any]]:
        """Our containers for a GUI list: id, name, run id, status, image."""
        return [{"id": c.id, "name": c.name, "run": c.labels.get(LABEL_RUN, ""), "status": c.status,
                 "run_dir": c.labels.get(LABEL_RUN_DIR, ""),
                 "image": (c.image.tags or [c.image.short_id])[0] if c.image else ""}
                for c in self._containers()]


def _engine_gone(exc: BaseException) -> bool:
    """An engine that stopped after we connected: a connection error, not an API answer."""
    import requests

    return isinstance(exc, requests.exceptions.ConnectionError)


def _engine_unreachable(exc: BaseException) -> RunnerError:
    return RunnerError(f"The Docker engine stopped answering: {exc}",
                       "Start Docker again; the run folder keeps the training state, and Resume continues it.",
                       kind="engine-not-running")


def _exit_code_error(message: str, hint: str, tail: str) -> RunnerError:
    """An exit-code RunnerError whose message ends with the last log lines."""
    text = message + ("\nLast lines of train.log:\n" + tail if tail else "")
    return RunnerError(text, hint, kind="exit-code")


def _host_user() -> str:
    """uid:gid of this process, so files in the run folder belong to the user ('' on Windows)."""
    if not hasattr(os, "getuid"):
        return ""  # Docker Desktop maps file ownership itself
    return f"{os.getuid()}:{os.getgid()}"


def _explain(exc: Any) -> str:
    return str(getattr(exc, "explanation", None) or exc)


def _remove_quietly(container: Any, timeout: float = 15.0) -> None:
    """Remove a container and wait until it is gone (another collector may be removing it)."""
    import docker

    try:
        container.remove(force=True)
        return
    except docker.errors.NotFound:
        return
    except docker.errors.APIError:
        pass  # "removal already in progress": wait for the other remover to finish
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            container.reload()
        except docker.errors.NotFound:
            return
        time.sleep(0.05)
