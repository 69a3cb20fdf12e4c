"""Checks the catalogues against each other and against the code.

A problem is reported when a key is in one locale and not another, when no string constant in
the code names a key, when a string constant shaped like a key is in no catalogue, when a key's
placeholders differ between locales, or when a file does not parse. Code "uses" a key by naming
it as a string constant (`t("help-title")`, or a table of keys): keys are never built by
formatting, so a search for the key finds every place that shows it.

    uv run python -m i18n.check
"""

from __future__ import annotations

import ast
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from fluent.syntax import FluentParser, ast as fluent_ast
from fluent.syntax.visitor import Visitor

from i18n.catalogue import LOCALES_DIR

ROOT = LOCALES_DIR.parents[1]
CODE_DIRS = ("bot", "agents", "drill", "i18n")
# What a call like t("grammar-bad-subcommand", …) names; a string of this shape that is in no
# catalogue is reported only when passed to t()/tr()/Translator — other dashed words are normal.
_KEY_SHAPE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
_TRANSLATE_CALLS = {"t", "tr", "_t"}


@dataclass
class Entry:
    placeholders: frozenset[str]
    file: str


@dataclass
class Catalogues:
    entries: dict[str, dict[str, Entry]] = field(default_factory=dict)  # locale → key → entry
    problems: list[str] = field(default_factory=list)


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: fluent_ast.VariableReference) -> None:
        self.names.add(node.id.name)
        self.generic_visit(node)


def read_catalogues(root: Path) -> Catalogues:
    found = Catalogues()
    parser = FluentParser(with_spans=False)
    for locale_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        entries: dict[str, Entry] = {}
        for path in sorted(locale_dir.glob("*.ftl")):
            shown = f"{locale_dir.name}/{path.name}"
            resource = parser.parse(path.read_text(encoding="utf-8"))
            for item in resource.body:
                if isinstance(item, fluent_ast.Junk):
                    first = item.content.strip().splitlines()[0] if item.content.strip() else ""
                    found.problems.append(f"{shown}: does not parse near `{first}`")
                elif isinstance(item, fluent_ast.Message):
                    key = item.id.name
                    if key in entries:
                        found.problems.append(f"{shown}: `{key}` is also in {entries[key].file}")
                    variables = _Variables()
                    variables.visit(item)
                    entries[key] = Entry(frozenset(variables.names), shown)
        found.entries[locale_dir.name] = entries
    return found


def keys_in_code(code_roots: list[Path]) -> tuple[set[str], dict[str, str]]:
    """Every string constant in the code (a superset of the keys it uses), and the key-shaped
    first arguments of translate calls with where they are."""
    constants: set[str] = set()
    called: dict[str, str] = {}
    for code_root in code_roots:
        for path in sorted(code_root.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    constants.add(node.value)
                elif isinstance(node, ast.Call) and node.args:
                    name = node.func.id if isinstance(node.func, ast.Name) else (
                        node.func.attr if isinstance(node.func, ast.Attribute) else ""
                    )
                    first = node.args[0]
                    if (
                        name in _TRANSLATE_CALLS
                        and isinstance(first, ast.Constant)
                        and isinstance(first.value, str)
                        and _KEY_SHAPE.match(first.value)
                    ):
                        called[first.value] = f"{path.name}:{node.lineno}"
    return constants, called


def check_catalogues(root: Path = LOCALES_DIR, code_roots: list[Path] | None = None) -> list[str]:
    """Every problem found, one sentence each; empty when the catalogues are sound."""
    if code_roots is None:
        code_roots = [ROOT / name for name in CODE_DIRS if (ROOT / name).is_dir()]
    found = read_catalogues(root)
    problems = list(found.problems)
    locales = sorted(found.entries)
    all_keys = set().union(*(found.entries[loc].keys() for loc in locales)) if locales else set()
    for key in sorted(all_keys):
        present = {loc: found.entries[loc].get(key) for loc in locales}
        missing = [loc for loc, entry in present.items() if entry is None]
        if missing:
            problems.append(f"`{key}` is missing in {', '.join(missing)}")
            continue
        shapes = {loc: entry.placeholders for loc, entry in present.items() if entry}
        if len(set(shapes.values())) > 1:
            told = "; ".join(f"{loc}: {sorted(names) or 'none'}" for loc, names in shapes.items())
            problems.append(f"`{key}` has different placeholders ({told})")
    constants, called = keys_in_code(code_roots)
    for key in sorted(all_keys - constants):
        problems.append(f"`{key}` is in the catalogues but no code names it")
    for key, where in sorted(called.items()):
        if key not in all_keys:
            problems.append(f"`{key}` ({where}) is in no catalogue")
    return problems


def main() -> int:
    problems = check_catalogues()
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
