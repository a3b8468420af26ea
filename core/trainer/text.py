"""Tokenizers for every model family (pure Python: no paddle, no paddlenlp).

Two kinds, both saved as a one-token-per-line ``vocab.txt`` (ERNIE's file format, line number = id):

* ``UnitTokenizer`` for bow/fasttext/cnn/bilstm: text -> units (each CJK character, each ASCII
  word or number lower-cased, each other non-space character) -> ids from a vocabulary built
  from the training texts, ``[PAD]=0``, ``[UNK]=1``. With ``ngrams > 1`` (fastText) each unit is
  followed by the hashed ids of the 2..n-grams that end at it.
* ``WordPieceTokenizer`` for ERNIE: BERT-style basic tokenization + greedy longest-match
  WordPiece, ``[CLS] ... [SEP]``; gives the ids of paddlenlp's ErnieTokenizer on the same vocab.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .catalogue import CLS, MASK, PAD, SEP, UNK, get_arch

VOCAB_FILE = "vocab.txt"


class TokenizerError(ValueError):
    """A vocabulary or tokenizer folder that cannot be used; the message names the file."""


# -- character classes (the same definitions as BERT/ERNIE's basic tokenizer) -------------------
def _is_whitespace(ch: str) -> bool:
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_control(ch: str) -> bool:
    return ch not in "\t\n\r" and unicodedata.category(ch).startswith("C")


_EXTRA_SYMBOLS = {0x00AD, 0x00B2, 0x00BA, 0x3007, 0x00B5, 0x00D8, 0x014B, 0x01B1}


def _is_punct_or_symbol(ch: str) -> bool:
    cp = ord(ch)
    # All non-alphanumeric ASCII counts as punctuation, as in BERT.
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    cat = unicodedata.category(ch)
    return cat.startswith("P") or cat.startswith("S") or cp in _EXTRA_SYMBOLS


def is_cjk(cp: int) -> bool:
    """Whether a code point is a CJK ideograph (split into single characters)."""
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def basic_tokenize(text: str, lower: bool = True) -> list[str]:
    """BERT basic tokenization: clean, split CJK chars, lower-case + strip accents, split punctuation."""
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if _is_whitespace(ch):
            out.append(" ")
        elif is_cjk(cp):
            out.extend((" ", ch, " "))
        else:
            out.append(ch)
    tokens: list[str] = []
    for word in "".join(out).split():
        if lower:
            word = "".join(c for c in unicodedata.normalize("NFD", word.lower())
                           if unicodedata.category(c) != "Mn")
        piece: list[str] = []
        for ch in word:
            if _is_punct_or_symbol(ch):
                if piece:
                    tokens.append("".join(piece))
                    piece = []
                tokens.append(ch)
            else:
                piece.append(ch)
        if piece:
            tokens.append("".join(piece))
    # A second whitespace split: stripping accents can leave separators behind.
    return " ".join(tokens).split()


def text_units(text: str) -> list[str]:
    """Units for the vocabulary models: CJK chars, lower-cased ASCII words/numbers, other chars."""
    units: list[str] = []
    word: list[str] = []
    for ch in text:
        if ch.isascii() and ch.isalnum():
            word.append(ch.lower())
            continue
        if word:
            units.append("".join(word))
            word = []
        if not ch.isspace() and ch.isprintable():
            units.append(ch)
    if word:
        units.append("".join(word))
    return units


# -- vocabulary files ---------------------------------------------------------------------------
def write_vocab(tokens: list[str], path: str | Path) -> None:
    """Write one token per line (the ERNIE/BERT vocab.txt format)."""
    for t in tokens:
        if "\n" in t or "\r" in t:
            raise TokenizerError(f"vocabulary token {t!r} contains a line break")
    Path(path).write_text("".join(t + "\n" for t in tokens), encoding="utf-8")


def read_vocab(path: str | Path) -> list[str]:
    """Read a vocab.txt; the line number is the id."""
    try:
        with open(path, encoding="utf-8", newline="\n") as f:
            return [line.rstrip("\n") for line in f]
    except FileNotFoundError:
        raise TokenizerError(f"{path}: vocabulary file not found; export or pretrained folder is incomplete") from None
    except UnicodeDecodeError as e:
        raise TokenizerError(f"{path}: vocabulary file is not UTF-8 ({e.reason}); the file is corrupt") from None


def _index(tokens: list[str]) -> dict[str, int]:
    # Later duplicates win, as in paddlenlp's load_vocabulary.
    return {t: i for i, t in enumerate(tokens)}


# -- tokenizers ---------------------------------------------------------------------------------
class Tokenizer:
    """Common interface: ``encode(text, max_len)``, ``pad_id``, ``save(folder)``."""

    kind = "base"
    pad_id = 0

    def __init__(self, tokens: list[str]):
        self.tokens = tokens
        self.token_to_id = _index(tokens)

    @property
    def vocab_size(self) -> int:
        """Size of the id space the network's embedding must cover."""
        return len(self.tokens)

    def encode(self, text: str, max_len: int) -> list[int]:  # pragma: no cover - abstract
        """Ids of ``text`` with special tokens, truncated to ``max_len``, not padded."""
        raise NotImplementedError

    def encode_batch(self, texts: Iterable[str], max_len: int) -> list[list[int]]:
        """``encode`` for many texts."""
        return [self.encode(t, max_len) for t in texts]

    def _entry(self) -> dict[str, Any]:
        return {}

    def save(self, folder: str | Path) -> dict[str, Any]:
        """Write the vocabulary into ``folder``; return the manifest entry for ``load_tokenizer``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        write_vocab(self.tokens, folder / VOCAB_FILE)
        return {"type": self.kind, "vocab_file": VOCAB_FILE, "vocab_size": len(self.tokens),
                "pad_id": self.pad_id, **self._entry()}


_HASH_PRIME = (1 << 61) - 1
_HASH_MULT = 0x9E3779B97F4A7C15


def ngram_key(unit_ids: list[int], vocab: int) -> int:
    """Exact integer key of an n-gram of unit ids (base-``vocab`` digits; ids are >= 1)."""
    key = 0
    for i in unit_ids:
        key = key * vocab + i
    return key


def ngram_bucket(key: int, buckets: int) -> int:
    """Multiplicative hash of an n-gram key into ``buckets`` (stable, unlike salted str hashes)."""
    return key * _HASH_MULT % _HASH_PRIME % buckets


class UnitTokenizer(Tokenizer):
    """Vocabulary-from-data tokenizer for bow/fasttext/cnn/bilstm; optional hashed n-grams."""

    kind = "units"

    def __init__(self, tokens: list[str], ngrams: int = 1, buckets: int = 0):
        if tokens[:2] != [PAD, UNK]:
            raise TokenizerError("vocabulary must start with [PAD], [UNK]")
        super().__init__(tokens)
        self.pad_id, self.unk_id = 0, 1
        self.ngrams, self.buckets = ngrams, buckets if ngrams > 1 else 0

    @property
    def vocab_size(self) -> int:
        return len(self.tokens) + self.buckets

    def encode(self, text: str, max_len: int) -> list[int]:
        units = text_units(text)
        get, unk = self.token_to_id.get, self.unk_id
        if self.ngrams <= 1:
            ids = [get(u, unk) for u in units[:max_len]]
            return ids or [unk]  # never empty: a batch of empty texts still has a column
        base, n_b, n_max = len(self.tokens), self.buckets, self.ngrams
        powers = [base ** j for j in range(n_max)]
        unit_ids = [get(u, unk) for u in units[:max_len]]
        ids = []
        # Hashing ids (not strings) keeps this several times faster; keys are built
        # incrementally: key(u[i-n+1..i]) = u[i-n+1] * V^(n-1) + key(u[i-n+2..i]).
        for i, uid in enumerate(unit_ids):
            ids.append(uid)
            key = uid
            for n in range(2, min(n_max, i + 1) + 1):
                key += unit_ids[i + 1 - n] * powers[n - 1]
                ids.append(base + key * _HASH_MULT % _HASH_PRIME % n_b)
            if len(ids) >= max_len:
                break
        return ids[:max_len] or [unk]

    def _entry(self) -> dict[str, Any]:
        return {"units": "char", "ngrams": self.ngrams, "buckets": self.buckets, "ngram_hash": "ids-v1"}


class WordPieceTokenizer(Tokenizer):
    """ERNIE's tokenizer: basic tokenization + WordPiece, ``[CLS] ... [SEP]``."""

    kind = "wordpiece"
    max_chars_per_word = 100

    def __init__(self, tokens: list[str], do_lower_case: bool = True, max_positions: int = 0):
        super().__init__(tokens)
        self.max_positions = max_positions  # > 0: the model's position table; longer input crashes it
        missing = [t for t in (PAD, UNK, CLS, SEP) if t not in self.token_to_id]
        if missing:
            raise TokenizerError(f"vocabulary lacks the special tokens {', '.join(missing)}")
        self.lower = do_lower_case
        self.pad_id = self.token_to_id[PAD]
        self.unk_id = self.token_to_id[UNK]
        self.cls_id = self.token_to_id[CLS]
        self.sep_id = self.token_to_id[SEP]

    def wordpiece(self, word: str) -> list[str]:
        """Greedy longest-match-first split of one basic token into vocabulary pieces."""
        if len(word) > self.max_chars_per_word:
            return [UNK]
        vocab = self.token_to_id
        pieces: list[str] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                sub = word[start:end] if start == 0 else "##" + word[start:end]
                if sub in vocab:
                    pieces.append(sub)
                    break
                end -= 1
            else:
                return [UNK]
            start = end
        return pieces

    def tokenize(self, text: str) -> list[str]:
        """Tokens (strings) of ``text`` without [CLS]/[SEP]."""
        # Special tokens typed in the text are plain text, as in ErnieTokenizer(vocab_file=...).
        if self.lower:  # paddlenlp lower-cases char by char first (no final-sigma context)
            text = "".join(c.lower() for c in text)
        out: list[str] = []
        for word in basic_tokenize(text, self.lower):
            out.extend(self.wordpiece(word))
        return out

    def encode(self, text: str, max_len: int) -> list[int]:
        if self.max_positions:
            max_len = min(max_len, self.max_positions)
        get, unk = self.token_to_id.get, self.unk_id
        ids = [get(t, unk) for t in self.tokenize(text)[: max(max_len - 2, 0)]]
        return [self.cls_id, *ids, self.sep_id]

    def _entry(self) -> dict[str, Any]:
        return {"do_lower_case": self.lower, "max_positions": self.max_positions}


