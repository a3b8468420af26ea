"""The model catalogue users choose from: names, sizes, memory estimates and preset hyper-parameters.

Pure Python (no paddle): the GUI lists models before anything heavy is imported. Architectures
and parameter formulas live in ``core.trainer.catalogue``, shared with the trainer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from core.errors import UserFacingError
from core.formatting import format_count
from core.trainer.catalogue import MODEL_ARCHS, count_params, get_arch
from core.trainer.config import default

# Units a typical Chinese review corpus yields (characters + ASCII words); sizes of
# vocabulary-from-data models are quoted for this many.
TYPICAL_DATA_VOCAB = 6000
PRESET_LEVELS = ("quick", "balanced", "best")
DEFAULT_MODEL = "ngrams"  # beats a tuned TF-IDF + logistic regression on real reviews (bench/offline_accuracy.py)


class ModelError(UserFacingError, ValueError):
    """A model name or preset a user picked that does not exist; the message lists the choices."""

    kind = "model"


@dataclass(frozen=True)
class ModelInfo:
    """One entry of the catalogue as shown to a user."""

    name: str
    display_name: str
    family: str
    description: str
    params: int  # trainable parameters for 2 classes (published vocabulary, or TYPICAL_DATA_VOCAB)
    speed_hint: str
    needs_download: bool  # pretrained weights come from the model hub (offline: built from config)
    hidden: bool = False  # test-only models are not listed to users
    max_seq_len_limit: int | None = None  # ERNIE: its position table; longer inputs are cut there

    @property
    def params_text(self) -> str:
        """Parameter count for display, e.g. '18.0M'."""
        return format_count(self.params)


@dataclass(frozen=True)
class Preset:
    """Hyper-parameters of one preset level; field names follow JobSpec."""

    epochs: int
    batch_size: int
    learning_rate: float
    max_seq_len: int
    weight_decay: float = default("train.weight_decay")

    def as_dict(self) -> dict[str, Any]:
        """Plain dict (JSON-ready)."""
        return asdict(self)


_TEXTS: dict[str, tuple[str, str, str]] = {
    # name: (display name, description, speed hint)
    "bow": ("Bag of words", "Averages character embeddings; the simplest baseline.",
            "seconds per epoch on a CPU"),
    "fasttext": ("fastText (char n-grams)",
                 "Averages embeddings of characters and hashed 2-/3-character n-grams; "
                 "fast and strong on short reviews. Recommended first model.",
                 "seconds per epoch on a CPU"),
    "ngrams": ("N-grams (TF-IDF, 3 heads)",
               "Hashed character 1-5-grams and jieba words; linear heads over their TF-IDF "
               "characters, their TF-IDF and their naive-Bayes-weighted TF-IDF, averaged; evaluated 4 times "
               "per epoch, the best kept. Recommended on a CPU.",
               "seconds per epoch on a CPU"),
    "cnn": ("Char CNN", "Convolutions of widths 2-4 over characters, max-pooled.",
            "about a minute per epoch of 10k sentences on a CPU"),
    "bilstm": ("BiLSTM", "Bidirectional LSTM over characters, mean-pooled.",
               "minutes per epoch on a CPU; faster on a GPU"),
    "ernie-3.0-nano-zh": ("ERNIE 3.0 Nano", "Smallest pretrained ERNIE 3.0 (4 layers, 312 wide).",
                          "GPU recommended; a CPU manages small datasets"),
    "ernie-3.0-micro-zh": ("ERNIE 3.0 Micro", "Pretrained ERNIE 3.0, 4 layers, 384 wide.",
                           "GPU recommended"),
    "ernie-3.0-mini-zh": ("ERNIE 3.0 Mini", "Pretrained ERNIE 3.0, 6 layers, 384 wide.",
                          "GPU recommended"),
    "ernie-3.0-medium-zh": ("ERNIE 3.0 Medium", "Pretrained ERNIE 3.0, 6 layers, 768 wide: "
                            "high accuracy at moderate cost.", "GPU needed"),
    "ernie-3.0-base-zh": ("ERNIE 3.0 Base", "Pretrained ERNIE 3.0, 12 layers, 768 wide: the most accurate.",
                          "GPU needed"),
    "ernie-1.0": ("ERNIE 1.0", "The original Chinese ERNIE, 12 layers, 768 wide.", "GPU needed"),
    "ernie-custom": ("ERNIE (imported)", "An imported ERNIE whose sizes match no catalogue entry.",
                     "GPU recommended"),
    "ernie-tiny-test": ("ERNIE tiny (test)", "2 layers, 64 wide, built from config; for tests.",
                        "seconds per epoch on a CPU"),
}

_PRESETS: dict[str, dict[str, Preset]] = {
    # Embedding averages need large steps: at 5e-3 a 700-sentence set ends with ~0.52 probabilities;
    # 2e-2 gives the same accuracy on 8k real reviews (0.837) and confident predictions on small sets.
    "bow": {"quick": Preset(2, 64, 2e-2, 128), "balanced": Preset(4, 32, 2e-2, 256),
            "best": Preset(8, 32, 1e-2, 256)},
    "fasttext": {"quick": Preset(2, 64, 2e-2, 256), "balanced": Preset(3, 32, 2e-2, 384),
                 "best": Preset(5, 32, 1e-2, 512)},
    # ids, not characters: a text of n units has up to 5n n-gram ids (+ its words). AdamW's decay
    # of 0.1 stands in for logistic regression's L2 penalty: over four splits of real reviews it
    # gave 0.0 to 0.25 points more test accuracy than 0.01 (bench/offline_accuracy.py's data)
    "ngrams": {"quick": Preset(2, 32, 1e-2, 1024, 0.1), "balanced": Preset(3, 32, 1e-2, 2048, 0.1),
               "best": Preset(4, 32, 5e-3, 4096, 0.1)},
    "cnn": {"quick": Preset(2, 64, 2e-3, 128), "balanced": Preset(3, 32, 2e-3, 256),
            "best": Preset(5, 32, 1e-3, 256)},
    "bilstm": {"quick": Preset(2, 64, 2e-3, 128), "balanced": Preset(3, 32, 2e-3, 128),
               "best": Preset(5, 32, 1e-3, 256)},
    "ernie": {"quick": Preset(1, 32, 5e-5, 128), "balanced": Preset(3, 32, 5e-5, 128),
              "best": Preset(5, 16, 3e-5, 256)},
}
# A model built from config (no pretrained weights) learns from scratch: larger steps, more epochs.
_TINY_PRESETS = {"quick": Preset(1, 16, 1e-3, 64), "balanced": Preset(3, 32, 1e-3, 128),
                 "best": Preset(5, 32, 5e-4, 128)}
_SCRATCH_ERNIE_PRESETS = {"quick": Preset(2, 32, 5e-4, 128), "balanced": Preset(5, 32, 3e-4, 128),
                          "best": Preset(10, 32, 2e-4, 256)}


def _info(name: str) -> ModelInfo:
    arch = get_arch(name)
    display, description, speed = _TEXTS[name]
    fam = arch["family"]
    vocab = None if fam == "ernie" and arch["vocab_size"] else TYPICAL_DATA_VOCAB + arch.get("buckets", 0)
    if fam == "ernie" and not arch["vocab_size"]:
        vocab = 1000  # the test model's vocabulary comes from the data, like a small corpus
    return ModelInfo(
        name=name, display_name=display, family=fam, description=description,
        params=count_params(name, vocab, num_classes=2), speed_hint=speed,
        needs_download=bool(arch.get("pretrained_name")), hidden=name in ("ernie-tiny-test", "ernie-custom"),
        max_seq_len_limit=arch.get("max_position_embeddings"),
    )


MODELS: dict[str, ModelInfo] = {name: _info(name) for name in MODEL_ARCHS}


def list_models(include_hidden: bool = False) -> list[ModelInfo]:
    """Catalogue entries in display order (small to large within each kind)."""
    return [m for m in MODELS.values() if include_hidden or not m.hidden]


def get_model(name: str) -> ModelInfo:
    """The entry for ``name``; ModelError lists the valid names."""
    try:
        return MODELS[name]
    except KeyError:
        names = ", ".join(m.name for m in list_models())
        raise ModelError(f"unknown model {name!r}; choose one of: {names}") from None


def presets(name: str, pretrained: bool = True) -> dict[str, Preset]:
    """Quick / Balanced / Best hyper-parameters for a model.

    ``pretrained=False``: ERNIE built from its config (offline, no weights) trains from scratch
    and needs larger learning rates than fine-tuning.
    """
    info = get_model(name)
    if name == "ernie-tiny-test":
        return dict(_TINY_PRESETS)
    if info.family == "ernie" and not pretrained:
        return dict(_SCRATCH_ERNIE_PRESETS)
    return dict(_PRESETS[info.family])


def preset(name: str, level: str, pretrained: bool = True) -> Preset:
    """One preset; ``level`` is quick, balanced or best (any case)."""
    options = presets(name, pretrained)
    key = level.strip().lower()
    if key not in options:
        raise ModelError(f"unknown preset {level!r}; choose one of: {', '.join(PRESET_LEVELS)}")
    return options[key]


def apply_preset(job: Any, level: str, pretrained: bool = True) -> Any:
    """Set epochs, batch size, learning rate, weight decay and max length of a JobSpec from its
    model's preset."""
    p = preset(job.model.name, level, pretrained)
    job.train.epochs = p.epochs
    job.train.batch_size = p.batch_size
    job.train.learning_rate = p.learning_rate
    job.train.weight_decay = p.weight_decay
    job.model.max_seq_len = p.max_seq_len
    return job


