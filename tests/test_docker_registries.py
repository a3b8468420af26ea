"""core.docker.registries: image names checked before any pull, mirror names, the registry setting,
the doctor's reachability probe, and a real pull through a mirror (a registry on 127.0.0.1)."""

from __future__ import annotations

import os
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import docker
import pytest

from core.docker.images import PullProgress
from core.docker.registries import (
    DOCKER_HUB,
    PADDLE_MIRROR,
    ImageRegistry,
    check_image_ref,
    check_registry_address,
    mirror_ref,
    parse_registry,
    pull_via,
    registry_reachable,
)
from core.runners.base import RunnerError
from tests.helpers.docker import start_engine
from tests.helpers.registry import Registry, image_blobs

PADDLE_3 = "paddlepaddle/paddle:3.0.0-gpu-cuda12.6-cudnn9.5-trt10.5"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _remove(client, *refs: str) -> None:
    for ref in refs:
        try:
            client.images.remove(ref)
        except docker.errors.ImageNotFound:
            pass


# -- names -------------------------------------------------------------------------------------
@pytest.mark.parametrize("ref", [PADDLE_3, "paddlepaddle/paddle:2.6.2", "python:3.11", "ubuntu",
                                 "127.0.0.1:5000/paddlepaddle/paddle:2.6.2", "localhost/a/b_c.d-e:1",
                                 "Mirror.Example.com/x:1", "[::1]:5000/x", "x@sha256:" + "0a" * 32])
def test_well_formed_image_names_pass(ref):
    assert check_image_ref(ref) is None


@pytest.mark.parametrize(("ref", "reason"), [
    ("PaddlePaddle/paddle:2.6.2", "repository names must be lowercase: 'PaddlePaddle/paddle' "
                                  "(write 'paddlepaddle/paddle')"),
    ("", "empty"),
    ("paddlepaddle/paddle :2.6.2", "cannot contain spaces"),
    ("https://docker.io/paddlepaddle/paddle", "write 'docker.io/paddlepaddle/paddle' without 'https://'"),
    ("paddlepaddle//paddle", "empty part"),
    ("paddlepaddle/paddle:.2", "the tag '.2' is not valid"),
    ("paddle!/paddle", "'paddle!' is not a valid repository name part"),
    ("host:99999/x:1", "'99999' is not a valid port number"),
    ("x@sha256:abc", "not a valid digest"),
    (":2.6.2", "no repository name"),
])
def test_a_malformed_image_name_gets_its_reason(ref, reason):
    assert reason in (check_image_ref(ref) or "")


def test_pull_via_refuses_a_malformed_name_before_asking_any_engine():
    with pytest.raises(RunnerError) as err:
        pull_via(None, "PaddlePaddle/paddle:2.6.2", PADDLE_MIRROR)  # no client: nothing is sent
    assert err.value.kind == "bad-ref" and "must be lowercase" in str(err.value)
    assert "Settings → Docker" in err.value.hint


def test_the_paddle_mirror_and_a_custom_mirror_put_their_address_in_front_of_the_hub_name():
    assert mirror_ref(PADDLE_3, PADDLE_MIRROR) == f"ccr-2vdh3abv-pub.cnc.bj.baidubce.com/{PADDLE_3}"
    assert mirror_ref(PADDLE_3, "paddle") == mirror_ref(PADDLE_3, PADDLE_MIRROR)
    assert mirror_ref(PADDLE_3, DOCKER_HUB) == PADDLE_3
    assert mirror_ref("docker.io/paddlepaddle/paddle:2.6.2", "harbor.corp.cn:8443/hub") == \
        "harbor.corp.cn:8443/hub/paddlepaddle/paddle:2.6.2"
    assert mirror_ref("python:3.11", "mirror.example.com") == "mirror.example.com/library/python:3.11"
    # a name on another registry is not a Hub name: no mirror applies
    assert mirror_ref("quay.io/someone/tool:1", PADDLE_MIRROR) == "quay.io/someone/tool:1"


def test_the_registry_setting_reads_presets_and_addresses_and_writes_them_back():
    assert parse_registry("") == parse_registry("docker-hub") == DOCKER_HUB
    assert parse_registry("paddle-mirror") == PADDLE_MIRROR
    custom = parse_registry("https://harbor.corp.cn:8443/paddle/")
    assert custom == ImageRegistry("custom", "harbor.corp.cn:8443/paddle") and custom.host == "harbor.corp.cn:8443"
    for registry in (DOCKER_HUB, PADDLE_MIRROR, custom):
        assert parse_registry(registry.setting) == registry
    assert "harbor.corp.cn:8443/paddle" in custom.label and "baidubce" in PADDLE_MIRROR.label


@pytest.mark.parametrize(("address", "reason"), [
    ("http://10.0.0.5:5000", "without 'http://'"),
    ("mirror.example.com:0", "'0' is not a valid port number"),
    ("harbor.corp.cn/Paddle", "must be lowercase"),
    ("my mirror", "cannot contain spaces"),
    ("user@mirror.example.com", "not a registry address"),
    ("-bad-.example.com", "not a valid registry host name"),
])
def test_a_malformed_custom_address_is_refused_with_its_reason(address, reason):
    assert reason in (check_registry_address(address) or "")
    with pytest.raises(RunnerError) as err:
        parse_registry(address)
    assert err.value.kind == "bad-registry" and reason in str(err.value) and "host[:port]" in err.value.hint