# -- building / loading -------------------------------------------------------------------------
def build_unit_vocab(texts: Iterable[str], min_freq: int = 1, max_size: int = 30000) -> list[str]:
    """[PAD], [UNK], then units seen at least ``min_freq`` times, most frequent first."""
    counts: Counter[str] = Counter()
    for t in texts:
        counts.update(text_units(t))
    ranked = sorted((u for u, c in counts.items() if c >= min_freq), key=lambda u: (-counts[u], u))
    return [PAD, UNK, *ranked[: max(max_size - 2, 0)]]


def build_ernie_vocab(texts: Iterable[str], min_freq: int = 1, max_size: int = 30000) -> list[str]:
    """Offline ERNIE vocabulary: specials + basic tokens of the data, split to single characters.

    Single characters plus their ``##`` forms make every word of the data encodable.
    """
    counts: Counter[str] = Counter()
    for t in texts:
        for word in basic_tokenize(t):
            counts.update(word if len(word) == 1 else [word[0], *("##" + c for c in word[1:])])
    ranked = sorted((u for u, c in counts.items() if c >= min_freq), key=lambda u: (-counts[u], u))
    return [PAD, CLS, SEP, UNK, MASK, *ranked[: max(max_size - 5, 0)]]


def _read_json(path: Path) -> dict[str, Any]:
    """A JSON object from a pretrained folder, or {} when absent or unreadable (defaults apply)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def build_tokenizer(model_name: str, texts: Iterable[str], pretrained_dir: str | Path | None = None,
                    ) -> Tokenizer:
    """The tokenizer for ``model_name``: from ``pretrained_dir/vocab.txt`` or built from ``texts``."""
    arch = get_arch(model_name)
    min_freq, max_vocab = arch.get("min_freq", 1), arch.get("max_vocab", 30000)
    if arch["family"] == "ernie":
        if pretrained_dir is not None:
            folder = Path(pretrained_dir)
            lower = bool(_read_json(folder / "tokenizer_config.json").get("do_lower_case", True))
            positions = _read_json(folder / "config.json").get("max_position_embeddings")
            return WordPieceTokenizer(read_vocab(folder / VOCAB_FILE), do_lower_case=lower,
                                      max_positions=int(positions or arch["max_position_embeddings"]))
        limit = arch["vocab_size"] or max_vocab
        return WordPieceTokenizer(build_ernie_vocab(texts, min_freq, limit),
                                  max_positions=arch["max_position_embeddings"])
    if arch["family"] == "ngrams":  # hashed features need no vocabulary; words only where jieba is
        from .ngrams import NgramTokenizer, jieba_version

        words = bool(arch.get("words")) and jieba_version() is not None
        return NgramTokenizer(arch["ngrams"], arch["buckets"], words=words)
    vocab = build_unit_vocab(texts, min_freq, max_vocab)
    return UnitTokenizer(vocab, ngrams=arch.get("ngrams", 1), buckets=arch.get("buckets", 0))


def load_tokenizer(entry: dict[str, Any], folder: str | Path) -> Tokenizer:
    """Rebuild a tokenizer from its manifest entry (``Tokenizer.save``) and its folder."""
    kind = entry.get("type")
    path = Path(folder) / entry.get("vocab_file", VOCAB_FILE)
    tokens = read_vocab(path)
    if entry.get("vocab_size") not in (None, len(tokens)):
        raise TokenizerError(f"{path}: {len(tokens)} tokens but the manifest says {entry['vocab_size']};"
                             " the export folder is inconsistent, export the run again")
    if kind == "units":
        return UnitTokenizer(tokens, ngrams=int(entry.get("ngrams", 1)), buckets=int(entry.get("buckets", 0)))
    if kind == "wordpiece":
        return WordPieceTokenizer(tokens, do_lower_case=bool(entry.get("do_lower_case", True)),
                                  max_positions=int(entry.get("max_positions") or 0))
    if kind == "ngrams":
        from .ngrams import ngram_tokenizer_from_entry

        return ngram_tokenizer_from_entry(entry)
    raise TokenizerError(f"{path.parent}: unknown tokenizer type {kind!r} in the manifest")
