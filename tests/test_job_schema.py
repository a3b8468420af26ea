"""The app (core.jobs) and the trainer (core.trainer.config) read one table of job defaults and ranges."""

from __future__ import annotations

import dataclasses

import pytest

from core.jobs import DatasetSpec, JobSpec, ModelSpec, TrainSpec
from core.trainer.config import SCHEMA, TrainConfig, parse_config
from core.trainer.errors import DataError


def trainer_problems(job: JobSpec) -> str:
    try:
        parse_config(job.to_dict())
    except DataError as exc:
        return str(exc)
    return ""


@pytest.mark.parametrize("model, train, field", [
    ({"max_seq_len": 4}, {}, "model.max_seq_len"),
    ({"max_seq_len": 9000}, {}, "model.max_seq_len"),
    ({}, {"batch_size": 5000}, "train.batch_size"),
    ({}, {"learning_rate": 1.5}, "train.learning_rate"),
    ({}, {"warmup_ratio": 1.0}, "train.warmup_ratio"),
    ({}, {"metric": "f1"}, "train.metric"),
    ({}, {"logging_every": 0}, "train.logging_every"),
    ({}, {"epochs": 0}, "train.epochs"),
])
def test_a_value_one_side_refuses_the_other_refuses_too(tmp_path, model, train, field):
    data = tmp_path / "train.tsv"
    data.write_text("text\tlabel\n好\t正面\n", encoding="utf-8")
    job = JobSpec(dataset=DatasetSpec(train=str(data)), model=ModelSpec(**model), train=TrainSpec(**train))
    app_side = [p for p in job.problems() if p.startswith(field)]
    assert len(app_side) == 1, job.problems()
    assert app_side[0] in trainer_problems(job)  # the same words on both sides


def test_long_inputs_for_n_gram_models_pass_both_sides(tmp_path):
    data = tmp_path / "train.tsv"
    data.write_text("text\tlabel\n好\t正面\n", encoding="utf-8")
    job = JobSpec(dataset=DatasetSpec(train=str(data)), model=ModelSpec(max_seq_len=4096))
    assert job.problems() == [] and trainer_problems(job) == ""


def test_defaults_are_the_tables():
    config = TrainConfig()
    for spec in (ModelSpec(), TrainSpec()):
        section = "model" if isinstance(spec, ModelSpec) else "train"
        for f in dataclasses.fields(spec):
            assert getattr(spec, f.name) == SCHEMA[f"{section}.{f.name}"].default
            assert getattr(config, "model" if f.name == "name" else f.name) == getattr(spec, f.name)
