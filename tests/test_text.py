"""Tokenizers: our WordPiece equals paddlenlp's ErnieTokenizer; unit/n-gram vocabularies round-trip."""

from __future__ import annotations

import random

import pytest

from core.trainer import text
from core.trainer.catalogue import PAD, UNK

CJK = "这家餐厅的服务非常好酒店房间干净价格便宜物流太慢了差评质量不错电影剧情感人失望推荐喜欢讨厌㐀豈"
WORDS = ["Hello", "hello", "PLAYING", "play", "iPhone", "Wi-Fi", "café", "naïve", "ÉCOLE", "x86_64",
         "2023", "3.14", "100%", "ＡＢＣ", "１２３", "Straße", "ΟΔΟΣ", "İstanbul", "😀", "™", "©", "unaffable",
         "[CLS]", "[unk]", "[MASK]", "a[SEP]b", "www.example.com", "e-mail", "ﬁ"]
PUNCT = list("，。！？、；：“”‘’（）《》【】…—,.!?;:'\"()[]{}<>@#$%^&*-_=+~`|\\/")
SPACES = [" ", "  ", "\t", "\n", "\u3000", "\xa0", "\u200b", "\x00", "\ufffd", "\u2028", "\r\n"]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 14)):
            kind = rng.random()
            if kind < 0.4:
                parts.append("".join(rng.choice(CJK) for _ in range(rng.randint(1, 5))))
            elif kind < 0.65:
                parts.append(rng.choice(WORDS))
            elif kind < 0.8:
                parts.append(rng.choice(PUNCT))
            elif kind < 0.9:
                parts.append(str(rng.randint(0, 99999)))
            else:
                parts.append(rng.choice(SPACES))
        out.append("".join(parts))
    return out


@pytest.fixture(scope="module")
def ernie_vocab(tmp_path_factory):
    """A vocab from data (single chars + ## forms) plus whole words, to exercise longest match."""
    corpus = _random_texts(300, seed=1)
    tokens = text.build_ernie_vocab(corpus)
    # whole words and sub-words, so the greedy longest-match has choices; drop some chars -> [UNK]
    extra = ["hello", "play", "##ing", "##ay", "un", "##aff", "##able", "20", "##23", "café", "cafe", "##fi"]
    dropped = {"服", "##7", "z"}
    tokens = [t for t in tokens if t not in dropped] + [t for t in extra if t not in tokens]
    path = tmp_path_factory.mktemp("vocab") / "vocab.txt"
    text.write_vocab(tokens, path)
    return path


def test_wordpiece_ids_equal_paddlenlp_ernie_tokenizer(ernie_vocab):
    from paddlenlp.transformers import ErnieTokenizer

    ref = ErnieTokenizer(vocab_file=str(ernie_vocab))
    ours = text.WordPieceTokenizer(text.read_vocab(ernie_vocab))
    texts = _random_texts(400, seed=7) + ["", "   ", "[CLS]", "HeLLo WORLD", "a" * 150, "服务好"]
    mismatches = []
    for t in texts:
        expected = ref(t, max_seq_len=512)["input_ids"]
        got = ours.encode(t, 512)
        if got != expected:
            mismatches.append((t, got, expected))
    assert not mismatches, f"{len(mismatches)} of {len(texts)} differ, first: {mismatches[0]}"
    # [UNK] really occurs (dropped characters), so the test covers unknown pieces too
    assert any(ours.unk_id in ours.encode(t, 512) for t in texts)


def test_wordpiece_truncation_keeps_cls_and_sep_like_paddlenlp(ernie_vocab):
    from paddlenlp.transformers import ErnieTokenizer

    ref = ErnieTokenizer(vocab_file=str(ernie_vocab))
    ours = text.WordPieceTokenizer(text.read_vocab(ernie_vocab))
    for t in _random_texts(50, seed=3):
        expected = ref(t, max_seq_len=16, truncation=True)["input_ids"]
        assert ours.encode(t, 16) == expected
        assert len(ours.encode(t, 16)) <= 16