# -- reachability ------------------------------------------------------------------------------
class _Answering:
    """An HTTP server on 127.0.0.1 answering every GET with one status code."""

    def __init__(self, status: int):
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_the_local_registry_is_reachable():
    registry = Registry("paddlepaddle/paddle", "x", b"{}", {})
    try:
        ok, detail = registry_reachable(registry.host)
    finally:
        registry.close()
    assert ok and f"HTTP 200 from http://{registry.host}/v2/" in detail


@pytest.mark.parametrize(("status", "reachable"), [(401, True), (404, False)])
def test_a_registry_asking_for_login_is_reachable_and_a_web_server_is_not(status, reachable):
    server = _Answering(status)
    try:
        ok, detail = registry_reachable(server.host)
    finally:
        server.close()
    assert ok is reachable and f"HTTP {status}" in detail
    if not reachable:
        assert "not a Docker registry" in detail


def test_an_address_where_nothing_listens_is_unreachable_and_says_so():
    port = _free_port()
    ok, detail = registry_reachable(f"127.0.0.1:{port}")
    assert not ok and f"127.0.0.1:{port}" in detail and "connection refused" in detail


def test_a_registry_that_never_answers_is_unreachable_within_the_time_out():
    with socket.socket() as silent:  # accepts connections (backlog) but never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        ok, detail = registry_reachable(f"127.0.0.1:{silent.getsockname()[1]}", timeout=0.5)
    assert not ok and "no answer within 0.5 s" in detail


# -- a real pull through a mirror --------------------------------------------------------------
@pytest.fixture(scope="module")
def engine():
    return start_engine()


@pytest.fixture()
def mirror(engine, tmp_path):
    """A registry on 127.0.0.1 holding a two-layer image as paddlepaddle/paddle:<tag>, as a mirror does."""
    tag = f"0.0.0-pdk-mirror-test-{os.getpid()}"
    (tmp_path / "a.bin").write_bytes(os.urandom(3 * 2**20))
    (tmp_path / "b.bin").write_bytes(os.urandom(2 * 2**20))
    (tmp_path / "Dockerfile").write_text("FROM scratch\nCOPY a.bin /a.bin\nCOPY b.bin /b.bin\n")
    built = f"pdk-test/mirror-source:{tag}"
    engine.client.images.build(path=str(tmp_path), tag=built, rm=True)
    manifest, blobs = image_blobs(engine.client, built)
    source_id = engine.client.images.get(built).id
    engine.client.images.remove(built)  # else its layers "Already exist" and no bytes move
    registry = Registry("paddlepaddle/paddle", tag, manifest, blobs, chunk_delay=0.01)
    canonical = f"paddlepaddle/paddle:{tag}"
    yield registry, canonical, source_id, blobs
    registry.close()
    _remove(engine.client, f"pdk-test/from-mirror:{tag}", canonical, f"{registry.host}/{canonical}")


@pytest.mark.docker
def test_pulling_through_a_mirror_gives_the_image_its_usual_name(engine, mirror, tmp_path):
    registry, canonical, source_id, blobs = mirror
    updates: list[tuple[int, int]] = []
    pulled = pull_via(engine.client, canonical, parse_registry(registry.host),
                      progress=lambda p: updates.append((p.done_bytes, p.total_bytes)))
    assert pulled == f"{registry.host}/{canonical}"
    assert engine.client.images.get(canonical).id == source_id
    layers = sum(len(b) for b in blobs.values() if len(b) > 2**20)
    assert updates[-1] == (layers, layers)
    assert len({done for done, _ in updates if 0 < done < layers}) >= 3  # the bar moved in bytes
    # a Dockerfile FROM the usual name now builds without any registry
    (tmp_path / "Dockerfile").write_text(f"FROM {canonical}\nLABEL via=mirror\n")
    tag = canonical.replace("paddlepaddle/paddle", "pdk-test/from-mirror")
    image, _ = engine.client.images.build(path=str(tmp_path), tag=tag, pull=False, rm=True)
    assert image.labels["via"] == "mirror"


@pytest.mark.docker
def test_cancelling_a_mirror_pull_stops_it_without_the_usual_name(engine, mirror):
    registry, canonical, _, _ = mirror
    cancel = threading.Event()

    def on_progress(state: PullProgress) -> None:
        if state.done_bytes > 0:
            cancel.set()

    with pytest.raises(RunnerError) as err:
        pull_via(engine.client, canonical, registry.host, progress=on_progress, cancel=cancel)
    assert err.value.kind == "cancelled"
    with pytest.raises(docker.errors.ImageNotFound):
        engine.client.images.get(canonical)


@pytest.mark.docker
def test_a_mirror_that_does_not_answer_is_named_with_another_way_in_the_hint(engine):
    address = f"127.0.0.1:{_free_port()}"
    with pytest.raises(RunnerError) as err:
        pull_via(engine.client, "paddlepaddle/paddle:2.6.2", address)
    assert err.value.kind == "no-registry" and f"Custom registry ({address})" in str(err.value)
    assert "another registry in Settings → Docker" in err.value.hint and "Load image from file" in err.value.hint