def recommended_model(task: str = "sentiment", gpu: bool = False) -> str:
    """The model to suggest first: fastText on a CPU, ERNIE 3.0 Mini when a GPU is there."""
    if gpu and task in ("sentiment", "topic", "classification"):
        return "ernie-3.0-mini-zh"
    return DEFAULT_MODEL


_MIB = 1024 * 1024
_CUDA_OVERHEAD = 600 * _MIB  # CUDA context, cuBLAS/cuDNN workspaces, allocator slack


def activation_bytes(name: str, batch: int, seq_len: int, amp: bool = False) -> int:
    """Rough memory of activations kept for the backward pass of one batch."""
    arch = get_arch(name)
    fam = arch["family"]
    width = 2 if amp else 4
    b, s = batch, seq_len
    if fam == "ernie":
        h, a, n = arch["hidden_size"], arch["num_attention_heads"], arch["num_hidden_layers"]
        # Korthikanti et al. 2022: s*b*h*(34 + 5*a*s/h) bytes per layer in 16-bit
        per_layer = s * b * h * (34 + 5 * a * s / h)
        return int(per_layer * n * width / 2 + 4 * b * s * h * width)
    e = arch["embed_dim"]
    if fam in ("fasttext", "ngrams"):
        s *= arch["ngrams"] if fam == "fasttext" else 1  # fastText: each character brings its n-grams
        return int(3 * b * s * e * width)
    if fam == "bow":
        return int(3 * b * s * e * width + 2 * b * arch["hidden_size"] * width)
    if fam == "cnn":
        f, ks = arch["num_filters"], arch["kernel_sizes"]
        return int(b * s * (3 * e + 3 * f * len(ks)) * width)
    if fam == "bilstm":
        hdn = arch["hidden_size"] * arch["num_layers"]
        return int(b * s * (2 * e + 2 * 12 * hdn) * width)
    raise ModelError(f"model {name!r}: unknown family {fam!r}")


