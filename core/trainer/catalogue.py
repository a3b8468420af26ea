"""Architectures of every model the trainer can build (pure data: no paddle import).

``core.models`` reads this table for the user-facing catalogue and ``nets``/``text`` read it to
build networks and tokenizers, so the sizes here are the single source of parameter counts.
ERNIE sizes are the published configurations of PaddleNLP's pretrained models.
"""

from __future__ import annotations

from typing import Any

PAD, UNK, CLS, SEP, MASK = "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"


def _ernie3(layers: int, hidden: int, intermediate: int, task_types: int = 16) -> dict[str, Any]:
    return {
        "family": "ernie",
        "vocab_size": 40000,
        "hidden_size": hidden,
        "num_hidden_layers": layers,
        "num_attention_heads": 12,
        "intermediate_size": intermediate,
        "hidden_act": "gelu",
        "max_position_embeddings": 2048,
        "type_vocab_size": 4,
        "use_task_id": True,
        "task_type_vocab_size": task_types,
        "pretrained_name": None,  # filled below with the key
    }


MODEL_ARCHS: dict[str, dict[str, Any]] = {
    # Vocabulary-from-data models: the vocabulary size is known only after build_tokenizer.
    "bow": {
        "family": "bow",
        "units": "char",  # CJK characters and ASCII words
        "min_freq": 1,
        "max_vocab": 30000,
        "embed_dim": 128,
        "hidden_size": 128,
        "dropout": 0.1,
    },
    "fasttext": {
        "family": "fasttext",
        "units": "char",
        "min_freq": 1,
        "max_vocab": 30000,
        "ngrams": 3,  # 1..3-grams of units; 2- and 3-grams hashed into buckets
        "buckets": 100000,
        "embed_dim": 64,
        "dropout": 0.5,  # on the pooled vector: without it n-grams memorise the training set
    },
    # The default CPU model: TF-IDF-weighted hashed char 1..5-grams (+ jieba words where installed),
    # linear heads over the TF-IDF characters, TF-IDF everything and NB-ratio-weighted everything,
    # averaged (see nets.NgramNet).
    "ngrams": {
        "family": "ngrams",
        "units": "char",
        "ngrams": 5,
        "buckets": 1 << 20,  # character n-gram ids; as many again for words
        "words": True,  # jieba words and word pairs when jieba can be imported; characters only otherwise
        "min_df": 2,
        "max_vocab": 1,  # [PAD] only: every other id is hashed (what core.models counts)
        "embed_dim": 2,  # one weight per id and class (what core.models' memory estimate reads)
        "evals_per_epoch": 4,  # with eval_every 0: the best point often falls inside an epoch
        # at least this many steps (more epochs on a small dataset): a linear model needs the
        # updates to become confident, and the best checkpoint is kept anyway
        "min_steps": 800,
        "loss_breaks_ties": True,  # small data: dev accuracy plateaus early; keep the surer model
    },
    "cnn": {
        "family": "cnn",
        "units": "char",
        "min_freq": 1,
        "max_vocab": 30000,
        "embed_dim": 128,
        "num_filters": 128,
        "kernel_sizes": [2, 3, 4],
        "dropout": 0.2,
    },
    "bilstm": {
        "family": "bilstm",
        "units": "char",
        "min_freq": 1,
        "max_vocab": 30000,
        "embed_dim": 128,
        "hidden_size": 128,
        "num_layers": 1,
        "dropout": 0.2,
    },
    "ernie-3.0-nano-zh": _ernie3(4, 312, 1248),
    "ernie-3.0-micro-zh": _ernie3(4, 384, 1536),
    "ernie-3.0-mini-zh": _ernie3(6, 384, 1536),
    "ernie-3.0-medium-zh": _ernie3(6, 768, 3072),
    "ernie-3.0-base-zh": _ernie3(12, 768, 3072, task_types=3),
    "ernie-1.0": {
        "family": "ernie",
        "vocab_size": 18000,
        "hidden_size": 768,
        "num_hidden_layers": 12,
        "num_attention_heads": 12,
        "intermediate_size": 3072,
        "hidden_act": "relu",
        "max_position_embeddings": 513,
        "type_vocab_size": 2,
        "use_task_id": False,
        "task_type_vocab_size": 3,
        "pretrained_name": "ernie-1.0",
    },
    # An imported ERNIE whose sizes match no entry above: its own config.json says how to build it.
    "ernie-custom": {**_ernie3(4, 312, 1248), "pretrained_name": None, "needs_import": True},
    # What the tests build: no pretrained weights exist, always from config.
    "ernie-tiny-test": {
        "family": "ernie",
        "vocab_size": 0,  # 0: the vocabulary built from the data
        "hidden_size": 64,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "intermediate_size": 128,
        "hidden_act": "gelu",
        "max_position_embeddings": 512,
        "type_vocab_size": 2,
        "use_task_id": False,
        "task_type_vocab_size": 3,
        "pretrained_name": None,
    },
}
for _name, _arch in MODEL_ARCHS.items():
    if _name.startswith("ernie-3.0"):
        _arch["pretrained_name"] = _name

