"""Model sizes for a dataset (the trainer's own count), time estimates, ERNIE weights, chance level."""

from __future__ import annotations

import json

import pytest

from core.jobs import DatasetSpec, JobSpec, ModelSpec
from tests.helpers.runs import write_events


def _sample() -> DatasetSpec:
    from core.datasets import sample_datasets

    return DatasetSpec(train=str(next(s for s in sample_datasets() if s.name == "reviews_zh").path))


@pytest.fixture(scope="module")
def facts():
    from core.estimates import dataset_facts

    return dataset_facts(_sample())


@pytest.fixture(scope="module")
def train_texts(tmp_path_factory):
    from core.datasets import prepare_run_data

    out = tmp_path_factory.mktemp("data")
    prepared = prepare_run_data(_sample(), out, seed=42)
    lines = prepared.files["train"].read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines]


def test_dataset_facts_count_the_split_a_run_trains_on(facts, train_texts):
    assert (facts.num_train, facts.num_dev) == (1476, 164) == (len(train_texts), 164)  # 1,640 rows, 10% dev
    assert sorted(facts.labels) == ["正面", "负面"]
    assert 10 < facts.mean_units < 60


@pytest.mark.parametrize("name", ["bow", "fasttext", "cnn", "bilstm", "ernie-tiny-test", "ernie-3.0-nano-zh"])
def test_the_size_quoted_for_a_dataset_is_the_built_networks(name, facts, train_texts):
    from core.models import params_for_dataset
    from core.trainer.nets import build_network, num_parameters
    from core.trainer.text import build_tokenizer

    tokenizer = build_tokenizer(name, train_texts)  # what the trainer builds offline
    net = build_network(name, tokenizer, num_classes=len(facts.labels))
    assert params_for_dataset(name, facts.unit_types, facts.wordpiece_types, len(facts.labels)) \
        == num_parameters(net)


def test_pretrained_ernie_is_quoted_with_its_own_vocabulary():
    from core.models import count_params, params_for_dataset

    assert params_for_dataset("ernie-3.0-mini-zh", 3000, 3500, 2, pretrained=True) \
        == count_params("ernie-3.0-mini-zh", 40000, 2)


def test_the_estimate_follows_the_catalogue_then_this_machines_last_run(facts, workspace):
    from core.estimates import estimate
    from core.models import CPU_SAMPLES_PER_S, catalogue_speed

    ernie = estimate("ernie-3.0-mini-zh", facts, epochs=3, batch_size=32, max_steps=0, max_seq_len=128, gpu=False,
                     workspace=workspace)
    assert ernie.from_run == ""
    assert ernie.samples_per_s == catalogue_speed("ernie-3.0-mini-zh", False, facts.mean_units, 128)
    assert ernie.samples_per_s == pytest.approx(CPU_SAMPLES_PER_S["ernie-3.0-mini-zh"], rel=0.1)
    # 3 epochs of 630 texts at under 2 samples/s: more than a quarter of an hour on this CPU
    assert ernie.seconds > 15 * 60
    fast = estimate("fasttext", facts, epochs=3, batch_size=32, max_steps=0, max_seq_len=384, gpu=False)
    assert fast.seconds < 60
    gpu = estimate("ernie-3.0-mini-zh", facts, epochs=3, batch_size=32, max_steps=0, max_seq_len=128, gpu=True)
    assert gpu.seconds < ernie.seconds / 50
    capped = estimate("ernie-3.0-mini-zh", facts, epochs=3, batch_size=32, max_steps=4, max_seq_len=128, gpu=False)
    assert capped.seconds < ernie.seconds / 5

    # a run of the same model on this CPU measured 4 samples/s: that figure wins
    run = workspace.new_run(JobSpec(dataset=_sample(), model=ModelSpec(name="ernie-3.0-mini-zh")))
    events = [{"v": 1, "type": "start", "ts": 1.0, "seq": 1, "device": "cpu", "total_steps": 10}]
    events += [{"v": 1, "type": "step", "ts": 2.0, "seq": 2 + i, "step": i, "loss": 0.7, "samples_per_s": 4.0}
               for i in range(5)]
    write_events(run, events)
    measured = estimate("ernie-3.0-mini-zh", facts, epochs=3, batch_size=32, max_steps=0, max_seq_len=128,
                        gpu=False, workspace=workspace)
    assert measured.from_run == run.id and measured.samples_per_s == 4.0
    assert measured.seconds < ernie.seconds
    on_gpu = estimate("ernie-3.0-mini-zh", facts, epochs=3, batch_size=32, max_steps=0, max_seq_len=128,
                      gpu=True, workspace=workspace)
    assert on_gpu.from_run == ""  # a CPU run says nothing about a GPU


