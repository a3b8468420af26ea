"""The default CPU model (ngrams): its features are the same at prediction time as in training,
with and without jieba (its exact resume is in test_exact_resume.py); trained by `paddledesk demo`
on the shipped sample reviews it labels the demo's sentences and 50 sentences written for this test
(never in the sample data) right and confidently; the demo prints the model's dev accuracy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# Written for this test: none of these sentences is in resources/datasets (checked below).
HELD_OUT = [
    # restaurants
    ("这家店的菜很好吃，服务员也很热情，下次还来", "正面"),
    ("味道非常正宗，价格也实惠，推荐大家来试试", "正面"),
    ("虽然等位有点久，但是菜做得很入味，值得", "正面"),
    ("菜又咸又油，服务员态度很差，不会再来了", "负面"),
    ("上菜太慢了，等了一个小时，味道也很一般", "负面"),
    ("虽然环境不错，但是菜很难吃，价格还贵", "负面"),
    ("一点都不好吃，浪费钱", "负面"),
    ("食材新鲜，分量很足，总体很满意", "正面"),
    # hotels
    ("酒店房间干净整洁，床很舒服，前台服务很好", "正面"),
    ("位置很方便，早餐丰富，住得很舒心", "正面"),
    ("虽然房间小了点，但是很干净，性价比很高", "正面"),
    ("房间有霉味，隔音很差，一晚上没睡好", "负面"),
    ("前台态度冷淡，热水时有时无，不推荐", "负面"),
    ("虽然位置不错，但是卫生太差，床单上还有污渍", "负面"),
    ("酒店设施老旧，空调很吵，再也不住了", "负面"),
    ("服务很贴心，还免费升级了房间，强烈推荐", "正面"),
    # shopping
    ("质量很好，做工精细，物流也快，五星好评", "正面"),
    ("和描述的一样，包装很严实，会回购的", "正面"),
    ("用了两天就坏了，客服也不回消息，差评", "负面"),
    ("色差很大，尺码偏小，已经申请退货了", "负面"),
    ("虽然物流慢了点，但是东西质量不错，总体满意", "正面"),
    ("虽然价格便宜，但是质量太差，钱白花了", "负面"),
    ("衣服穿着很合身，颜色也正，推荐购买", "正面"),
    ("收到的东西有刺鼻的味道，做工粗糙", "负面"),
    # films
    ("剧情紧凑，演员演技很好，值得一看", "正面"),
    ("特效很震撼，配乐也好听，强烈推荐", "正面"),
    ("虽然节奏有点慢，但是结局很感人，值得一看", "正面"),
    ("剧情拖沓，逻辑混乱，看得直打哈欠", "负面"),
    ("演技尴尬，台词生硬，白瞎了票钱", "负面"),
    ("虽然特效不错，但是故事太无聊，不推荐", "负面"),
    ("笑点很多，全场都在笑，今年最好看的喜剧", "正面"),
    ("完全看不懂在讲什么，中途就想走了", "负面"),
    # electronics
    ("手机运行很流畅，拍照清晰，电池也耐用", "正面"),
    ("屏幕显示清晰，音质很好，这钱花得值", "正面"),
    ("虽然有点重，但是性能很强，没有买错", "正面"),
    ("电脑用了一周就卡顿，发热严重，后悔买了", "负面"),
    ("蓝牙老是断开，售后也不管，大家避雷", "负面"),
    ("虽然外观好看，但是电池掉电太快，很失望", "负面"),
    ("充电很快，信号稳定，比预期的好", "正面"),
    ("开机要等很久，系统广告多，不推荐", "负面"),
    # books
    ("这本书文笔细腻，故事引人入胜，值得一读", "正面"),
    ("翻译流畅，插图精美，孩子特别喜欢", "正面"),
    ("虽然有点厚，但是内容扎实，读完很有收获", "正面"),
    ("情节松散，人物单薄，读着很累", "负面"),
    ("纸张很薄，还有很多错别字，差评", "负面"),
    ("虽然封面好看，但是内容注水严重，浪费时间", "负面"),
    ("语言幽默，读起来很轻松，推荐给朋友", "正面"),
    ("写得又长又乱，看到一半就扔在一边了", "负面"),
    # negations across domains
    ("没有任何问题，用着很放心", "正面"),
    ("并不值这个价，没有宣传的那么好", "负面"),
]


def test_features_are_a_stable_set_of_hashed_ids_and_words_only_with_jieba(tmp_path):
    from core.trainer.ngrams import NgramTokenizer
    from core.trainer.text import load_tokenizer

    with_words, chars = NgramTokenizer(words=True), NgramTokenizer(words=False)
    text = "虽然上菜慢，但是味道很正宗"
    ids = with_words.encode(text, 4096)
    assert len(ids) == len(set(ids)) and all(0 < i <= 2 * with_words.buckets for i in ids)
    char_ids = chars.encode(text, 4096)
    assert set(char_ids) < set(ids)  # words only add ids, in their own range
    assert any(i > with_words.buckets for i in set(ids) - set(char_ids))
    assert ids == NgramTokenizer(words=True).encode(text, 4096)  # no salted str hash: the same every time
    entry = with_words.save(tmp_path)
    assert load_tokenizer(entry, tmp_path).encode(text, 4096) == ids  # what the Predictor rebuilds
    # the clause after a contrast word is a feature of its own: the two orders differ
    assert set(chars.encode("虽然贵，但是好吃", 99)) != set(chars.encode("虽然好吃，但是贵", 99))


def test_ids_that_tell_the_classes_apart_weigh_more_in_the_third_head_and_rare_ids_nothing():
    import paddle

    from core.trainer.nets import NgramNet

    # id 2 only in class-0 texts, id 3 only in class 2, id 4 everywhere, id 5 in one text only
    encoded = [[2, 4], [2, 4], [2, 4, 5], [4], [4], [3, 4], [3, 4], [3, 4]]
    labels = [0, 0, 0, 1, 1, 2, 2, 2]
    net = NgramNet(vocab_size=8, num_classes=3, pad_id=0, char_ids=8, min_df=2)
    net.fit_feature_weights(encoded, labels)
    idf, ratio = (w.weight.numpy().ravel() for w in (net.idf, net.ratio))
    assert idf[5] == 0 and ratio[5] == 0 and idf[0] == 0  # seen once; padding
    assert ratio[2] > ratio[4] and ratio[3] > ratio[4]  # in one class only vs in all of them
    net.eval()
    probs = paddle.exp(net(paddle.to_tensor([[2, 4, 0], [3, 4, 4]]))).numpy()
    assert abs(probs.sum(axis=1) - 1).max() < 1e-5  # the heads' average is a distribution


def test_a_container_without_jieba_trains_on_characters(monkeypatch, tmp_path):
    import builtins

    from core.trainer.text import build_tokenizer

    real_import = builtins.__import__

    def no_jieba(name, *args, **kwargs):
        if name == "jieba":
            raise ImportError("No module named 'jieba'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_jieba)
    tok = build_tokenizer("ngrams", ["好吃"])
    assert not tok.words and tok.save(tmp_path)["words"] is None  # the Predictor then uses characters too


@pytest.mark.slow
def test_the_demo_labels_its_sentences_and_50_new_ones_right_and_confidently(tmp_path):
    from core.predict import Predictor
    from paddledesk.cli_train import SAMPLE_SENTENCES

    shipped = "".join(p.read_text("utf-8") for p in (REPO / "resources" / "datasets" / "reviews_zh").glob("*.tsv"))
    assert not [t for t, _ in HELD_OUT if t in shipped]
    workspace = tmp_path / "ws"
    proc = subprocess.run([sys.executable, "-m", "paddledesk", "--workspace", str(workspace), "demo"],
                          capture_output=True, text=True, timeout=600, cwd=REPO, env=dict(os.environ))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (run_dir,) = (workspace / "runs").iterdir()
    manifest = json.loads((run_dir / "export" / "manifest.json").read_text("utf-8"))
    assert manifest["model"] == "ngrams"
    assert f"(dev accuracy {manifest['metrics']['accuracy']:.3f})" in proc.stdout
    expected = ["正面", "负面", "正面", "负面"]
    lines = [ln for ln in proc.stdout.splitlines() if any(s in ln for s in SAMPLE_SENTENCES)]
    assert [ln.split()[0] for ln in lines] == expected
    predictor = Predictor(run_dir / "export")
    for result, label in zip(predictor.predict(SAMPLE_SENTENCES), expected):
        assert result.label == label and result.confidence >= 0.8, result
    results = predictor.predict([t for t, _ in HELD_OUT])
    wrong = [(t, r) for (t, label), r in zip(HELD_OUT, results) if r.label != label]
    assert not wrong
    unsure = [(t, round(r.confidence, 3)) for (t, _), r in zip(HELD_OUT, results) if r.confidence < 0.8]
    print(f"\n50 held-out sentences: all right, {50 - len(unsure)} with confidence >= 0.8; below: {unsure}")
    assert len(unsure) <= 2, unsure
