"""The engines list, TLS and ssh connections and the doctor, against the real second engine."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.docker.engine import connect
from core.docker.engines import EngineList, address_problem, check_entry
from core.runners.base import RunnerError
from tests.helpers import remote as remote_support
from tests.helpers.docker import REPO
from tests.helpers.remote import SSH_HOME, SSH_URL, TLS_DIR, TLS_URL

pytestmark = [pytest.mark.docker]
remote_env = remote_support.remote_env  # the fixture
FIXTURES = Path(__file__).parent / "fixtures" / "gpu"


def test_plain_tcp_to_another_computer_is_refused_with_the_reason(tmp_path):
    engines = EngineList(tmp_path / "engines.json")
    with pytest.raises(ValueError, match="without TLS is refused: anyone who can reach port 2375 on 10.0.0.5 is root"):
        engines.add("server", "tcp://10.0.0.5:2375")
    assert address_problem("tcp://127.0.0.1:2375") is None  # loopback: this computer's own port
    with pytest.raises(ValueError, match="lacks cert.pem, key.pem"):
        (tmp_path / "half").mkdir()
        (tmp_path / "half" / "ca.pem").write_text("x")
        engines.add("server", "tcp://10.0.0.5:2376", str(tmp_path / "half"))
    with pytest.raises(ValueError, match="not a Docker engine address"):
        engines.add("server", "http://10.0.0.5")
    assert [e.name for e in engines.entries()] == ["This computer"]


def test_engines_are_stored_listed_and_removed(tmp_path):
    engines = EngineList(tmp_path / "engines.json")
    engines.add("gpu-a", SSH_URL)
    engines.add("gpu-b", TLS_URL, str(TLS_DIR))
    again = EngineList(tmp_path / "engines.json")  # another process reads the same file
    assert [(e.name, e.transport, e.remote) for e in again.entries()] == [
        ("This computer", "local", False), ("gpu-a", "ssh", True), ("gpu-b", "tls", True)]
    with pytest.raises(ValueError, match="already in the list"):
        again.add("gpu-c", SSH_URL)
    assert again.remove("gpu-a") and not again.remove("gpu-a")
    assert [e.name for e in EngineList(tmp_path / "engines.json").entries()] == ["This computer", "gpu-b"]


@pytest.mark.parametrize("url", [TLS_URL, SSH_URL], ids=["tls", "ssh"])
def test_tls_and_ssh_reach_the_second_engine(url, remote_env):
    client = connect(url)
    try:
        assert client.info()["DockerRootDir"] == remote_env.client.info()["DockerRootDir"]
        assert client.info()["DockerRootDir"] != remote_env.first_client.info()["DockerRootDir"]
    finally:
        client.close()


def test_a_tls_engine_with_certificates_of_another_ca_is_a_named_error(remote_env, tmp_path, monkeypatch):
    other = tmp_path / "other"
    other.mkdir()
    for name in ("cert.pem", "key.pem"):
        (other / name).write_bytes((TLS_DIR / name).read_bytes())
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=other",
                    "-keyout", str(other / "ca-key.pem"), "-out", str(other / "ca.pem")],
                   check=True, capture_output=True)
    engines_file = tmp_path / "wrong-ca-engines.json"
    EngineList(engines_file).add("wrong ca", TLS_URL, str(other))
    monkeypatch.setenv("PADDLEDESK_ENGINES_FILE", str(engines_file))
    with pytest.raises(RunnerError) as err:
        connect(TLS_URL)
    assert err.value.kind == "engine-tls" and "ca.pem, cert.pem and key.pem" in err.value.hint


def test_an_unknown_ssh_host_key_is_refused_with_how_to_accept_it(remote_env, tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".ssh" / "config").write_text((SSH_HOME / ".ssh" / "config").read_text().replace(
        str(SSH_HOME / ".ssh" / "known_hosts"), str(home / ".ssh" / "known_hosts")))
    monkeypatch.setenv("HOME", str(home))  # a user who never connected to that server
    with pytest.raises(RunnerError) as err:
        connect(SSH_URL)
    assert err.value.kind == "engine-ssh-host-key" and "ssh 127.0.0.1" in err.value.hint


def test_the_doctor_checks_a_remote_engine_on_its_own_host(remote_env):
    entry = EngineList().find("gpu-server (ssh)")
    report = check_entry(entry, registry_timeout=0.5)
    assert report.check("engine").status == "ok" and SSH_URL in report.check("engine").detail
    # that host has no NVIDIA runtime: the GPU line says so from the sampler container's failure
    assert report.check("gpu-runtime").status == "problem"
    assert "cannot give GPUs to containers" in report.check("gpus").detail
    assert report.check("disk").status == "ok" and "GiB free on gpu-server (ssh)'s disk" in report.check("disk").detail
    # neither the sampler nor the df probe is left behind
    sampler = remote_env.client.containers.list(ignore_removed=True, all=True,
                                                filters={"label": "paddledesk.role=gpu-sampler"})
    assert sampler == []


def test_cli_engines_add_list_check_and_refuse(remote_env, tmp_path, monkeypatch):
    monkeypatch.setenv("PADDLEDESK_ENGINES_FILE", str(tmp_path / "cli-engines.json"))

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "paddledesk", "engines", *args], cwd=REPO,
                              capture_output=True, text=True)

    added = cli("add", SSH_URL, "--name", "lab")
    assert added.returncode == 0, added.stderr
    listed = cli("list")
    assert "lab" in listed.stdout and "remote: a volume per run" in listed.stdout
    refused = cli("add", "tcp://192.0.2.9:2375")
    assert refused.returncode == 2 and "is root there" in refused.stderr
    checked = cli("check", "lab")
    assert checked.returncode == 0 and "[         OK] Docker engine" in checked.stdout
    assert json.loads((tmp_path / "cli-engines.json").read_text())["engines"][0]["url"] == SSH_URL


def test_a_recorded_sampler_stream_parses_with_the_nvidia_smi_parser():
    from core.gpu.remote import parse_stream

    stream = "".join((FIXTURES / name).read_text() for name in (
        "query-gpu-static-h200x1.csv", "query-gpu-idle.csv", "query-gpu-load.csv", "query-apps-load.csv"))
    idle, load = parse_stream(stream)
    assert [g.util_pct for g in idle.gpus] == [0.0, 0.0] and idle.processes == []
    assert load.gpus[1].util_pct == 91.0 and load.gpus[1].mem_used_bytes == 20085 * 2**20
    assert load.gpus[0].compute_capability == "9.0"  # from the static block of the stream
    assert [(p.pid, p.gpu) for p in load.processes] == [(631, 1)]
