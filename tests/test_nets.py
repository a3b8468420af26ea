"""Networks: logits do not depend on padding; parameter counts match the catalogue formula."""

from __future__ import annotations

import numpy as np
import paddle
import pytest

from core.trainer import catalogue, nets, text

TEXTS = ["这家餐厅的服务非常好！", "hotel was OK, 价格 299元", "物流太慢了，差评", "好", "Great 好评 2023 值得推荐"]
FAMILY_MODELS = ["bow", "fasttext", "cnn", "bilstm", "ernie-tiny-test"]


def _batch(seqs: list[list[int]], pad_id: int, extra: int = 0) -> paddle.Tensor:
    width = max(map(len, seqs)) + extra
    ids = np.full((len(seqs), width), pad_id, dtype="int64")
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = s
    return paddle.to_tensor(ids)


@pytest.mark.parametrize("name", FAMILY_MODELS)
def test_logits_do_not_depend_on_padding_or_batch_neighbours(name):
    paddle.seed(0)
    tok = text.build_tokenizer(name, TEXTS * 3)
    net = nets.build_network(name, tok, num_classes=3)
    net.eval()
    seqs = tok.encode_batch(TEXTS, 64)
    with paddle.no_grad():
        tight = net(_batch(seqs, tok.pad_id)).numpy()
        padded = net(_batch(seqs, tok.pad_id, extra=11)).numpy()
        alone = np.concatenate([net(_batch([s], tok.pad_id)).numpy() for s in seqs])
    assert tight.shape == (len(TEXTS), 3)
    np.testing.assert_allclose(padded, tight, atol=1e-5)
    np.testing.assert_allclose(alone, tight, atol=1e-5)
    # the sentences really differ, so equal outputs above are not a constant network
    assert np.abs(tight[0] - tight[2]).max() > 1e-4


@pytest.mark.parametrize("name", FAMILY_MODELS)
def test_parameter_count_formula_matches_the_built_network(name):
    tok = text.build_tokenizer(name, TEXTS)
    net = nets.build_network(name, tok, num_classes=4)
    assert nets.num_parameters(net) == catalogue.count_params(name, tok.vocab_size, num_classes=4)


def test_network_learns_a_separable_toy_task():
    paddle.seed(1)
    pos = ["好评 非常好", "很好 推荐", "满意 很好", "喜欢 好评"] * 4
    neg = ["差评 很差", "失望 太差", "糟糕 差评", "讨厌 很差"] * 4
    tok = text.build_tokenizer("fasttext", pos + neg)
    net = nets.build_network("fasttext", tok, num_classes=2)
    opt = paddle.optimizer.Adam(learning_rate=0.05, parameters=net.parameters())
    x = _batch(tok.encode_batch(pos + neg, 32), tok.pad_id)
    y = paddle.to_tensor([1] * len(pos) + [0] * len(neg))
    for _ in range(30):
        loss = paddle.nn.functional.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        opt.clear_grad()
    net.eval()
    assert (net(x).numpy().argmax(-1) == y.numpy()).all()


def test_ernie_built_from_config_has_the_catalogue_sizes():
    tok = text.build_tokenizer("ernie-tiny-test", TEXTS)
    net = nets.build_network("ernie-tiny-test", tok, num_classes=2)
    cfg = net.ernie_cls.ernie.config
    assert (cfg.num_hidden_layers, cfg.hidden_size, cfg.vocab_size) == (2, 64, tok.vocab_size)


def test_unknown_model_names_list_the_choices():
    tok = text.build_tokenizer("bow", TEXTS)
    with pytest.raises(catalogue.UnknownModelError, match="ernie-3.0-mini-zh"):
        nets.build_network("resnet", tok, 2)


def test_fetch_pretrained_gives_none_for_models_without_published_weights(tmp_path):
    assert nets.fetch_pretrained("ernie-tiny-test", tmp_path / "p") is None
    assert nets.fetch_pretrained("bow", tmp_path / "p") is None


def test_ernie_loads_pretrained_weights_and_vocab_from_a_local_folder(tmp_path):
    from paddlenlp.transformers import ErnieModel

    # a "pretrained" folder as paddlenlp's save_pretrained writes it, with its own vocabulary
    src_tok = text.build_tokenizer("ernie-tiny-test", TEXTS)
    paddle.seed(5)
    base = ErnieModel(nets.ernie_config("ernie-tiny-test", src_tok.vocab_size, 2))
    base.save_pretrained(str(tmp_path))
    text.write_vocab(src_tok.tokens, tmp_path / "vocab.txt")
    (tmp_path / "tokenizer_config.json").write_text('{"do_lower_case": true}', encoding="utf-8")

    tok = text.build_tokenizer("ernie-tiny-test", ["完全不同的文字"], pretrained_dir=tmp_path)
    assert tok.tokens == src_tok.tokens  # the folder's vocabulary, not one from the data
    net = nets.build_network("ernie-tiny-test", tok, num_classes=3, pretrained=tmp_path)
    loaded = net.ernie_cls.ernie.embeddings.word_embeddings.weight.numpy()
    np.testing.assert_array_equal(loaded, base.embeddings.word_embeddings.weight.numpy())
    net.eval()
    assert net(paddle.to_tensor([tok.encode("服务很好", 16)])).shape == [1, 3]