def test_longer_texts_than_measured_train_slower():
    from core.models import catalogue_speed

    short = catalogue_speed("bilstm", False, mean_units=20, max_seq_len=128)
    long = catalogue_speed("bilstm", False, mean_units=256, max_seq_len=128)
    assert long == pytest.approx(short / 4)


def test_ernie_weights_are_looked_up_where_its_trainer_looks_without_the_network(workspace, tmp_path,
                                                                                  monkeypatch):
    from core.model_store import weights_status

    def here(model, runner="local"):
        return weights_status(model, workspace, runner)[0]

    monkeypatch.setenv("PPNLP_HOME", str(tmp_path / "ppnlp"))
    assert not here("ernie-3.0-mini-zh")
    assert here("fasttext")  # nothing to download
    folder = tmp_path / "ppnlp" / "pdk_pretrained" / "ernie-3.0-mini-zh"
    folder.mkdir(parents=True)
    (folder / "vocab.txt").write_text("[PAD]\n", encoding="utf-8")
    assert not here("ernie-3.0-mini-zh")  # a vocabulary alone is no model
    (folder / "model_state.pdparams").write_bytes(b"\0")
    assert here("ernie-3.0-mini-zh")
    assert not here("ernie-3.0-mini-zh", runner="docker")  # the container's cache
    paddlenlp_cache = workspace.root / "cache" / "paddlenlp" / "models" / "ernie-3.0-mini-zh"
    paddlenlp_cache.mkdir(parents=True)
    (paddlenlp_cache / "vocab.txt").write_text("[PAD]\n", encoding="utf-8")
    (paddlenlp_cache / "model_state.pdparams").write_bytes(b"\0")
    assert here("ernie-3.0-mini-zh", runner="docker")


def _eval(accuracy, supports, step=10):
    names = ["负面", "正面", "中性"][:len(supports)]
    return {"step": step, "split": "dev", "accuracy": accuracy,
            "per_class": {n: {"support": s} for n, s in zip(names, supports)}}


def test_chance_level_is_the_majority_share_of_the_dev_set():
    from core.verdicts import chance_level

    verdict = chance_level([_eval(0.48, (35, 35), 5), _eval(0.5, (35, 35), 10)])
    assert verdict is not None and verdict.majority_rate == 0.5 and verdict.best_accuracy == 0.5
    assert "chance level" in verdict.message and "learned nothing useful" in verdict.message
    assert chance_level([_eval(0.5, (35, 35), 5), _eval(0.86, (35, 35), 10)]) is None  # the best counts
    # 80 % of the dev set is one label: 0.81 is what always answering it gives
    assert chance_level([_eval(0.81, (80, 20))]) is not None
    assert chance_level([_eval(0.90, (80, 20))]) is None
    # three classes, a tiny dev set: one example is a wider step than the default margin
    assert chance_level([_eval(0.40, (4, 3, 3))]) is not None
    assert chance_level([_eval(0.60, (4, 3, 3))]) is None
    # no supports: the confusion matrix's rows say the same
    assert chance_level([{"accuracy": 0.5, "confusion": [[10, 0], [10, 0]]}]) is not None
    assert chance_level([]) is None
    assert chance_level([{**_eval(0.5, (35, 35)), "split": "test"}]) is None  # the test score is not the curve


def test_the_cli_end_summary_says_when_accuracy_is_at_chance_level(workspace, capsys):
    from paddledesk.cli import follow

    run = workspace.new_run(JobSpec(dataset=_sample(), model=ModelSpec(name="ernie-3.0-mini-zh")))
    run.write_runner_info({"kind": "local", "pid": 0, "state": "exited", "exit_code": 0})
    events = [{"v": 1, "type": "start", "ts": 1.0, "seq": 1, "labels": ["负面", "正面"], "total_steps": 10},
              {"v": 1, "type": "eval", "ts": 2.0, "seq": 2, **_eval(0.5, (35, 35))},
              {"v": 1, "type": "done", "ts": 3.0, "seq": 3, "step": 10, "duration_s": 1970.0,
               "best": {"metric": "accuracy", "value": 0.5, "step": 10}}]
    write_events(run, events)
    assert follow(run) == 0
    err = capsys.readouterr().err
    assert "accuracy at chance level: the model learned nothing useful" in err and "'负面'" in err
    assert "hint:" in err
