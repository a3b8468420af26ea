"""core.docker against the real engine: the engine check, named connection errors, the trainer
image tag, build with streamed output, pull without a registry, and pruning only our images."""

from __future__ import annotations

import os
import shutil

import docker
import pytest

from core.docker.engine import check_engine, connect, engine_url
from core.docker.images import (
    PullProgress,
    build_trainer_image,
    dockerfile_dir,
    our_images,
    prepare_trainer_image,
    prune_images,
    pull_image,
    trainer_image_tag,
)
from core.runners.base import RunnerError
from tests.helpers.docker import TEST_UID, start_engine

pytestmark = pytest.mark.docker


@pytest.fixture(scope="module")
def engine():
    return start_engine()


def test_engine_check_reports_version_images_disk_and_no_gpu_runtime(engine):
    missing = "paddledesk/trainer:never-built-000000000000"
    check = check_engine(engine.url, images=[engine.base_image, engine.trainer_image, missing])
    assert check.reachable and check.error is None
    assert check.version and check.api_version  # e.g. 20.10.24+dfsg1 / 1.41
    assert check.images == {engine.base_image: True, engine.trainer_image: True, missing: False}
    assert check.free_disk_bytes and check.free_disk_bytes > 2**30
    # this machine has no NVIDIA runtime: the check says so before anyone asks for a GPU
    assert check.gpu_support == "" and not check.gpu_ready
    assert "not available" in check.summary() and "missing" in check.summary()


