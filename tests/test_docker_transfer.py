"""core.docker.transfer on the real engine: save -> remove -> load gives back the same image (.tar
and .tar.gz) with byte progress to the end; cancelling leaves no file / loads nothing; files that
are no image archive are refused with their name."""

from __future__ import annotations

import os
import tarfile
import threading

import docker
import pytest

from core.docker.transfer import load_image, save_image
from core.runners.base import RunnerError
from tests.helpers.docker import start_engine

pytestmark = pytest.mark.docker


@pytest.fixture(scope="module")
def engine():
    return start_engine()


@pytest.fixture(scope="module")
def small_image(engine, tmp_path_factory):
    """A two-layer image of 5 MiB of random bytes (FROM scratch: nothing to pull); its tag."""
    folder = tmp_path_factory.mktemp("image")
    (folder / "a.bin").write_bytes(os.urandom(3 * 2**20))
    (folder / "b.bin").write_bytes(os.urandom(2 * 2**20))
    (folder / "Dockerfile").write_text("FROM scratch\nCOPY a.bin /a.bin\nCOPY b.bin /b.bin\n")
    tag = f"pdk-test/transfer:{os.getpid()}"
    engine.client.images.build(path=str(folder), tag=tag, rm=True)
    yield tag
    try:
        engine.client.images.remove(tag)
    except docker.errors.ImageNotFound:
        pass


def _absent(client, ref: str) -> bool:
    try:
        client.images.get(ref)
        return False
    except docker.errors.ImageNotFound:
        return True


@pytest.mark.parametrize("name", ["trainer.tar", "trainer.tar.gz"])
def test_save_remove_load_gives_back_the_same_image(engine, small_image, tmp_path, name):
    client = engine.client
    image_id = client.images.get(small_image).id
    path = tmp_path / name
    saved: list[tuple[int, int]] = []
    assert save_image(client, small_image, path, progress=lambda d, t: saved.append((d, t))) == path
    assert os.listdir(tmp_path) == [name]  # only the finished file, no temporary left
    done, total = saved[-1]
    assert done == total >= 5 * 2**20 and len({d for d, _ in saved if 0 < d < total}) >= 3
    assert [d for d, _ in saved] == sorted(d for d, _ in saved)
    with path.open("rb") as fh:
        assert (fh.read(2) == b"\x1f\x8b") is name.endswith(".gz")

    client.images.remove(small_image)
    assert _absent(client, small_image)
    loaded: list[tuple[int, int]] = []
    assert load_image(client, path, progress=lambda d, t: loaded.append((d, t))) == [small_image]
    assert client.images.get(small_image).id == image_id
    size = path.stat().st_size
    assert loaded[-1] == (size, size) and len(loaded) >= 3  # by bytes read from the file


def test_cancelling_a_save_leaves_no_file(engine, small_image, tmp_path):
    cancel = threading.Event()

    def on_progress(done: int, total: int) -> None:
        assert done < total  # cancelled while far from the end
        cancel.set()

    with pytest.raises(RunnerError) as err:
        save_image(engine.client, small_image, tmp_path / "half.tar", progress=on_progress, cancel=cancel)
    assert err.value.kind == "cancelled" and cancel.is_set()
    assert os.listdir(tmp_path) == []


def test_cancelling_a_load_loads_nothing(engine, small_image, tmp_path):
    client = engine.client
    path = save_image(client, small_image, tmp_path / "image.tar")
    client.images.remove(small_image)
    cancel = threading.Event()
    try:
        with pytest.raises(RunnerError) as err:
            load_image(client, path, progress=lambda done, total: cancel.set(), cancel=cancel)
        assert err.value.kind == "cancelled"
        assert _absent(client, small_image)
    finally:
        load_image(client, path)  # the image back for the other tests
    assert not _absent(client, small_image)


def test_loading_files_that_are_not_image_archives_names_the_file(engine, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("这不是镜像\n" * 200, encoding="utf-8")
    with pytest.raises(RunnerError) as err:
        load_image(engine.client, text)
    assert err.value.kind == "not-an-image" and str(text) in str(err.value) and "not a tar archive" in str(err.value)
    assert "docker save" in err.value.hint
    # a real tar that holds files but no image: the engine refuses it, and the message still names it
    plain = tmp_path / "photos.tar"
    with tarfile.open(plain, "w") as tar:
        tar.add(text, arcname="notes.txt")
    with pytest.raises(RunnerError) as err:
        load_image(engine.client, plain)
    assert err.value.kind == "not-an-image" and str(plain) in str(err.value)
    with pytest.raises(RunnerError) as err:
        load_image(engine.client, tmp_path / "missing.tar.gz")
    assert err.value.kind == "file-error" and "missing.tar.gz: no such file" in str(err.value)


def test_saving_what_is_not_there_or_where_one_cannot_write_is_a_named_error(engine, small_image, tmp_path):
    with pytest.raises(RunnerError) as err:
        save_image(engine.client, "pdk-test/never-built:0", tmp_path / "x.tar")
    assert err.value.kind == "image-missing" and "pdk-test/never-built:0" in str(err.value)
    with pytest.raises(RunnerError) as err:
        save_image(engine.client, small_image, tmp_path / "no-such-folder" / "x.tar")
    assert err.value.kind == "file-error" and "does not exist" in str(err.value)
    assert os.listdir(tmp_path) == []
