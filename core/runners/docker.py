"""DockerRunner: the trainer in a Paddle container, driven through docker-py.

Same contract as the local runner: the trainer writes events.jsonl and train.log into its run
folder, which is bind-mounted read-write, so ``core.runs.RunFollower`` follows a container run
exactly like a local one, and nothing is lost while the app is closed. The container's own
command appends its output to ``<run>/train.log`` (not to Docker's log driver), so the log is
complete even when nobody was attached and after the container is removed.

Mounts: the trainer code (core/trainer) read-only at /opt/paddledesk/trainer, the run folder
read-write at /workspace/run, its data/ read-only over that, and a shared cache folder for
pretrained weights (PPNLP_HOME). The container runs as the host user's uid:gid (never root:
see container_limits) with every capability dropped and no-new-privileges, a read-only root
filesystem with a tmpfs /tmp, memory and pids limits, under Docker's init (tini) so SIGTERM reaches
the trainer and every data-parallel worker. Only containers with ``paddledesk.*`` labels are touched.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from core.docker.engine import connect, engine_url, image_present
from core.docker.images import DEFAULT_BASE_IMAGE, trainer_image_tag
from core.jobs import JobSpec
from core.messages import say
from core.runners.base import Runner, RunnerError, record_missing_outcome, run_end_lock
from core.runners.container_limits import (
    DEFAULT_PIDS_LIMIT,
    TMPFS,
    container_user,
    default_memory_limit,
    hand_folders_to,
    memory_text,
    parse_memory,
    read_only_root_env,
)
from core.runners.docker_command import (  # noqa: F401 - container_command, job_on_cpu are re-exported
    C_CACHE,
    C_ROOT,
    C_RUN,
    C_TRAINER,
    TRAINER_DIR,
    container_command,
    job_on_cpu,
)
from core.runners.docker_containers import (  # noqa: F401 - the labels are re-exported
    LABEL_ROLE,
    LABEL_RUN,
    LABEL_RUN_DIR,
    LABEL_WORKSPACE,
    ROLE,
)
from core.runners.docker_containers import remove_quietly as _remove_quietly
from core.runners.docker_errors import (  # noqa: F401 - EXIT_INTERRUPTED is re-exported
    EXIT_INTERRUPTED,
    engine_gone,
    engine_unreachable,
    exit_error,
    explain,
)
from core.runs import Run, Workspace

GPU_DRIVER_ERROR = 'could not select device driver'


class DockerRunner(Runner):
    """Runs the trainer in a container on a Docker engine on this computer."""

    kind = "docker"

    def __init__(self, engine: str | None = None, image: str | None = None,
                 base_image: str = DEFAULT_BASE_IMAGE, user: str | None = None,
                 cache_dir: str | Path | None = None, shm_size: str = "2g",
                 network: str | None = None, mem_limit: str | None = None, client: Any = None,
                 trainer_dir: str | Path | None = None, extra_env: dict[str, str] | None = None,
                 pids_limit: int | None = None):
        """``image``: trainer image tag (default: the one built for ``base_image``);
        ``user``: "uid:gid" (default: this process's; root becomes an unprivileged uid);
        ``mem_limit``/``pids_limit``: defaults for jobs that set none (else a share of the
        engine's memory, and DEFAULT_PIDS_LIMIT); ``network``: Docker network mode
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
        self.pids_limit = pids_limit
        self._engine_memory: int | None = None
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
        from docker.types import DeviceRequest

        job = run.job()
        workspace_root = run.path.parent.parent
        mounts = self.mounts_for(run)
        devices = [] if export_only else job.runner.devices  # exporting runs on the CPU
        config: dict[str, Any] = dict(
            image=self.image_for(job),
            command=container_command(run, resume, export_only),
            name=f"paddledesk-{run.id}-{int(time.time() * 1000) % 10**8}",
            labels={LABEL_ROLE: ROLE, LABEL_RUN: run.id, LABEL_RUN_DIR: str(run.path.resolve()),
                    LABEL_WORKSPACE: str(workspace_root.resolve())},
            environment={
                "PYTHONPATH": C_ROOT, "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1",
                **read_only_root_env(),
                "PPNLP_HOME": f"{C_CACHE}/paddlenlp", "HF_HOME": f"{C_CACHE}/huggingface",
                "TINI_KILL_PROCESS_GROUP": "1",  # SIGTERM reaches every data-parallel worker
                **self.extra_env,
            },
            mounts=mounts,
            working_dir=C_RUN,
            user=container_user(self.user),
            cap_drop=["ALL"],
            read_only=True,  # the trainer writes only its run folder, the cache and /tmp
            tmpfs=dict(TMPFS),
            security_opt=["no-new-privileges"],
            shm_size=self.shm_size,
            init=True,
            network_mode=self.network or ("none" if export_only else self._network_for(job)),
            detach=True,
        )
        memory = self.memory_limit_for(job)
        # no swap on top: a trainer over its limit is OOM-killed and named, not slowed to a crawl
        config.update(mem_limit=memory, memswap_limit=memory, pids_limit=self.pids_limit_for(job))
        if devices:
            config["device_requests"] = [DeviceRequest(device_ids=[str(i) for i in devices],
                                                       capabilities=[["gpu"]])]
        return config

    def mounts_for(self, run: Run) -> list[Any]:
        """Bind mounts: the trainer code, the run folder, its data read-only, the weights cache."""
        from docker.types import Mount

        job = run.job()
        cache = self.cache_folder(run)
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
        return mounts

    def prepare_folders(self, run: Run, config: dict[str, Any], resume: bool, export_only: bool) -> dict[str, Any]:
        """Make the run's folders usable by the container's user before the start (an app run as
        root hands them over); more for runner.json."""
        hand_folders_to(config["user"], run.path, self.cache_folder(run))
        return {}

    def cache_folder(self, run: Run) -> Path:
        """The shared folder for pretrained weights (PPNLP_HOME) mounted into the container."""
        return self.cache_dir or run.path.parent.parent / "cache"

    def memory_limit_for(self, job: JobSpec) -> int:
        """Bytes of memory the job's container may use: the job's limit, the runner's, else a
        share of the engine's memory."""
        chosen = job.runner.memory_limit or self.mem_limit
        if chosen:
            return parse_memory(chosen)
        if self._engine_memory is None:
            try:
                self._engine_memory = int(self.client.info().get("MemTotal") or 0)
            except Exception:  # an engine that cannot say: this machine's memory
                self._engine_memory = 0
        return default_memory_limit(self._engine_memory)

    def pids_limit_for(self, job: JobSpec) -> int:
        return job.runner.pids_limit or self.pids_limit or DEFAULT_PIDS_LIMIT

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
            raise RunnerError(say("docker.image-missing", "The trainer image {image} is not on the Docker engine.",
                                  image=image),
                              say("docker.hint-build", "Build it in Settings → Docker (it is built from the Paddle "
                                  "base image)."), kind="image-missing")
        extra_info = self.prepare_folders(run, config, resume, export_only)
        try:
            container = client.containers.create(**config)
        except docker.errors.APIError as exc:
            raise RunnerError(f"Docker could not create the training container: {explain(exc)}",
                              kind="engine-error") from None
        try:
            container.start()
        except docker.errors.APIError as exc:
            # a failed start leaves the created container behind: remove it
            _remove_quietly(container)
            text = explain(exc)
            if GPU_DRIVER_ERROR in text or "nvidia-container-cli" in text:
                raise RunnerError(
                    say("docker.no-gpu-runtime", "This Docker engine cannot give GPUs to containers ({error}).",
                        error=text),
                    say("docker.hint-gpu-runtime", "Install the NVIDIA Container Toolkit and restart Docker "
                        "(https://docs.nvidia.com/datacenter/cloud-native/container-toolkit/), "
                        "or run this job on the CPU instead."),
                    kind="nvidia-runtime-missing") from None
            raise RunnerError(f"Docker could not start the training container: {text}",
                              kind="engine-error") from None
        run.write_runner_info({
            "kind": self.kind, "engine": self.engine, "container_id": container.id,
            "container_name": config["name"], "image": image, "user": config["user"],
            "devices": [] if export_only else run.job().runner.devices, "started": time.time(),
            "resume": resume, "export_only": export_only, "command": config["command"],
            "memory_limit": config["mem_limit"], "pids_limit": config["pids_limit"], "state": "running",
            **extra_info})
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
    def container_of(self, run: Run) -> Any | None:
        """The container runner.json names, when it exists and carries our labels; RunnerError
        (engine-not-running) when the engine does not answer."""
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
            raise engine_unreachable(exc) if engine_gone(exc) else exc from None
        # runner.json is only a file: act on the container only when it carries our labels
        labels = container.labels or {}
        if labels.get(LABEL_ROLE) != ROLE or labels.get(LABEL_RUN_DIR) != str(run.path.resolve()):
            return None
        return container

    def _containers(self, labels: dict[str, str] | None = None) -> list[Any]:
        """Our containers (role label set), optionally narrowed by more labels."""
        wanted = [f"{LABEL_ROLE}={ROLE}"] + [f"{k}={v}" for k, v in (labels or {}).items()]
        try:
            return self.client.containers.list(ignore_removed=True, all=True, filters={"label": wanted})
        except Exception as exc:
            raise engine_unreachable(exc) if engine_gone(exc) else exc from None

    def is_running(self, run: Run) -> bool:
        if run.runner_info().get("kind") != self.kind:
            return False
        try:
            container = self.container_of(run)
        except RunnerError:  # engine gone: its containers are gone too
            return False
        return container is not None and container.status in ("created", "running", "restarting")

    def wait(self, run: Run, timeout: float | None = None) -> int | None:
        import docker
        import requests

        container = self.container_of(run)
        if container is not None:
            try:
                container.wait(timeout=timeout)
            except (requests.exceptions.ReadTimeout, requests.exceptions.ConnectionError):
                return None
            except docker.errors.NotFound:
                pass  # the reaper thread collected and removed it meanwhile: runner.json has the end
            self.collect(run)
        return run.runner_info().get("exit_code")

    def stop(self, run: Run, timeout: float = 15.0) -> None:
        """SIGTERM (the trainer checkpoints and exits 3), SIGKILL after ``timeout`` seconds."""
        import docker

        container = self.container_of(run)
        if container is None:
            return
        try:
            container.stop(timeout=max(1, int(round(timeout))))
        except docker.errors.NotFound:
            pass
        self.wait(run, 30)

    def stopped_container(self, run: Run, container: Any = None) -> tuple[Any, int | None]:
        """(the run's container, reloaded, None) once it has stopped; else (None, what collect
        answers now): the recorded exit code when the container is gone, None while it runs."""
        import docker

        container = container or self.container_of(run)
        if container is None:
            return None, run.runner_info().get("exit_code")
        try:
            container.reload()
        except docker.errors.NotFound:
            return None, run.runner_info().get("exit_code")
        if container.attrs.get("State", {}).get("Running"):
            return None, None
        return container, None

    def collect(self, run: Run, container: Any = None) -> int | None:
        """Record how a finished container ended into runner.json (and an error event when the
        trainer could not write one: OOM kill, crash), then remove it. Returns the exit code."""
        container, answer = self.stopped_container(run, container)
        if container is None:
            return answer
        state = container.attrs.get("State", {})
        code = int(state.get("ExitCode", -1))
        oom = bool(state.get("OOMKilled"))
        with run_end_lock(run):  # the reaper thread, a listing and another process may collect at once
            info = run.runner_info()
            if info.get("container_id") == container.id and info.get("state") != "exited":
                info.update(state="exited", exit_code=code, oom_killed=oom, ended=time.time(),
                            engine_error=state.get("Error") or "")
                run.write_runner_info(info)
                limit = memory_text(info["memory_limit"]) if info.get("memory_limit") else ""
                if not (info.get("export_only") and code == 0):  # a clean re-export has no outcome event
                    record_missing_outcome(run, code, killed=code == 137, oom=oom, memory_limit=limit)
        _remove_quietly(container)
        return code

    def exit_error(self, run: Run) -> RunnerError | None:
        """The named error for how the container ended (None for success or a requested stop)."""
        return exit_error(run, self.kind)

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
