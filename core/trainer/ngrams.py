"""Hashed n-gram features for the n-gram model (pure Python: no paddle; jieba when importable).

A text becomes the ids of its character 1..n-grams (over ``text.text_units``: CJK characters,
lower-cased ASCII words), hashed into ids 1..buckets (0 is padding), and, when ``words`` is on,
of its jieba words and word pairs and of the clause after a contrast word ("但是"), hashed into ids
buckets+1..2*buckets. Each id is kept once per text (binary term
frequency, like a TF-IDF vectorizer with sublinear counts), so the ids are a set, not a sequence.

Hashes are CRC-32 based, so the same text gives the same ids in every process, Python version and
machine: the Predictor rebuilds the ids from the manifest entry and must match training exactly.
"""

from __future__ import annotations

import zlib
from typing import Any

from .catalogue import PAD, UNK
from .text import Tokenizer, TokenizerError, text_units

_MULT = 0x9E3779B97F4A7C15
_PRIME = (1 << 61) - 1
_WORD_SALT = 0x5BD1E995  # word features never share a key with character n-grams of the same text
_TAIL_SALT = 0x27D4EB2F
# "虽然……但是……": the clause after the last contrast word carries the verdict, so its n-grams are
# also given as features of their own (a bag of n-grams alone cannot tell which side won)
CONTRAST_WORDS = ("但是", "可是", "不过", "然而", "但", "却")
TAIL_NGRAMS = 3


def jieba_version() -> str | None:
    """The importable jieba's version, or None (a container without it trains on characters only)."""
    try:
        import jieba
    except ImportError:
        return None
    return str(getattr(jieba, "__version__", "unknown"))


def _unit_hash(unit: str) -> int:
    return zlib.crc32(unit.encode("utf-8")) + 1


class NgramTokenizer(Tokenizer):
    """Text -> the set of hashed character n-gram (and jieba word) ids, in first-seen order."""

    kind = "ngrams"

    def __init__(self, ngrams: int = 5, buckets: int = 1 << 20, words: bool = False, contrast: bool = True):
        super().__init__([PAD, UNK])
        if ngrams < 1 or buckets < 2:
            raise TokenizerError(f"n-gram tokenizer needs ngrams >= 1 and buckets >= 2 (got {ngrams}, {buckets})")
        self.pad_id, self.unk_id = 0, 1
        self.ngrams, self.buckets, self.words, self.contrast = ngrams, buckets, words, contrast
        self._cut = None
        if words:
            try:
                import jieba
            except ImportError:
                raise TokenizerError("this model uses jieba word features but jieba is not installed here; "
                                     "install it (pip install jieba) or train again without it") from None
            jieba.setLogLevel(60)  # its "Building prefix dict" lines are noise in a user's log
            jieba.initialize()  # load the dictionary now, not inside the first prediction
            self._cut = jieba.lcut

    @property
    def vocab_size(self) -> int:
        return 2 * self.buckets + 1  # [PAD], character n-grams, words (unused without jieba)

    def _bucket(self, key: int) -> int:
        return 1 + key * _MULT % _PRIME % self.buckets

    def _word_bucket(self, key: int) -> int:
        return 1 + self.buckets + key * _MULT % _PRIME % self.buckets

    def features(self, text: str) -> list[int]:
        """All ids of ``text`` (not truncated), each once."""
        hashes = [_unit_hash(u) for u in text_units(text)]
        out: dict[int, None] = {}
        n_max = self.ngrams
        for i in range(len(hashes)):
            key = 0
            for j in range(i, min(i + n_max, len(hashes))):
                key = (key * 1000003 + hashes[j]) % _PRIME
                out[self._bucket(key)] = None
        if self.contrast:
            self._tail_features(text, out)
        if self._cut is not None:
            prev = 0
            for word in self._cut(text):
                if word.isspace():
                    continue
                h = (_unit_hash(word.lower()) * 31 + _WORD_SALT) % _PRIME
                out[self._word_bucket(h)] = None
                if prev:
                    out[self._word_bucket((prev * 1000003 + h) % _PRIME)] = None
                prev = h
        return list(out)

    def _tail_features(self, text: str, out: dict[int, None]) -> None:
        cut = max((text.rfind(w) + len(w) if w in text else -1) for w in CONTRAST_WORDS)
        if cut <= 0:
            return
        hashes = [_unit_hash(u) for u in text_units(text[cut:])]
        for i in range(len(hashes)):
            key = _TAIL_SALT
            for j in range(i, min(i + TAIL_NGRAMS, len(hashes))):
                key = (key * 1000003 + hashes[j]) % _PRIME
                out[self._word_bucket(key)] = None

    def encode(self, text: str, max_len: int) -> list[int]:
        return self.features(text)[:max_len] or [self.unk_id]

    def _entry(self) -> dict[str, Any]:
        return {"ngrams": self.ngrams, "buckets": self.buckets, "words": "jieba" if self.words else None,
                "jieba_version": jieba_version() if self.words else None, "ngram_hash": "crc32-v1",
                "contrast": self.contrast}


def ngram_tokenizer_from_entry(entry: dict[str, Any]) -> NgramTokenizer:
    """Rebuild the tokenizer a manifest or checkpoint describes."""
    if entry.get("ngram_hash") != "crc32-v1":
        raise TokenizerError(f"unknown n-gram hashing {entry.get('ngram_hash')!r}; export the run again")
    return NgramTokenizer(int(entry.get("ngrams", 5)), int(entry.get("buckets", 1 << 20)),
                          words=entry.get("words") == "jieba", contrast=bool(entry.get("contrast", False)))
