"""Mirror a remote run folder into the local one while the trainer runs: events.jsonl and train.log.

The volume is the truth, the local folder a byte-exact prefix of it: each file is streamed from
the byte offset the local copy has reached (``tail -c +N -F`` run in the training container,
so the stream works over SSH and TLS alike), and after a disconnect the stream starts again
from the local size. Only whole lines of events.jsonl are appended, and their ``seq`` is
checked: a gap would mean a lost event, so the mirror goes back to the last good offset.
When the container has ended, ``catch_up`` copies what is left from its files (get_archive).
Checkpoints stay remote; each `checkpoint` event leaves a marker folder locally
(``checkpoints/<name>/REMOTE``) so the run knows it can be resumed.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from core.remote.volume import V_RUN, read_file
from core.runs import Run

EVENTS, LOG = "events.jsonl", "train.log"
REMOTE_MARKER = "REMOTE"
RETRY_DELAY = 0.5
POLL_S = 0.05  # tail polls a volume file (no inotify through it here): a step reaches the app within this


class FileMirror:
    """One file: appends the bytes past the local copy's size; events are checked for ``seq`` gaps."""

    def __init__(self, local: Path, remote: str, lines: bool = False,
                 on_event: Callable[[dict[str, Any]], None] | None = None):
        self.local, self.remote, self.lines = local, remote, lines
        self.on_event = on_event
        self._partial = b""
        self.last_seq = _last_seq(local) if lines else 0
        self.gaps = 0  # seq gaps seen (and repaired by re-reading from the last good offset)
        self._gap_at = -1
        self.lock = threading.RLock()

    @property
    def offset(self) -> int:
        """Bytes of the remote file the local copy holds (a partial line is not held yet)."""
        try:
            return self.local.stat().st_size
        except FileNotFoundError:
            return 0

    def feed(self, chunk: bytes, at: int) -> bool:
        """Add the bytes of the remote file that start at position ``at`` (what the local copy
        already has is skipped, so overlapping streams never duplicate); False when the caller
        must read again from ``offset``: a hole before ``at``, or a seq gap."""
        with self.lock:
            have = self.offset + len(self._partial)
            if at > have:
                return False
            chunk = chunk[have - at:]
            if not chunk:
                return True
            if not self.lines:
                with self.local.open("ab") as fh:
                    fh.write(chunk)
                return True
            data = self._partial + chunk
            whole, _, self._partial = data.rpartition(b"\n")
            if not whole:
                self._partial = data
                return True
            good: list[bytes] = []
            events = []
            whole_ok = True
            offset = self.offset
            for raw in whole.split(b"\n"):
                event = _parse(raw)
                seq = event.get("seq") if event else None
                if isinstance(seq, int) and self.last_seq and seq > self.last_seq + 1 and self._gap_at != offset:
                    # read again once from here; the same gap twice is in the remote file itself
                    self.gaps += 1
                    self._gap_at = offset
                    whole_ok = False
                    break
                if isinstance(seq, int):
                    self.last_seq = max(self.last_seq, seq)
                good.append(raw)
                offset += len(raw) + 1
                if event:
                    events.append(event)
            if not whole_ok:
                self._partial = b""
            if good:
                with self.local.open("ab") as fh:
                    fh.write(b"\n".join(good) + b"\n")
            for event in events:
                if self.on_event:
                    self.on_event(event)
            return whole_ok


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _last_seq(path: Path) -> int:
    last = 0
    try:
        with path.open("rb") as fh:
            for raw in fh:
                event = _parse(raw)
                if event and isinstance(event.get("seq"), int):
                    last = max(last, event["seq"])
    except FileNotFoundError:
        pass
    return last


class RunMirror:
    """Streams a running container's events.jsonl and train.log into the local run folder."""

    def __init__(self, run: Run, container: Any, alive: Callable[[], bool],
                 stream_client: Callable[[], AbstractContextManager[Any]] | None = None):
        self.run = run
        self.container = container
        self.alive = alive  # whether the container still runs (asked after a stream ends)
        # the client each stream is read through (over ssh://, a connection of its own)
        self.stream_client = stream_client or (lambda: nullcontext(container.client))
        self.events = FileMirror(run.events_file, f"{V_RUN}/{EVENTS}", lines=True, on_event=self._marker)
        self.log = FileMirror(run.log_file, f"{V_RUN}/{LOG}")
        self.reconnects = 0
        self.finished = threading.Event()
        self._stop = threading.Event()
        self._streams: list[Any] = []
        self._threads: list[threading.Thread] = []

    def start(self) -> RunMirror:
        for mirror in (self.events, self.log):
            thread = threading.Thread(target=self._follow, args=(mirror,), daemon=True,
                                      name=f"mirror-{self.run.id}-{mirror.local.name}")
            thread.start()
            self._threads.append(thread)
        return self

    def _follow(self, mirror: FileMirror) -> None:
        """Stream ``mirror``'s file until the container ends or ``close``; reconnect after a break."""
        while not self._stop.is_set():
            try:
                with self.stream_client() as client:
                    self._stream(client, mirror)
            except Exception:  # noqa: BLE001 - a broken connection or an ended container: decide below
                pass
            if self._stop.is_set():
                return
            try:
                running = self.alive()
            except Exception:  # noqa: BLE001 - the engine does not answer: try again
                running = True
            if not running:
                return
            self.reconnects += 1
            self._stop.wait(RETRY_DELAY)

    def _stream(self, client: Any, mirror: FileMirror) -> None:
        # -F: the file may not exist yet; +N counts from 1
        start = mirror.offset
        result = client.api.exec_create(
            self.container.id, ["tail", "-c", f"+{start + 1}", "-F", "-s", str(POLL_S), mirror.remote],
            stdout=True, stderr=False)
        at = start
        stream = client.api.exec_start(result["Id"], stream=True)
        self._streams.append(stream)
        for chunk in stream:
            if not mirror.feed(chunk, at):
                break  # a seq gap: read again from the last good offset
            at += len(chunk)
            if self._stop.is_set():
                break

    def catch_up(self, container: Any | None = None) -> None:
        """Copy what the local files still lack from the (ended) container's files."""
        source = container or self.container
        for mirror in (self.events, self.log):
            data = read_file(source, mirror.remote)
            if data is None:
                continue
            mirror.feed(data, 0)

    def close(self, timeout: float = 5.0) -> None:
        """Stop the streams (the threads end with their stream)."""
        self._stop.set()
        for stream in self._streams:
            try:
                stream.close()
            except Exception:  # noqa: BLE001
                pass
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.monotonic()))

    def wait_streams(self, timeout: float | None = None) -> bool:
        """Wait for both streams to end on their own (the container ended)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self._threads:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in self._threads)

    def _marker(self, event: dict[str, Any]) -> None:
        if event.get("type") == "checkpoint" and isinstance(event.get("path"), str):
            name = Path(event["path"]).name
            if name and name not in (".", ".."):
                folder = self.run.checkpoints_dir / name
                folder.mkdir(parents=True, exist_ok=True)
                (folder / REMOTE_MARKER).write_text(
                    f"the checkpoint is on the engine's volume (step {event.get('step')})\n", encoding="utf-8")