def gpu_memory_estimate(name: str, batch: int, seq_len: int, amp: bool = False, num_classes: int = 2) -> int:
    """Rough GPU memory in bytes to train ``name``: weights + grads + AdamW states + activations.

    Good to within a factor of about 1.5; meant to warn before a run that cannot fit.
    """
    info = get_model(name)
    params = info.params + (num_classes - 2) * 1024  # classifier rows are negligible
    # fp32 weights (4) + fp32 grads (4) + AdamW moments (8); AMP adds a half copy of the weights (2)
    states = params * (18 if amp else 16)
    acts = activation_bytes(name, batch, seq_len, amp)
    return int(_CUDA_OVERHEAD + states + acts * 1.2)


# Training samples per second on a CPU, measured on this project's machines (2 shared cores, Paddle
# 3.3.1) by tools/measure_model_speed.py: batch 32, the Balanced max length, the shipped sample
# reviews (32 units per text on average), median after the first logging window. ERNIE Micro, Medium,
# Base and 1.0 are scaled from Mini by the weights a token passes through (the larger ones take
# minutes per step here). Other work shared the cores: expect a spread of about 2x.
CPU_SAMPLES_PER_S: dict[str, float] = {
    "bow": 7600.0, "fasttext": 690.0, "ngrams": 590.0, "cnn": 150.0, "bilstm": 750.0,
    "ernie-3.0-nano-zh": 12.2, "ernie-3.0-micro-zh": 2.5, "ernie-3.0-mini-zh": 1.7,
    "ernie-3.0-medium-zh": 0.42, "ernie-3.0-base-zh": 0.21, "ernie-1.0": 0.21, "ernie-tiny-test": 150.0,
    "ernie-custom": 12.2,
}
# Rough figures for one recent NVIDIA GPU at max length 128 (no GPU can train here: not measured).
GPU_SAMPLES_PER_S: dict[str, float] = {
    "bow": 50000.0, "fasttext": 30000.0, "ngrams": 30000.0, "cnn": 20000.0, "bilstm": 8000.0,
    "ernie-3.0-nano-zh": 1500.0, "ernie-3.0-micro-zh": 1300.0, "ernie-3.0-mini-zh": 1000.0,
    "ernie-3.0-medium-zh": 450.0, "ernie-3.0-base-zh": 250.0, "ernie-1.0": 250.0, "ernie-tiny-test": 3000.0,
    "ernie-custom": 1500.0,
}
SPEED_REFERENCE_UNITS = 32  # mean text length (units) of the texts the speeds were measured on