FAMILIES = ("bow", "fasttext", "ngrams", "cnn", "bilstm", "ernie")


class UnknownModelError(KeyError):
    """A model name that is not in the catalogue."""

    def __str__(self) -> str:
        return str(self.args[0])


def get_arch(name: str) -> dict[str, Any]:
    """The architecture of ``name`` (a copy); UnknownModelError lists the known names."""
    try:
        return dict(MODEL_ARCHS[name])
    except KeyError:
        raise UnknownModelError(
            f"unknown model {name!r}; choose one of: {', '.join(MODEL_ARCHS)}"
        ) from None


def family_of(name: str) -> str:
    """The family (bow, fasttext, cnn, bilstm, ernie) of a catalogue model."""
    return get_arch(name)["family"]


def count_params(name: str, vocab_size: int | None = None, num_classes: int = 2) -> int:
    """Trainable parameters of the network ``nets.build_network`` builds for ``name``.

    ``vocab_size`` is the tokenizer's id space (``Tokenizer.vocab_size``, hashed buckets
    included); None uses the published size for ERNIE and the largest vocabulary for the others.
    """
    a = get_arch(name)
    fam = a["family"]
    c = num_classes
    if fam == "ernie":
        v = vocab_size or a["vocab_size"] or 0
        h, i, n = a["hidden_size"], a["intermediate_size"], a["num_hidden_layers"]
        emb = (v + a["max_position_embeddings"] + a["type_vocab_size"]) * h + 2 * h
        if a["use_task_id"]:
            emb += a["task_type_vocab_size"] * h
        layer = 4 * (h * h + h) + (h * i + i) + (i * h + h) + 2 * 2 * h
        pooler = h * h + h
        return emb + n * layer + pooler + h * c + c
    e = a["embed_dim"]
    if fam == "ngrams":  # hashed ids: the size is fixed whatever the data; idf weights are fitted, not counted
        v = 2 * a["buckets"] + 1
        return (a["buckets"] + 1) * c + c + 2 * (v * c + c)
    v = vocab_size if vocab_size is not None else a["max_vocab"] + a.get("buckets", 0)
    if fam == "bow":
        hdn = a["hidden_size"]
        return v * e + e * hdn + hdn + hdn * c + c
    if fam == "fasttext":
        return v * e + e * c + c
    if fam == "cnn":
        f = a["num_filters"]
        ks = a["kernel_sizes"]
        return v * e + sum(k * e * f + f for k in ks) + len(ks) * f * c + c
    if fam == "bilstm":
        hdn = a["hidden_size"]
        total, inp = v * e, e
        for _ in range(a["num_layers"]):
            total += 2 * (4 * hdn * inp + 4 * hdn * hdn + 8 * hdn)
            inp = 2 * hdn
        return total + 2 * hdn * c + c
    raise UnknownModelError(f"model {name!r} has an unknown family {fam!r}")
