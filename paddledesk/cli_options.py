"""Command-line values that need more than argparse: --delimiter and --gpus, with a clear error."""

from __future__ import annotations

from paddledesk.cli_errors import UserError


def cli_delimiter(text: str | None) -> str | None:
    """--delimiter as typed ("tab", ";", "\\t") -> the character; a clear error for anything else."""
    from core.datasets import parse_delimiter

    try:
        return parse_delimiter(text)
    except ValueError as exc:
        raise UserError(f"--delimiter {exc}", "e.g. --delimiter ';' or --delimiter tab") from None


def parse_gpus(text: str | None) -> list[int]:
    """'0,1' -> [0, 1]; a clear error for anything else."""
    if not text:
        return []
    try:
        return [int(x) for x in text.replace(" ", "").split(",") if x]
    except ValueError:
        raise UserError(f"--gpus {text!r} is not a list of GPU numbers",
                        "write them with commas, e.g. --gpus 0,1 (see `paddledesk gpus`)") from None