def catalogue_speed(name: str, gpu: bool, mean_units: float = SPEED_REFERENCE_UNITS,
                    max_seq_len: int = 128) -> float:
    """Expected training samples/s of ``name`` for texts of ``mean_units`` units cut at ``max_seq_len``.

    The cost of a step grows with the padded length, so longer texts than the measured ones are
    proportionally slower (shorter ones are not counted faster: padding to the batch's longest text).
    """
    get_model(name)
    base = (GPU_SAMPLES_PER_S if gpu else CPU_SAMPLES_PER_S)[name]
    length = min(max(float(mean_units), 1.0), float(max_seq_len))
    return base * min(1.0, SPEED_REFERENCE_UNITS / length)


def vocab_size_for(name: str, unit_types: int, wordpiece_types: int, pretrained: bool) -> int:
    """The tokenizer's id space the trainer builds for ``name`` from a training set with these
    distinct units (characters/words) and WordPiece pieces; ``pretrained``: ERNIE's own vocabulary."""
    arch = get_arch(name)
    if arch["family"] == "ernie":
        if pretrained and arch["vocab_size"]:
            return int(arch["vocab_size"])
        return min(5 + wordpiece_types, arch["vocab_size"] or arch.get("max_vocab", 30000))  # 5 specials
    return min(2 + unit_types, arch["max_vocab"]) + arch.get("buckets", 0)  # [PAD], [UNK]


def params_for_dataset(name: str, unit_types: int, wordpiece_types: int, num_classes: int,
                       pretrained: bool = False) -> int:
    """Trainable parameters of ``name`` trained on a dataset (the count the trainer reports)."""
    vocab = vocab_size_for(name, unit_types, wordpiece_types, pretrained)
    return count_params(name, vocab, num_classes=num_classes)