def test_engine_url_prefers_the_setting_then_docker_host(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///run/from-env.sock")
    assert engine_url("/run/from-setting.sock") == "unix:///run/from-setting.sock"
    assert engine_url(None) == "unix:///run/from-env.sock"
    monkeypatch.delenv("DOCKER_HOST")
    assert engine_url(None) == "unix:///var/run/docker.sock"


def test_an_engine_that_is_not_running_is_a_named_error(tmp_path):
    url = f"unix://{tmp_path}/docker.sock"
    with pytest.raises(RunnerError) as err:
        connect(url)
    assert err.value.kind == "engine-not-running" and "Start Docker" in err.value.hint
    check = check_engine(url)
    assert not check.reachable and check.error.kind == "engine-not-running"
    assert "not running" in check.summary()


def test_permission_denied_on_the_socket_names_the_docker_group(engine):
    # a user outside the socket's group, as a desktop user not yet in the docker group
    import docker  # noqa: F401 - imported before dropping privileges (the stdlib is under /root)

    sock = engine.url[len("unix://"):]
    assert os.stat(sock).st_mode & 0o007 == 0, "the CI socket must not be world-writable"
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: become uid 1000 for good, check, report through the pipe
        try:
            os.setgroups([])
            os.setgid(TEST_UID)
            os.setuid(TEST_UID)
            check = check_engine(engine.url)
            os.write(write_end, f"{check.error.kind}\n{check.error.hint}".encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as fh:
        answer = fh.read()
    os.waitpid(pid, 0)
    kind, hint = answer.split("\n", 1)
    assert kind == "engine-permission" and "docker group" in hint


def test_the_trainer_tag_changes_with_the_base_or_the_dockerfile_and_nothing_else(tmp_path):
    GPU_BASE = "paddlepaddle/paddle:3.0.0-gpu-cuda12.6-cudnn9.5-trt10.5"  # noqa: N806 - a long real tag
    folder = tmp_path / "docker"
    shutil.copytree(dockerfile_dir(), folder)
    tag = trainer_image_tag(GPU_BASE, folder)
    assert tag == trainer_image_tag(GPU_BASE, dockerfile_dir())
    assert tag.startswith("paddledesk/trainer:paddle-3.0.0-gpu-cuda12.6") and len(tag.split(":")[1]) <= 128
    os.utime(folder / "Dockerfile", (1, 1))  # a touch is not a change
    assert trainer_image_tag(GPU_BASE, folder) == tag
    assert trainer_image_tag("paddlepaddle/paddle:2.6.2", folder) != tag
    with (folder / "Dockerfile").open("a") as fh:
        fh.write("# changed\n")
    assert trainer_image_tag(GPU_BASE, folder) != tag


def test_an_existing_trainer_image_is_not_rebuilt(engine):
    before = engine.client.images.get(engine.trainer_image).id
    lines: list[str] = []
    assert build_trainer_image(engine.client, engine.base_image, output=lines.append) == engine.trainer_image
    assert lines == [] and engine.client.images.get(engine.trainer_image).id == before


def test_build_streams_its_output_and_prune_removes_only_our_images(engine, tmp_path):
    folder = tmp_path / "docker"
    folder.mkdir()
    (folder / "Dockerfile").write_text("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n"
                                       f"RUN echo streamed-from-the-build-{os.getpid()}\n")
    lines: list[str] = []
    tag = build_trainer_image(engine.client, engine.base_image, output=lines.append, folder=folder)
    assert any(f"streamed-from-the-build-{os.getpid()}" in line for line in lines)
    assert any(line.startswith("Step 1/") for line in lines)  # streamed as it went, step by step
    assert tag in [t for image in our_images(engine.client) for t in image.tags]
    # someone else's image that happens to share our base layers
    engine.client.images.get(engine.base_image).tag("someone/else", "keep-me")
    try:
        result = prune_images(engine.client, keep=[engine.trainer_image])
        assert tag in result.removed and engine.trainer_image not in result.removed
        names = [t for image in engine.client.images.list() for t in image.tags]
        assert engine.trainer_image in names and engine.base_image in names and "someone/else:keep-me" in names
        assert tag not in names
    finally:
        engine.client.images.remove("someone/else:keep-me")


def test_a_failing_build_is_a_named_error_with_its_output(engine, tmp_path):
    folder = tmp_path / "docker"
    folder.mkdir()
    (folder / "Dockerfile").write_text("ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nRUN echo about-to-fail && exit 7\n")
    with pytest.raises(RunnerError) as err:
        build_trainer_image(engine.client, engine.base_image, folder=folder)
    assert err.value.kind == "build-failed" and "about-to-fail" in str(err.value)


def test_pulling_without_a_registry_is_a_named_error(engine):
    seen: list[PullProgress] = []
    with pytest.raises(RunnerError) as err:
        pull_image(engine.client, "paddlepaddle/paddle:2.6.2", progress=seen.append)
    assert err.value.kind == "no-registry" and "docker load" in err.value.hint
    # and building on a base that is not here says the same, before any build starts
    with pytest.raises(RunnerError) as err:
        build_trainer_image(engine.client, "paddlepaddle/paddle:2.6.2")
    assert err.value.kind == "no-registry"



def test_a_real_pull_reports_bytes_per_layer(engine, tmp_path):
    from tests.helpers.registry import Registry, image_blobs

    # a two-layer image, served by a registry on 127.0.0.1 and pulled by the engine for real
    (tmp_path / "a.bin").write_bytes(os.urandom(3 * 2**20))
    (tmp_path / "b.bin").write_bytes(os.urandom(2 * 2**20))
    (tmp_path / "Dockerfile").write_text("FROM scratch\nCOPY a.bin /a.bin\nCOPY b.bin /b.bin\n")
    engine.client.images.build(path=str(tmp_path), tag="pdk-test/two-layers:1", rm=True)
    manifest, blobs = image_blobs(engine.client, "pdk-test/two-layers:1")
    source_id = engine.client.images.get("pdk-test/two-layers:1").id
    engine.client.images.remove("pdk-test/two-layers:1")  # else its layers "Already exist"
    registry = Registry("pdk/two-layers", "1", manifest, blobs, chunk_delay=0.01)
    ref = f"{registry.host}/pdk/two-layers:1"
    updates: list[tuple[int, int, int]] = []
    try:
        pull_image(engine.client, ref,
                   progress=lambda p: updates.append((len(p.layers), p.done_bytes, p.total_bytes)))
        assert engine.client.images.get(ref).id == source_id
    finally:
        registry.close()
        try:
            engine.client.images.remove(ref)
        except docker.errors.ImageNotFound:
            pass
    layer_sizes = sorted(len(b) for b in blobs.values() if len(b) > 2**20)
    assert updates[-1][0] == 2 and updates[-1][1] == updates[-1][2] == sum(layer_sizes)
    done = [u[1] for u in updates]
    assert done == sorted(done)  # bytes only go up
    partial = {u[1] for u in updates if 0 < u[1] < sum(layer_sizes)}
    assert len(partial) >= 3  # a bar that moves in bytes, not a spinner


def test_prepare_trainer_image_is_one_call_for_the_settings_page(engine):
    lines: list[str] = []
    assert prepare_trainer_image(engine.url, engine.base_image, on_build=lines.append) == engine.trainer_image
    assert lines == []  # already built: nothing to do
    with pytest.raises(RunnerError) as err:
        prepare_trainer_image(engine.url, "paddlepaddle/paddle:2.6.2-gpu-cuda12.0-cudnn8.9-trt8.6")
    assert err.value.kind == "no-registry"
