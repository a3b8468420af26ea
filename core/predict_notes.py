"""What a model could read of a text: the share of characters outside its vocabulary, and truncation.

A model trained on Chinese reviews maps English words or unseen characters to [UNK]; its label for
such a text is a guess however confident the bars look. And only the first ``max_seq_len`` units
(tokens for ERNIE) reach the model. Both are measured here with the export's own tokenizer, so
the notes match what the model saw. Qt-free and paddle-free.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.trainer.catalogue import UNK
from core.trainer.text import Tokenizer, UnitTokenizer, WordPieceTokenizer, basic_tokenize, text_units

UNKNOWN_SHARE_NOTE = 0.5  # above this share of unknown characters the label is called a guess


@dataclass(frozen=True)
class InputNotes:
    """For one text: characters the tokenizer saw, how many were unknown, how much of the text was read."""

    chars: int  # characters in the tokenizer's units (spaces and control characters excluded)
    unknown: int  # of them, in units outside the vocabulary
    read_chars: int  # length of the beginning of the text that reached the model
    text_chars: int  # length of the whole text

    @property
    def unknown_share(self) -> float:
        """Share of the characters the model does not know (0 for an empty text)."""
        return self.unknown / self.chars if self.chars else 0.0

    @property
    def mostly_unknown(self) -> bool:
        """Whether the label is a guess: most characters are outside the vocabulary."""
        return self.unknown_share > UNKNOWN_SHARE_NOTE

    @property
    def truncated(self) -> bool:
        """Whether only the beginning of the text was read."""
        return self.read_chars < self.text_chars


def input_notes(tokenizer: Tokenizer, text: str, max_len: int) -> InputNotes:
    """The notes for ``text`` as ``tokenizer`` encodes it with ``max_len`` (the manifest's max_seq_len)."""
    if isinstance(tokenizer, WordPieceTokenizer):
        units, known, limit = _wordpiece_units(tokenizer, text, max_len)
    elif isinstance(tokenizer, UnitTokenizer):
        units, known, limit = _vocab_units(tokenizer, text, max_len)
    else:  # a tokenizer this module does not know: say nothing rather than something wrong
        return InputNotes(0, 0, len(text), len(text))
    chars = sum(len(u) for u in units)
    unknown = sum(len(u) for u, k in zip(units, known) if not k)
    read = len(text) if limit >= len(units) else _end_of(text, units[:limit])
    return InputNotes(chars, unknown, read, len(text))


def _vocab_units(tok: UnitTokenizer, text: str, max_len: int) -> tuple[list[str], list[bool], int]:
    units = text_units(text)
    known = [u in tok.token_to_id for u in units]
    if tok.ngrams <= 1:
        return units, known, max_len
    # fastText: unit i adds itself and its 2..n-grams (min(n, i + 1) ids); encoding stops at max_len ids
    ids = 0
    for i in range(len(units)):
        ids += min(tok.ngrams, i + 1)
        if ids >= max_len:
            return units, known, i + 1
    return units, known, len(units)


def _wordpiece_units(tok: WordPieceTokenizer, text: str, max_len: int) -> tuple[list[str], list[bool], int]:
    if tok.max_positions:
        max_len = min(max_len, tok.max_positions)
    budget = max(max_len - 2, 0)  # [CLS] and [SEP]
    lowered = "".join(c.lower() for c in text) if tok.lower else text
    words = basic_tokenize(lowered, tok.lower)
    known, limit, pieces = [], 0, 0
    for word in words:
        split = tok.wordpiece(word)
        known.append(split != [UNK])
        if pieces < budget:  # some of this word's pieces fit (a word cut inside counts as read)
            limit += 1
        pieces += len(split)
    return words, known, limit


def _end_of(text: str, units: list[str]) -> int:
    """Where the last of ``units`` ends in ``text`` (units appear in order; ASCII is lower-cased)."""
    folded = "".join(c.lower() if c.isascii() else c for c in text)
    pos = 0
    for unit in units:
        at = folded.find(unit, pos)
        # not found: normalised away (accents, case of non-ASCII); count it where we are
        pos = min(len(text), pos + len(unit)) if at < 0 else at + len(unit)
    return pos
