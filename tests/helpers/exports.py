"""A real export folder made in a few training steps, as the trainer contract says (for Predictor tests)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import paddle
import paddle.nn.functional as F

from core.trainer import nets, text

LABELS = ["负面", "正面"]
POS = ["这家餐厅的服务非常好", "酒店房间干净，推荐！", "物流很快 质量不错", "Great phone, 很满意", "电影剧情感人"]
NEG = ["太差了，再也不来", "房间很脏 差评", "物流太慢了", "质量不好 disappointed", "剧情无聊，失望"]
SAMPLES = ["服务非常好，推荐", "差评！！太慢", "一般般吧", "OK 还行 123", "", "完全没见过的字眼龘"]


def collate(seqs: list[list[int]], pad_id: int) -> paddle.Tensor:
    ids = np.full((len(seqs), max(map(len, seqs))), pad_id, dtype="int64")
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = s
    return paddle.to_tensor(ids)


def make_export(folder: Path, model: str, max_len: int = 32, steps: int = 6) -> Path:
    """Train ``model`` a few steps and write an export folder as the trainer contract says."""
    paddle.seed(3)
    texts, labels = POS + NEG, [1] * len(POS) + [0] * len(NEG)
    tok = text.build_tokenizer(model, texts)
    net = nets.build_network(model, tok, num_classes=2)
    opt = paddle.optimizer.AdamW(learning_rate=5e-3, parameters=net.parameters())
    x, y = collate(tok.encode_batch(texts, max_len), tok.pad_id), paddle.to_tensor(labels)
    net.train()
    for _ in range(steps):
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        opt.step()
        opt.clear_grad()
    net.eval()
    folder.mkdir(parents=True)
    spec = paddle.static.InputSpec([None, None], "int64", name="input_ids")
    paddle.jit.save(net, str(folder / "inference"), input_spec=[spec])
    entry = tok.save(folder)
    (folder / "labels.json").write_text(json.dumps(LABELS, ensure_ascii=False), encoding="utf-8")
    with paddle.no_grad():  # one sentence at a time: no padding at all
        probs = [F.softmax(net(collate([tok.encode(t, max_len)], tok.pad_id)), -1).numpy()[0].tolist()
                 for t in SAMPLES]
    manifest = {"format": 1, "model": model, "family": nets.get_arch(model)["family"], "labels": LABELS,
                "max_seq_len": max_len, "input_names": ["input_ids"], "tokenizer": entry, "pad_id": tok.pad_id,
                "metrics": {}, "paddle_version": paddle.__version__,
                "created": dt.datetime.now(dt.timezone.utc).isoformat(),
                "samples": [{"text": t, "probs": p} for t, p in zip(SAMPLES, probs)]}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return folder
