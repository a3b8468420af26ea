"""The sample datasets shipped in resources/datasets/ (written for this project)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from core.jobs import DatasetSpec
from core.resources import resource_path

SAMPLES_DIR = resource_path("datasets")


@dataclass(frozen=True)
class SampleDataset:
    """One sample: TSV files with the header ``text<TAB>label``."""

    name: str  # stable id, e.g. "reviews_zh"
    title: str  # short display name
    description: str
    path: Path  # the training file (what "open" loads)
    dev: Path
    test: Path
    labels: tuple[str, ...]  # class-index order

    @property
    def train(self) -> Path:
        """The training file (same as ``path``)."""
        return self.path

    def spec(self) -> DatasetSpec:
        """A DatasetSpec that trains on this sample with its own dev and test files."""
        return DatasetSpec(train=str(self.path), dev=str(self.dev), test=str(self.test), format="tsv",
                           encoding="utf-8", has_header=True, text_column="text", label_column="label",
                           labels=list(self.labels))


def sample_datasets() -> list[SampleDataset]:
    """The shipped samples that exist on disk (both, in a checkout)."""
    out = []
    for name, title, description, labels in _SAMPLES:
        folder = SAMPLES_DIR / name
        if (folder / "train.tsv").is_file():
            out.append(SampleDataset(name, title, description, folder / "train.tsv", folder / "dev.tsv",
                                     folder / "test.tsv", labels))
    return out


_SAMPLES = (
    ("reviews_zh", "中文评论情感 / Chinese review sentiment",
     "Short Chinese reviews of restaurants, hotels, online shopping and films, labelled 负面/正面 "
     "(negative/positive); balanced; 700 train / 150 dev / 150 test.",
     ("负面", "正面")),
    ("news_topics_zh", "中文新闻标题分类 / Chinese headline topics",
     "Chinese news headlines in four topics: 体育 sports, 财经 finance, 科技 tech, 娱乐 entertainment; "
     "200 train / 50 dev / 50 test.",
     ("体育", "财经", "科技", "娱乐")),
)
