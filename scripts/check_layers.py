"""Keep the layers of STYLE.md true: ui never imports sqlalchemy or peerdesk.models at all,
and imports peerdesk.services/app only for type checking or inside functions (start-up speed);
reports never import Qt or sqlalchemy; domain imports neither Qt nor sqlalchemy.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "peerdesk"

#: package → module prefixes it must never import, anywhere in the file.
FORBIDDEN = {
    "ui": ("sqlalchemy", "peerdesk.models", "peerdesk.db"),
    "domain": ("sqlalchemy", "PySide6", "peerdesk.models", "peerdesk.services", "peerdesk.ui"),
    "models": ("PySide6", "peerdesk.services", "peerdesk.ui"),
    "services": ("PySide6", "peerdesk.ui"),
    "reports": ("PySide6", "sqlalchemy", "peerdesk.models", "peerdesk.ui"),
}
#: package → prefixes it may import only inside functions or under TYPE_CHECKING.
DEFERRED_ONLY = {"ui": ("peerdesk.services", "peerdesk.app", "reportlab", "alembic")}


def _imports(tree: ast.Module) -> list[tuple[str, bool]]:
    """(module, at_top_level) for every import; TYPE_CHECKING blocks count as not top level."""
    found: list[tuple[str, bool]] = []

    def visit(nodes: list[ast.stmt], top: bool) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.extend((alias.name, top) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.append((node.module, top))
            elif isinstance(node, ast.If):
                guarded = "TYPE_CHECKING" in ast.unparse(node.test)
                visit(node.body, top and not guarded)
                visit(node.orelse, top)
            elif isinstance(node, ast.Try):
                visit(node.body, top)
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    visit(child.body, False)
                elif isinstance(child, ast.ClassDef):
                    visit(child.body, top)

    visit(tree.body, True)
    return found


def main() -> int:
    problems: list[str] = []
    for path in sorted(ROOT.rglob("*.py")):
        package = path.relative_to(ROOT).parts[0]
        banned = FORBIDDEN.get(package, ())
        deferred = DEFERRED_ONLY.get(package, ())
        for module, top in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            rel = path.relative_to(ROOT.parent)
            if module.startswith(banned):
                problems.append(f"{rel}: imports {module} (not allowed in peerdesk/{package})")
            elif top and module.startswith(deferred):
                problems.append(f"{rel}: imports {module} at start-up (import it when needed)")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
