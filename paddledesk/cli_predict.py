"""`paddledesk predict`: typed sentences or a whole file through an exported model."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from paddledesk.cli_errors import UserError
from paddledesk.cli_options import cli_delimiter
from paddledesk.progress import ProgressBar


def cmd_predict(args: argparse.Namespace) -> int:
    model_dir = resolve_export(args.model, args.workspace)
    if args.file:
        from core.predict import Predictor

        out = Path(args.out or Path(args.file).with_suffix(".predictions.csv"))
        delimiter = cli_delimiter(args.delimiter)
        predictor = Predictor(model_dir)
        bar = ProgressBar("predict")
        result = predictor.predict_file(args.file, out, text_column=args.text_column, label_column=args.label_column,
                                        encoding=args.encoding or None, delimiter=delimiter,
                                        progress=lambda done, total: bar.update(done, total))
        bar.finish()
        print(f"wrote {result.rows} rows to {out}: {result.predicted} predicted, {len(result.problems)} not read "
              f"(text column {result.text_column!r})")
        if result.accuracy is not None:  # the file has its own labels: how often the model agrees
            print(f"accuracy against the file's labels (column {result.label_column!r}, in true_label): "
                  f"{result.accuracy:.4f} ({result.correct} of {result.labelled} rows)")
        elif result.label_column:
            print(f"column {result.label_column!r} holds none of the model's labels ({', '.join(predictor.labels)}): "
                  "no accuracy")
        for problem in result.problems[:10]:  # all of them are in the output's problem column
            print(f"  {problem}", file=sys.stderr)
        if len(result.problems) > 10:
            print(f"  … and {len(result.problems) - 10} more, each in the problem column of {out}", file=sys.stderr)
        return 0
    if not args.texts:
        raise UserError("nothing to predict", "give sentences, or --file in.tsv --out out.csv")
    return print_predictions(model_dir, args.texts)


def print_predictions(model_dir: Path, texts: list[str]) -> int:
    from core.predict import Predictor

    predictor = Predictor(model_dir)
    start = time.perf_counter()
    results = predictor.predict(texts)
    ms = (time.perf_counter() - start) * 1000 / max(1, len(texts))
    for text, result, note in zip(texts, results, predictor.notes(texts)):
        probs = "  ".join(f"{label} {p:.3f}" for label, p in result.probs.items())
        print(f"{result.label:>8}  [{probs}]  {text}")
        if note.mostly_unknown:
            print(f"          note: {note.unknown_share:.0%} of the characters are unknown to this model: "
                  "the label is a guess")
        if note.truncated:
            print(f"          note: only the first {note.read_chars:,} of {note.text_chars:,} characters were read")
    print(f"({ms:.1f} ms per sentence)")
    return 0




def resolve_export(model: str | None, workspace: str | None) -> Path:
    """An export folder from a path, a run id, or (None) the newest run with an export."""
    from core.runs import Workspace

    ws = Workspace(workspace) if workspace else Workspace()
    if model:
        path = Path(model)
        if path.is_dir():
            return path / "export" if (path / "export" / "manifest.json").is_file() else path
        try:
            return ws.run(model).export_dir
        except KeyError:
            raise UserError(f"no model folder or run named {model!r}",
                            "give an export folder (runs/<id>/export) or a run id from `paddledesk runs`") from None
    for run in ws.runs():
        if run.has_export():
            return run.export_dir
    raise UserError("no exported model yet", "train one first: paddledesk demo, or paddledesk train --data …")


