"""The trainer image's install path on a base without PaddleNLP: pip installs it from the package
index given as ``index_url`` (here a plain-HTTP mirror on the host, as a LAN mirror would be),
under the pins of the base's Paddle major version, on Paddle 2.6 and Paddle 3 bases."""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import docker
import pytest

from core.docker.images import build_trainer_image, trainer_image_tag
from core.runners.base import RunnerError
from tests.helpers.docker import BASE_IMAGES, base_id, paddle_version_of, start_engine

pytestmark = [pytest.mark.docker, pytest.mark.slow]
CI_STATE = Path(os.environ.get("PADDLEDESK_CI_STATE", "/var/lib/paddledesk-ci"))
BARE_LABEL = "paddledesk.test=bare-base"


class _Mirror:
    """A PEP 503 "simple" index over HTTP serving one wheel; records the paths pip asked for."""

    def __init__(self, wheel: Path, host: str) -> None:
        self.root = wheel.parent
        self.requests: list[str] = []
        mirror = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(mirror.root), **kwargs)

            def do_GET(self):  # noqa: N802 - the http.server name
                mirror.requests.append(self.path)
                if self.path.rstrip("/") == "/simple/paddlenlp":
                    body = f'<a href="/{wheel.name}">{wheel.name}</a>'.encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                elif self.path == f"/{wheel.name}":
                    super().do_GET()
                else:
                    self.send_error(404)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_port}/simple"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _bridge_gateway(client) -> str:
    """The host's address on the engine's bridge: where a build container reaches the host."""
    try:
        configs = client.networks.get("bridge").attrs["IPAM"]["Config"]
    except docker.errors.NotFound:
        pytest.fail("the engine has no bridge network (PADDLEDESK_DOCKER_NO_BRIDGE=1?): image builds "
                    "cannot reach a package index", pytrace=False)
    return configs[0]["Gateway"]


def _paddlenlp_wheel(version: str) -> Path:
    """The paddlenlp wheel .ci/docker-base-image.sh fetched for the stand-in of Paddle ``version``."""
    wheels = sorted((CI_STATE / f"wheels-paddle{version}-py3.11").glob("paddlenlp-2.8.1-*.whl"))
    if not wheels:
        pytest.fail(f"no paddlenlp wheel under {CI_STATE}: run .ci/docker-base-image.sh {version}",
                    pytrace=False)
    return wheels[0]


@pytest.fixture(scope="module", params=BASE_IMAGES, ids=base_id)
def bare_base(request) -> Iterator[tuple]:
    """A base image with the stand-in's Paddle and no PaddleNLP (like an official Paddle image)."""
    engine = start_engine(request.param)
    tag = f"paddledesk/test-bare-base:{paddle_version_of(request.param) or 'x'}"
    engine.client.images.build(
        fileobj=_dockerfile(f"FROM {request.param}\nRUN python -m pip uninstall -y -q paddlenlp\n"
                            f"LABEL {BARE_LABEL}\n"),
        tag=tag, rm=True, forcerm=True)
    yield engine, tag
    _remove(engine.client, trainer_image_tag(tag))
    _remove(engine.client, tag)


def _dockerfile(text: str):
    import io

    return io.BytesIO(text.encode())


def _remove(client, tag: str) -> None:
    try:
        client.images.remove(tag, force=True)
    except docker.errors.ImageNotFound:
        pass


def test_a_base_without_paddlenlp_gets_it_from_the_given_package_index(bare_base):
    engine, base = bare_base
    version = paddle_version_of(base)
    mirror = _Mirror(_paddlenlp_wheel(version), _bridge_gateway(engine.client))
    lines: list[str] = []
    try:
        tag = build_trainer_image(engine.client, base, output=lines.append, index_url=mirror.url)
    finally:
        mirror.close()
    log = "".join(lines)
    # the tag is the content's, not the index's: the same image whichever mirror it came from
    assert tag == trainer_image_tag(base)
    major = version.split(".")[0]
    assert f"installing paddlenlp 2.8.1 for Paddle {version} under constraints-paddle{major}.txt" in log, log
    assert "/simple/paddlenlp/" in mirror.requests and any(p.endswith(".whl") for p in mirror.requests)
    out = engine.client.containers.run(
        tag, ["python", "-c", "import numpy, paddle, paddlenlp; print(paddle.__version__, "
              "paddlenlp.__version__, numpy.__version__.split('.')[0])"], remove=True).decode()
    paddle_v, nlp_v, numpy_major = out.strip().splitlines()[-1].split()
    assert paddle_v == version and nlp_v.startswith("2.8.1")
    if major == "2":
        assert numpy_major == "1"  # numpy 2 crashes Paddle 2.6 on the first op


# one base is enough for the error path: the same script runs on both
@pytest.mark.parametrize("bare_base", BASE_IMAGES[-1:], ids=base_id, indirect=True)
def test_an_unreachable_package_index_is_a_named_build_error_and_leaves_no_image(bare_base):
    engine, base = bare_base
    _remove(engine.client, trainer_image_tag(base))  # an image from the test above
    gateway = _bridge_gateway(engine.client)  # nothing listens on port 9 (discard) there
    with pytest.raises(RunnerError) as err:
        build_trainer_image(engine.client, base, index_url=f"http://user:secret@{gateway}:9/simple")
    assert err.value.kind == "build-failed"
    assert f"http://{gateway}:9/simple" in err.value.hint and "Settings" in err.value.hint
    assert "secret" not in str(err.value) + err.value.hint
    with pytest.raises(docker.errors.ImageNotFound):
        engine.client.images.get(trainer_image_tag(base))


def test_a_base_without_paddle_is_refused_with_a_hint_to_choose_a_paddle_image():
    engine = start_engine()
    plain = "paddledesk/debian-python:bookworm"  # the stand-ins' Debian, with no Paddle
    if not engine.client.images.list(name=plain):
        pytest.fail(f"{plain} is missing: run .ci/docker-base-image.sh", pytrace=False)
    with pytest.raises(RunnerError) as err:
        build_trainer_image(engine.client, plain)
    assert err.value.kind == "build-failed" and "has no working Paddle" in str(err.value)
    assert "PaddlePaddle 2.6 or 3.x image" in err.value.hint
    with pytest.raises(docker.errors.ImageNotFound):
        engine.client.images.get(trainer_image_tag(plain))
