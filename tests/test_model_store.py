"""Pretrained weights from a file, with no network: a tiny ERNIE saved by PaddleNLP's save_pretrained
is imported from an archive through the CLI, fine-tuned offline (the start event names the imported
weights, the step-0 evaluation equals the saved model's own), exported for another computer and
imported there; a weightless ERNIE is never a silent downgrade."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REVIEWS = REPO / "resources" / "datasets" / "reviews_zh"


def cli(*args: str, workspace: Path, env: dict | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "paddledesk", "--workspace", str(workspace), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=REPO,
                          env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})})


def save_tiny_ernie(folder: Path) -> Path:
    """A 2-layer ERNIE classifier saved the way PaddleNLP saves (and downloads) models."""
    import paddle
    from paddlenlp.transformers import ErnieConfig, ErnieForSequenceClassification, ErnieTokenizer

    from core.trainer.text import build_ernie_vocab, write_vocab

    texts = [line.split("\t")[0] for line in (REVIEWS / "train.tsv").read_text("utf-8").splitlines()[1:]]
    folder.mkdir(parents=True)
    vocab = build_ernie_vocab(texts)
    write_vocab(vocab, folder / "vocab.txt")
    paddle.seed(7)
    config = ErnieConfig(vocab_size=len(vocab), hidden_size=64, num_hidden_layers=2, num_attention_heads=2,
                         intermediate_size=128, max_position_embeddings=512, type_vocab_size=2, num_classes=2)
    ErnieForSequenceClassification(config).save_pretrained(str(folder))
    ErnieTokenizer(vocab_file=str(folder / "vocab.txt")).save_pretrained(str(folder))
    return folder


def dev_loss_of_saved_model(folder: Path, run_dir: Path) -> tuple[float, float]:
    """(loss, accuracy) of the saved model on the run's dev split, computed here, not by the trainer."""
    import numpy as np
    import paddle
    import paddle.nn.functional as F
    from paddlenlp.transformers import ErnieForSequenceClassification

    from core.trainer.text import WordPieceTokenizer, read_vocab

    model = ErnieForSequenceClassification.from_pretrained(str(folder), num_classes=2)
    model.eval()
    tok = WordPieceTokenizer(read_vocab(folder / "vocab.txt"), max_positions=512)
    rows = [json.loads(x) for x in (run_dir / "data" / "dev.jsonl").read_text("utf-8").splitlines() if x.strip()]
    losses, right = [], 0
    with paddle.no_grad():
        for row in rows:
            ids = paddle.to_tensor(np.asarray([tok.encode(row["text"], 128)], dtype=np.int64))
            logits = model(ids, token_type_ids=paddle.zeros_like(ids))
            losses.append(float(F.cross_entropy(logits, paddle.to_tensor([row["label"]]))))
            right += int(logits.argmax(-1).item() == row["label"])
    return sum(losses) / len(losses), right / len(rows)


