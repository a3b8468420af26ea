"""MultiNodeRunner: one data-parallel job across several Docker engines (hosts).

One container per engine, each with host networking and its own run volume (no host shares a
filesystem with another), running ``paddle.distributed.launch --nnodes N --rank i --master
host0:port`` (core.trainer.dist.launch_command): Paddle's launcher does the rendezvous, the
app only starts and watches. Node 0 is an ordinary remote run (runner.json, mirror, export
back); rank 0 of it alone writes events, checkpoints and the export. The other nodes get the
same inputs, and on Resume node 0's last checkpoint first (every rank loads it).
A stop, or any node ending while others run, stops every node: the trainers checkpoint on
SIGTERM when they can, and node 0's last checkpoint is what Resume continues from.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any
from urllib.parse import urlparse

from core.remote.volume import V_CODE, V_RUN, ensure_volume, helper
from core.runners.base import Runner, RunnerError
from core.runners.docker_command import container_command
from core.runners.docker_remote import RemoteDockerRunner
from core.runs import Run, Workspace
from core.trainer.dist import launch_command

LABEL_RANK = "paddledesk.node_rank"
WATCH_INTERVAL = 1.0


class _NodeRunner(RemoteDockerRunner):
    """One node: the remote runner with host networking and the multi-node launch command."""

    def __init__(self, engine: str, rank: int, nnodes: int, master: str, **options: Any):
        super().__init__(engine=engine, **options)
        self.rank, self.nnodes, self.master = rank, nnodes, master

    def container_config(self, run: Run, resume: bool = False, export_only: bool = False) -> dict[str, Any]:
        config = super().container_config(run, resume, export_only)
        if export_only:
            return config  # exporting is one process on node 0
        job = run.job()
        extra = ["--run-dir", V_RUN, "--data-dir", f"{V_RUN}/data", *(["--resume"] if resume else [])]
        launch = launch_command(f"{V_RUN}/job.json", nproc=job.runner.nproc, extra=extra, python="python",
                                gpus=list(range(len(job.runner.devices))), log_dir=f"{V_RUN}/dist_logs",
                                entry=f"{V_CODE}/trainer/__main__.py",
                                nnodes=self.nnodes, rank=self.rank, master=self.master)
        plain = container_command(run, resume, export_only, trainer_dir=f"{V_CODE}/trainer")
        config["command"] = [*plain[:4], *launch]  # the same sh -c '>>train.log' wrapper
        config["network_mode"] = "host"  # the ranks meet on the hosts' own addresses
        config["labels"][LABEL_RANK] = str(self.rank)
        config["name"] += f"-node{self.rank}"
        return config

    def start_follower(self, run: Run, resume: bool) -> str:
        """Start a node other than 0: inputs into its volume, the container; its id (no runner.json)."""
        import docker

        client = self.client
        config = self.container_config(run, resume)
        self.prepare_folders(run, config, resume, False)
        try:
            container = client.containers.create(**config)
            container.start()
        except docker.errors.APIError as exc:
            raise RunnerError(f"Docker on {self.engine} could not start node {self.rank}: "
                              f"{getattr(exc, 'explanation', None) or exc}", kind="engine-error") from None
        return container.id


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def master_address(engines: list[str], port: int | None = None) -> str:
    """host:port where node 0's launcher listens: node 0's host as this computer reaches it."""
    host = urlparse(engines[0]).hostname if urlparse(engines[0]).scheme in ("ssh", "tcp") else None
    host = host or "127.0.0.1"
    return f"{host}:{port or (_free_port() if host in ('127.0.0.1', 'localhost') else 36007)}"


class MultiNodeRunner(Runner):
    """Runs a job on every engine of ``engines`` at once; node 0 (the first) reports."""

    kind = "docker"

    def __init__(self, engines: list[str], master: str | None = None, **options: Any):
        if len(engines) < 2:
            raise RunnerError("a multi-node job needs two engines or more", "choose more engines", kind="config")
        self.engines = list(engines)
        self.options = options
        self.master = master
        self._runners: dict[str, RemoteDockerRunner] = {}

    def _runner(self, engine: str) -> RemoteDockerRunner:
        """One runner (one client) per engine for this runner's life."""
        if engine not in self._runners:
            self._runners[engine] = RemoteDockerRunner(engine=engine, **self.options)
        return self._runners[engine]

    def _nodes(self, master: str) -> list[_NodeRunner]:
        return [_NodeRunner(url, rank, len(self.engines), master, **self.options)
                for rank, url in enumerate(self.engines)]

    @property
    def lead(self) -> RemoteDockerRunner:
        return self._runner(self.engines[0])

    def start(self, run: Run, resume: bool = False, export_only: bool = False) -> None:
        if export_only:
            self.lead.start(run, export_only=True)
            self._note_nodes(run, [])
            return
        if self.is_running(run):
            raise RunnerError(f"run {run.id} is already running", "stop it first", kind="busy")
        nodes = self._nodes(self.master or master_address(self.engines))
        if resume:
            self._spread_checkpoint(run, nodes)
        followers = []
        try:
            for node in nodes[1:]:
                followers.append((node.engine, node.start_follower(run, resume)))
            nodes[0].start(run, resume)
        except Exception:
            self._stop_containers(followers, timeout=1)
            raise
        self._note_nodes(run, followers)
        threading.Thread(target=self._watch, args=(run, followers), daemon=True, name=f"nodes-{run.id}").start()

    def _note_nodes(self, run: Run, followers: list[tuple[str, str]]) -> None:
        info = run.runner_info()
        info.update(engines=self.engines, nodes=[{"engine": e, "container_id": c} for e, c in followers])
        run.write_runner_info(info)

    def _spread_checkpoint(self, run: Run, nodes: list[_NodeRunner]) -> None:
        """Every rank loads the checkpoint: copy node 0's checkpoints/ into the other volumes."""
        lead = nodes[0]
        image = lead.image_for(run.job())
        with helper(lead.client, ensure_volume(lead.client, run), image) as box:
            stream, _ = box.get_archive(f"{V_RUN}/checkpoints")
            archive = b"".join(stream)
        for node in nodes[1:]:
            with helper(node.client, ensure_volume(node.client, run), node.image_for(run.job())) as box:
                box.put_archive(V_RUN, archive)

    def _watch(self, run: Run, followers: list[tuple[str, str]]) -> None:
        """A node that ends while the others run stops them all (a dead peer hangs the collectives)."""
        lead = self.lead
        while True:
            lead_running = lead.is_running(run)
            states = [self._state(engine, cid) for engine, cid in followers]
            # a node that finished (exit 0) leaves node 0 to export; a failed or lost one stops all
            if not lead_running or any(s not in ("running", "done") for s in states):
                break
            time.sleep(WATCH_INTERVAL)
        if lead_running:
            lead.stop(run, timeout=15)
        self._stop_containers(followers, timeout=15)

    def _state(self, engine: str, container_id: str) -> str:
        import docker

        try:
            container = self._runner(engine).client.containers.get(container_id)
            if container.status == "exited":
                return "done" if container.attrs["State"].get("ExitCode") == 0 else "failed"
            return container.status
        except docker.errors.NotFound:
            return "gone"
        except Exception:  # noqa: BLE001 - an engine that does not answer: treat the node as lost
            return "unreachable"

    def _stop_containers(self, followers: list[tuple[str, str]], timeout: float) -> None:
        import docker

        for engine, cid in followers:
            try:
                container = self._runner(engine).client.containers.get(cid)
                container.stop(timeout=max(1, int(timeout)))
                container.remove(force=True)
            except (docker.errors.NotFound, docker.errors.APIError, RunnerError):
                pass

    def _followers(self, run: Run) -> list[tuple[str, str]]:
        return [(n["engine"], n["container_id"]) for n in run.runner_info().get("nodes", [])]

    def stop(self, run: Run, timeout: float = 15.0) -> None:
        """SIGTERM to every node at once (the ranks agree on the step to stop at), then collect."""
        followers = self._followers(run)
        threads = [threading.Thread(target=self._stop_containers, args=([f], timeout)) for f in followers]
        for t in threads:
            t.start()
        self.lead.stop(run, timeout)
        for t in threads:
            t.join()

    def is_running(self, run: Run) -> bool:
        return self.lead.is_running(run)

    def wait(self, run: Run, timeout: float | None = None) -> int | None:
        code = self.lead.wait(run, timeout)
        if not self.lead.is_running(run):
            self._stop_containers(self._followers(run), timeout=5)
        return code

    def find_running(self, workspace: Workspace) -> list[Run]:
        return self.lead.find_running(workspace)

    def exit_error(self, run: Run) -> RunnerError | None:
        return self.lead.exit_error(run)

    def delete_remote(self, run: Run) -> int:
        """Remove the run's volume on every engine; how many were removed."""
        from core.remote.volume import remove_volume

        return sum(remove_volume(self._runner(e).client, run) for e in self.engines)
