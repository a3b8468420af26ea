"""One set of formatters (core.formatting) for the CLI, the app and core's own messages."""

from __future__ import annotations

from core.formatting import eta_seconds, format_bytes, format_clock, format_count, format_duration


def test_counts_keep_one_decimal_in_every_unit():
    assert [format_count(n) for n in (812, 5300, 18_049_000, 2_300_000_000)] == ["812", "5.3K", "18.0M", "2.3B"]


def test_bytes_are_binary_units_named_as_such():
    assert format_bytes(int(21.1 * 2**30)) == "21.1 GiB"
    assert format_bytes(64 * 2**20) == "64 MiB"
    assert format_bytes(50_000) == "48.8 KiB"
    assert format_bytes(812) == "812 B"
    assert format_bytes(None) == "?" and format_bytes(None, unknown="N/A") == "N/A"


def test_durations_in_words_and_as_a_clock():
    assert [format_duration(s) for s in (42, 75, 7500)] == ["42 s", "1 min 15 s", "2 h 05 min"]
    assert format_duration(None) == "—" and format_duration(-1) == "—"
    assert [format_clock(s) for s in (20, 75, 3723)] == ["0:20", "1:15", "1:02:03"]


def test_time_left_follows_the_pace_so_far():
    assert eta_seconds(25, 100, elapsed_s=10.0) == 30.0
    assert eta_seconds(0, 100, elapsed_s=10.0) is None and eta_seconds(100, 100, 50.0) == 0.0


def test_the_app_and_core_quote_the_same_figures():
    from core.gpu import format_bytes as gpu_bytes
    from core.models import get_model
    from core.runners.container_limits import memory_text
    from gui.catalogue import model_cards

    assert gpu_bytes(3 * 2**30) == memory_text(3 * 2**30) == format_bytes(3 * 2**30) == "3.0 GiB"
    assert gpu_bytes(None) == "N/A"
    card = next(c for c in model_cards() if c.name == "fasttext")
    assert card.display_name == get_model("fasttext").display_name and format_count(card.params).endswith("M")
