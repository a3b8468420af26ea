"""`paddledesk doctor` and core.docker.doctor against the real engine, a dead socket and a local registry."""

from __future__ import annotations

import pytest

from core.docker.choose import GpuFacts, Hardware
from core.docker.doctor import OK, PROBLEM, UNKNOWN, run_doctor
from tests.helpers.docker import start_engine

pytestmark = pytest.mark.docker

KEYS = ["engine", "socket", "gpu-runtime", "gpus", "image", "disk", "registry", "trainer-image"]


@pytest.fixture(scope="module")
def engine():
    return start_engine()


def test_doctor_here_prints_every_check_with_a_fix_and_exits_0(engine, monkeypatch, capsys):
    from paddledesk.cli import main

    monkeypatch.setenv("DOCKER_HOST", engine.url)
    assert main(["doctor"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    out = captured.out
    assert "Traceback" not in out
    assert "[         OK] Docker engine: Docker " in out
    assert "[    problem] NVIDIA GPUs and driver: none found" in out  # no GPU on this machine
    assert "GPUs in containers (NVIDIA runtime)" in out and "nvidia-container-toolkit" in out
    assert "8 checks" in out
    # every line that is not OK is followed by its fix
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("[") and not line.startswith("[         OK]"):
            assert lines[i + 1].strip().startswith("fix: "), line


def test_every_check_has_a_status_and_each_problem_a_fix(engine):
    report = run_doctor(engine.url, registry_timeout=1)
    assert [c.key for c in report.checks] == KEYS
    for check in report.checks:
        assert check.status in (OK, PROBLEM, UNKNOWN)
        if check.status != OK:
            assert check.fix, check.key
    assert report.check("engine").status == OK
    assert report.check("socket").status == OK


def test_a_dead_socket_is_named_and_the_checks_that_need_the_engine_cannot_tell(tmp_path, monkeypatch, capsys):
    from paddledesk.cli import main

    dead = tmp_path / "docker.sock"
    monkeypatch.setenv("DOCKER_HOST", f"unix://{dead}")
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert f"[    problem] Docker engine: The Docker engine is not running (nothing answers at unix://{dead})" in out
    assert "fix: start Docker" in out
    assert "[cannot tell] Trainer image: the engine did not answer" in out
    assert "Traceback" not in out


def test_the_image_check_uses_the_gpus_and_refuses_a_paddle_2_6_image_on_hopper(engine):
    h200 = Hardware([GpuFacts(0, "NVIDIA H200", "9.0")], "580.159.04", "13.0")
    report = run_doctor(engine.url, image="paddlepaddle/paddle:2.6.2-gpu-cuda11.7-cudnn8.4-trt8.4",
                        hardware=h200, registry_timeout=1)
    image = report.check("image")
    assert image.status == PROBLEM
    assert "compute capability 9.0" in image.detail and "choose a Paddle 3 image" in image.detail
    assert image.fix.startswith("choose paddlepaddle/paddle:3.")
    # with those GPUs and no NVIDIA runtime on the engine, GPU runs would fail at start
    assert report.check("gpu-runtime").status == PROBLEM
    assert "GPU runs will fail" in report.check("gpu-runtime").detail


def test_the_registry_check_says_a_local_mirror_answers(engine):
    from tests.helpers.registry import Registry

    registry = Registry("paddlepaddle/paddle", "none", b"{}", {})
    try:
        report = run_doctor(engine.url, registry=registry.host, registry_timeout=2)
    finally:
        registry.close()
    check = report.check("registry")
    assert check.status == OK, check.detail
    assert registry.host in check.title


def test_the_trainer_image_line_names_the_image_present_on_the_engine(engine):
    report = run_doctor(engine.url, image=engine.base_image, hardware=Hardware(reason="test"), registry_timeout=1)
    assert report.check("trainer-image").status == OK  # start_engine() built it
    assert engine.trainer_image in report.check("trainer-image").detail
    assert report.check("disk").status == OK
