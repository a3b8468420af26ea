"""Messages core shows to people, with stable ids so the app can translate them.

A :class:`Message` is a ``str`` (the English text the CLI prints and logs keep) that also
remembers its id, its English template with named ``{arguments}`` and the arguments. Code that
treats it as text keeps working; the app (``gui.core_texts.render``) looks the template up in Qt's
translations and fills in the arguments, translating those that are messages themselves (file
names, numbers and label names are data and stay as they are).

Templates are written where they are used, as literals: ``say("data.empty-text", "empty text")``.
:func:`templates_in_source` finds every such call, which is how ``tools/translations.py``
builds the catalogue the app's translators see (``gui/core_messages.py``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path
from typing import Any


class Message(str):
    """English text plus ``id``, ``template`` and ``args`` (``str(m)`` is the filled template)."""

    id: str
    template: str
    args: dict[str, Any]

    def __new__(cls, id: str, template: str, **args: Any) -> Message:
        self = super().__new__(cls, template.format(**args))
        self.id, self.template, self.args = id, template, args
        return self

    def __reduce__(self):  # pickle/copy keep the id and arguments, not only the text
        return (_rebuild, (self.id, self.template, self.args))

    def __repr__(self) -> str:
        return f"Message({self.id!r}, {str(self)!r})"


def _rebuild(id: str, template: str, args: dict[str, Any]) -> Message:
    return Message(id, template, **args)


def say(id: str, template: str, **args: Any) -> Message:
    """The message ``id``: ``template`` (a literal, so the catalogue finds it) filled with ``args``."""
    return Message(id, template, **args)


def join(items: Iterable[Any], sep: str = "; ") -> Message:
    """``items`` (messages or plain text) joined by ``sep``, each still translatable on its own."""
    args = {f"item{i}": item for i, item in enumerate(items)}
    return Message("join", sep.join("{" + k + "}" for k in args), **args)


def templates_in_source(root: str | Path, skip: tuple[str, ...] = ("trainer",)) -> dict[str, str]:
    """Every ``say("id", "template", ...)`` under ``root`` (a package folder): id -> template.

    Raises ValueError naming the file and line of a call whose id or template is not a literal,
    or of an id used with two different templates.
    """
    root = Path(root)
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(root.rglob("*.py")):
        if any(part in skip for part in path.relative_to(root).parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        if not any(isinstance(n, ast.ImportFrom) and n.module == "core.messages" and
                   any(a.name == "say" and a.asname is None for a in n.names) for n in ast.walk(tree)):
            continue  # a local name "say" (a progress callback, say) is not ours
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "say"):
                continue
            where = f"{path}:{node.lineno}"
            literal = [a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if len(literal) != 2:
                raise ValueError(f"{where}: say() needs a literal id and a literal template "
                                 "(put the changing parts in arguments)")
            mid, template = literal
            if mid in found and found[mid][0] != template:
                raise ValueError(f"{where}: the id {mid!r} already has another template at {found[mid][1]}; "
                                 "give this one its own id")
            found.setdefault(mid, (template, where))
    return {mid: template for mid, (template, _where) in found.items()}


def placeholders(template: str) -> set[str]:
    """The argument names ``template`` uses (a translation must use the same ones)."""
    import string

    return {name.split(".")[0].split("[")[0] for _text, name, _spec, _conv in string.Formatter().parse(template)
            if name}
