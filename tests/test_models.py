"""The user-facing model catalogue: names, sizes, memory estimates, presets; cheap to import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from core import models
from core.jobs import JobSpec

ISSUE_MODELS = ["bow", "fasttext", "ngrams", "cnn", "bilstm", "ernie-3.0-nano-zh", "ernie-3.0-micro-zh",
                "ernie-3.0-mini-zh", "ernie-3.0-medium-zh", "ernie-3.0-base-zh", "ernie-1.0"]


def test_catalogue_lists_every_model_of_the_issue_and_hides_the_test_model():
    names = [m.name for m in models.list_models()]
    assert names == ISSUE_MODELS
    assert "ernie-tiny-test" in [m.name for m in models.list_models(include_hidden=True)]
    for m in models.list_models():
        assert m.display_name and m.description and m.speed_hint
        assert m.needs_download == (m.family == "ernie")
    assert models.get_model(models.DEFAULT_MODEL).family == "ngrams"
    assert models.recommended_model("sentiment") == "ngrams"
    assert models.get_model(models.recommended_model("sentiment", gpu=True)).family == "ernie"


@pytest.mark.parametrize("name,published_millions", [
    ("ernie-3.0-nano-zh", 18), ("ernie-3.0-micro-zh", 23), ("ernie-3.0-mini-zh", 27),
    ("ernie-3.0-medium-zh", 75), ("ernie-3.0-base-zh", 118), ("ernie-1.0", 100),
])
def test_ernie_parameter_counts_match_the_published_sizes(name, published_millions):
    assert models.get_model(name).params / 1e6 == pytest.approx(published_millions, rel=0.03)


def test_listed_sizes_equal_real_networks_built_at_that_vocabulary():
    from core.trainer import nets, text

    units = [f"u{i}" for i in range(models.TYPICAL_DATA_VOCAB - 2)]
    for name in ("bow", "fasttext", "cnn", "bilstm"):
        arch = models.MODEL_ARCHS[name]
        tok = text.UnitTokenizer(["[PAD]", "[UNK]", *units], arch.get("ngrams", 1), arch.get("buckets", 0))
        net = nets.build_network(name, tok, num_classes=2)
        assert nets.num_parameters(net) == models.get_model(name).params, name
    # the smallest real ERNIE, built from its published config (40k vocabulary)
    wp = text.WordPieceTokenizer(["[PAD]", "[CLS]", "[SEP]", "[UNK]", "[MASK]", *units[:40000 - 5]]
                                 + [f"v{i}" for i in range(40000 - 5 - len(units))])
    net = nets.build_network("ernie-3.0-nano-zh", wp, num_classes=2)
    assert nets.num_parameters(net) == models.get_model("ernie-3.0-nano-zh").params


def test_gpu_memory_estimate_grows_with_model_batch_and_length_and_shrinks_with_amp():
    gib = 1024 ** 3
    est = models.gpu_memory_estimate
    assert est("ernie-3.0-base-zh", 32, 128) > est("ernie-3.0-medium-zh", 32, 128) > est("ernie-3.0-nano-zh", 32, 128)
    assert est("ernie-3.0-mini-zh", 64, 128) > est("ernie-3.0-mini-zh", 32, 128)
    assert est("ernie-3.0-mini-zh", 32, 512) > 2 * est("ernie-3.0-mini-zh", 32, 128) - gib
    assert est("ernie-3.0-base-zh", 32, 256, amp=True) < est("ernie-3.0-base-zh", 32, 256)
    # BERT-base-sized fine-tuning at batch 32 x 128 takes a few GiB, not MiB and not tens of GiB
    assert 3 * gib < est("ernie-3.0-base-zh", 32, 128) < 12 * gib
    assert est("bow", 32, 128) < gib


def test_every_model_has_quick_balanced_best_presets_that_make_a_valid_job(tmp_path):
    train = tmp_path / "train.tsv"
    train.write_text("text\tlabel\n好\t1\n", encoding="utf-8")
    for m in models.list_models(include_hidden=True):
        options = models.presets(m.name)
        assert list(options) == list(models.PRESET_LEVELS)
        assert options["quick"].epochs <= options["balanced"].epochs <= options["best"].epochs
        for level in models.PRESET_LEVELS:
            job = JobSpec()
            job.dataset.train = str(train)
            job.model.name = m.name
            models.apply_preset(job, level.upper())
            assert job.problems() == [], (m.name, level)
            assert job.train.learning_rate == options[level].learning_rate
            assert job.train.weight_decay == options[level].weight_decay
            models.apply_preset(job, level, pretrained=False)
            assert job.problems() == [], (m.name, level, "from scratch")
    assert models.preset("ernie-3.0-mini-zh", "balanced").learning_rate < 1e-4  # fine-tuning rates
    # built from config offline: training from scratch needs larger steps
    assert models.preset("ernie-3.0-mini-zh", "balanced", pretrained=False).learning_rate >= 1e-4
    # the default model's decay stands in for logistic regression's penalty; the others keep AdamW's usual
    assert models.preset("ngrams", "balanced").weight_decay > models.preset("bow", "balanced").weight_decay
    assert models.get_model("ernie-1.0").max_seq_len_limit == 513
    assert models.get_model("fasttext").max_seq_len_limit is None


def test_unknown_names_give_messages_listing_the_choices():
    with pytest.raises(models.ModelError, match="ernie-3.0-mini-zh"):
        models.get_model("ernie-4")
    with pytest.raises(models.ModelError, match="quick, balanced, best"):
        models.preset("bow", "fastest")


def _import_the_catalogue() -> list[str]:
    code = "import time; t = time.perf_counter(); import core.models, sys; " \
           "print('paddle' in sys.modules, 'paddlenlp' in sys.modules, time.perf_counter() - t)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()


def test_importing_the_catalogue_does_not_import_paddle():
    assert _import_the_catalogue()[:2] == ["False", "False"]


@pytest.mark.perf
def test_importing_the_catalogue_takes_under_0_3_s():
    assert float(_import_the_catalogue()[2]) < 0.3