def test_offline_ernie_vocab_reads_back_in_ernie_file_format(tmp_path):
    texts = ["这家餐厅很好 Hello!", "差评，太慢了"]
    tok = text.build_tokenizer("ernie-tiny-test", texts)
    assert tok.tokens[:5] == ["[PAD]", "[CLS]", "[SEP]", "[UNK]", "[MASK]"]
    entry = tok.save(tmp_path)
    back = text.load_tokenizer(entry, tmp_path)
    assert back.encode("这家餐厅 hello", 32) == tok.encode("这家餐厅 hello", 32)
    assert tok.encode("hello", 32) == [tok.cls_id, *[tok.token_to_id[p] for p in ("h", "##e", "##l", "##l", "##o")],
                                       tok.sep_id]


def test_unit_vocabulary_has_pad_and_unk_first_and_respects_min_freq_and_size():
    texts = ["好好好 good good", "好评 bad", "差"]
    vocab = text.build_unit_vocab(texts, min_freq=2, max_size=100)
    assert vocab[:2] == [PAD, UNK]
    assert vocab[2] == "好" and "good" in vocab and "差" not in vocab
    assert len(text.build_unit_vocab(texts, min_freq=1, max_size=4)) == 4


def test_unit_tokenizer_splits_cjk_chars_and_ascii_words_and_maps_unknowns():
    tok = text.UnitTokenizer(text.build_unit_vocab(["服务很好 Good service 2023!"]))
    assert text.text_units("服务很好 Good-service, 2023!") == ["服", "务", "很", "好", "good", "-", "service", ",",
                                                           "2023", "!"]
    ids = tok.encode("服务很差 good", 10)
    assert ids[3] == tok.unk_id and ids[0] == tok.token_to_id["服"] and ids[4] == tok.token_to_id["good"]
    assert tok.encode("", 10) == [tok.unk_id]  # never empty
    assert len(tok.encode("好" * 50, 8)) == 8


def test_fasttext_ngrams_are_stable_hashes_inside_the_bucket_range(tmp_path):
    tok = text.build_tokenizer("fasttext", ["服务很好", "服务很差"])
    ids = tok.encode("服务很好", 64)
    # unit, then the 2-gram and 3-gram ending at it: 1 + 2 + 3 + 3 ids
    assert len(ids) == 9
    assert all(0 < i < tok.vocab_size for i in ids)
    assert ids[1] < len(tok.tokens) <= ids[2]  # unit "务", then the hashed bigram "服务"
    back = text.load_tokenizer(tok.save(tmp_path), tmp_path)
    assert back.encode("服务很好", 64) == ids  # stable hashing, not Python's salted hash
    v = len(tok.tokens)
    u = [tok.token_to_id[c] for c in "服务很"]
    assert ids[2] == v + text.ngram_bucket(text.ngram_key(u[:2], v), tok.buckets)
    assert ids[5] == v + text.ngram_bucket(text.ngram_key(u, v), tok.buckets)
    assert tok.encode("服务很好", 64) != tok.encode("服务很差", 64)
    assert len(tok.encode("服务很好" * 40, 100)) == 100


def test_load_tokenizer_reports_missing_or_inconsistent_vocab_with_file_name(tmp_path):
    tok = text.build_tokenizer("bow", ["好"])
    entry = tok.save(tmp_path)
    with pytest.raises(text.TokenizerError, match="vocab.txt"):
        text.load_tokenizer(entry, tmp_path / "nowhere")
    (tmp_path / "vocab.txt").write_text("[PAD]\n[UNK]\n好\n坏\n", encoding="utf-8")
    with pytest.raises(text.TokenizerError, match="inconsistent"):
        text.load_tokenizer(entry, tmp_path)
    (tmp_path / "vocab.txt").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(text.TokenizerError, match="not UTF-8"):
        text.load_tokenizer(entry, tmp_path)


def test_text_module_does_not_import_paddle():
    import subprocess
    import sys

    code = "import core.trainer.text, core.trainer.catalogue, sys; print('paddle' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_ernie_input_never_exceeds_the_models_position_table(tmp_path):
    tok = text.build_tokenizer("ernie-1.0", ["好"])
    assert len(tok.encode("好" * 3000, 2048)) == 513  # ERNIE 1.0 has 513 positions
    back = text.load_tokenizer(tok.save(tmp_path), tmp_path)  # the Predictor keeps the cap
    assert len(back.encode("好" * 3000, 2048)) == 513