@pytest.mark.slow
def test_import_an_archive_fine_tune_offline_and_export_for_another_computer(tmp_path):
    saved = save_tiny_ernie(tmp_path / "tiny-ernie")
    archive = tmp_path / "tiny-ernie.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        tf.add(saved, "tiny-ernie")
    workspace = tmp_path / "ws"

    res = cli("models", "import", str(archive), workspace=workspace)
    assert res.returncode == 0, res.stderr
    assert "imported ernie-custom" in res.stdout and "custom ERNIE" in res.stdout
    store = workspace / "models" / "ernie-custom"
    info = json.loads((store / "store.json").read_text("utf-8"))
    assert info["architecture"]["hidden_size"] == 64 and len(info["files"]["model_state.pdparams"]) == 64
    listing = cli("models", workspace=workspace)
    assert "ernie-custom" in listing.stdout.split("available offline:")[1]

    res = cli("train", "--data", str(REVIEWS / "train.tsv"), "--dev", str(REVIEWS / "dev.tsv"),
              "--model", "ernie-custom", "--preset", "quick", "--max-steps", "3", "--max-seq-len", "128",
              workspace=workspace, env={"PDK_TEST_EVAL_AT_START": "1"})
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    assert "trains from random weights" not in res.stdout + res.stderr
    (run_dir,) = (workspace / "runs").iterdir()
    events = [json.loads(x) for x in (run_dir / "events.jsonl").read_text("utf-8").splitlines()]
    start = next(e for e in events if e["type"] == "start")
    assert start["pretrained"] == str(store)
    assert "imported as ernie-custom" in start["weights"] and str(archive) in start["weights"]
    step0 = next(e for e in events if e["type"] == "eval" and e["step"] == 0)
    loss, accuracy = dev_loss_of_saved_model(saved, run_dir)
    assert step0["loss"] == pytest.approx(loss, abs=1e-4)
    assert step0["accuracy"] == pytest.approx(accuracy)

    out = tmp_path / "for-another-computer.zip"
    res = cli("models", "export", "ernie-custom", str(out), workspace=workspace)
    assert res.returncode == 0, res.stderr
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
    assert {"ernie-custom/model_state.pdparams", "ernie-custom/vocab.txt", "ernie-custom/config.json"} <= names
    other = tmp_path / "other-ws"
    assert cli("models", "import", str(out), workspace=other).returncode == 0
    again = json.loads((other / "models" / "ernie-custom" / "store.json").read_text("utf-8"))
    assert again["files"]["model_state.pdparams"] == info["files"]["model_state.pdparams"]


def test_a_weightless_ernie_is_named_before_start_and_trains_from_scratch_in_the_report(tmp_path):
    from core.model_store import NO_WEIGHTS, weights_status
    from core.runs import Workspace

    workspace = Workspace(tmp_path / "ws")
    assert weights_status("ernie-3.0-mini-zh", workspace) == (False, NO_WEIGHTS)
    assert weights_status("ngrams", workspace)[0]  # learns from the data: nothing to miss
    res = cli("train", "--data", str(REVIEWS / "train.tsv"), "--model", "ernie-tiny-test", "--max-steps", "1",
              workspace=tmp_path / "ws")
    assert res.returncode == 0, res.stderr[-2000:]
    warning = "warning: ernie-tiny-test: " + NO_WEIGHTS
    assert warning in res.stderr and res.stdout.find("run ") > -1  # said before the run started
    (run_dir,) = (tmp_path / "ws" / "runs").iterdir()
    start = next(json.loads(x) for x in (run_dir / "events.jsonl").read_text("utf-8").splitlines()
                 if json.loads(x)["type"] == "start")
    assert start["weights"].startswith("trained from scratch")


@pytest.mark.parametrize("broken, message", [
    ("vocab.txt", "no vocab.txt"), ("config.json", "no config.json or model_config.json"),
    ("model_state.pdparams", "no .pdparams weights file"),
])
def test_an_incomplete_model_folder_is_refused_with_what_is_missing(tmp_path, broken, message):
    from core.model_store import ModelStoreError, import_pretrained
    from core.runs import Workspace

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "vocab.txt").write_text("[PAD]\n[UNK]\n[CLS]\n[SEP]\n", encoding="utf-8")
    (folder / "config.json").write_text(json.dumps({"model_type": "ernie", "hidden_size": 8, "vocab_size": 4,
                                                    "num_hidden_layers": 1, "intermediate_size": 8}))
    (folder / "model_state.pdparams").write_bytes(b"weights")
    (folder / broken).unlink()
    with pytest.raises(ModelStoreError) as info:
        import_pretrained(folder, Workspace(tmp_path / "ws"))
    assert message in str(info.value) and str(folder) in str(info.value)
    assert not (tmp_path / "ws" / "models" / "ernie-custom").exists()


def test_an_archive_member_outside_the_folder_is_refused(tmp_path):
    from core.model_store import ModelStoreError, import_pretrained
    from core.runs import Workspace

    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("../outside.txt", "x")
    with pytest.raises(ModelStoreError, match="outside"):
        import_pretrained(evil, Workspace(tmp_path / "ws"))
    assert not (tmp_path / "outside.txt").exists()
