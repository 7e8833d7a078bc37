"""The direction of imports (docs/architecture.md, "Direction of imports"), checked statically.

Every module under `microfuture/` is parsed with `ast` (never imported): each `import` and
`from ... import`, at the top or inside a function, is a dependency. The checks:

- an app imports only itself, a lower app (`web → impact → network → guides → practices →
  finder → clubs → ledger`, `accounts` below them all) and the shared kernel; `accounts` and
  `ledger` import no other app;
- the kernel (`microfuture/kernel/`, `numbers.py`, `collation.py`, `formats/`, `datafile.py`,
  `importing.py`, `api.py`, `regions.py`, `municipalities.py`, `bounds.py`, `maps.py`) imports
  no app;
- a `selectors*.py` module imports no `services` module (services write, selectors read: both
  import the reads they share, e.g. `clubs/books.py`);
- no module outside tests and migrations uses `importlib`, `import_module` or `__import__`,
  which would hide a dependency from this test.

Tests (`tests/` folders, `test_*.py`, `conftest.py`) may drive any app and are not checked for
direction; the root `urls.py` and `settings.py` mount every app and are above them all.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

import microfuture

ROOT = Path(microfuture.__file__).resolve().parent

#: Highest first: an app may import the apps after it, never one before it.
ORDER = ["web", "impact", "network", "guides", "practices", "finder", "clubs", "ledger"]
#: Apps that import no other app of ours.
ISOLATED = {"accounts", "ledger"}
APPS = set(ORDER) | ISOLATED
#: Modules every app may use, which import no app.
KERNEL = {"kernel", "numbers", "collation", "formats", "datafile", "importing", "api",
          "regions", "municipalities", "bounds", "maps"}
#: Above every app: they mount the apps' URLs, settings and the WSGI entry.
TOP = {"urls", "settings", "wsgi", "__init__"}

#: Documented exceptions, each (importing file relative to microfuture/, imported module
#: prefix): why. Keep in step with docs/architecture.md. Empty: there is none.
ALLOWED: dict[tuple[str, str], str] = {}



@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"microfuture/{self.path}:{self.line}: {self.message}"


def unit_of(parts: tuple[str, ...]) -> str | None:
    """The app or kernel piece a dotted module under `microfuture` belongs to (None: root)."""
    if not parts:
        return None
    head = parts[0].removesuffix(".py")
    if head in APPS or head in KERNEL:
        return head
    return None


def is_test(rel: Path) -> bool:
    return ("tests" in rel.parts or rel.name.startswith("test_") or rel.name == "conftest.py")


def imports(tree: ast.AST, package: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """Every import statement of a parsed file, at any depth: its line and the dotted absolute
    modules it may load (`from a.b import c` may load `a.b` or `a.b.c`)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, [alias.name]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join(base + ((node.module,) if node.module else ()))
            else:
                module = node.module or ""
            yield node.lineno, [module] + [f"{module}.{alias.name}" for alias in node.names]


def hidden_imports(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """`importlib`, `import_module` and `__import__`: imports this test could not see."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "importlib":
                    yield node.lineno, f"imports {alias.name}"
        elif isinstance(node, ast.ImportFrom):
            names = {alias.name for alias in node.names}
            if (node.module or "").split(".")[0] == "importlib" or "import_module" in names:
                yield node.lineno, f"imports from {node.module}"
        elif isinstance(node, ast.Name) and node.id in {"__import__", "import_module"}:
            yield node.lineno, f"uses {node.id}"
        elif isinstance(node, ast.Attribute) and node.attr in {"__import__", "import_module"}:
            yield node.lineno, f"uses .{node.attr}"


def check_file(root: Path, path: Path, top: str = "microfuture",
               exceptions: Collection[tuple[str, str]] = ()) -> list[Problem]:
    """The problems of one file; `exceptions` are (file, module prefix) pairs let through."""
    rel = path.relative_to(root)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module_parts = rel.with_suffix("").parts
    package = (top, *module_parts[:-1])  # a module's package, and an __init__'s own
    source = unit_of(rel.parts)
    test = is_test(rel)
    problems: list[Problem] = []
    where = rel.as_posix()

    if not test and "migrations" not in rel.parts:
        for line, what in hidden_imports(tree):
            problems.append(Problem(where, line, f"{what}: a hidden dependency"))
    if test or source is None:
        return problems

    selectors = rel.name.startswith("selectors")
    for line, modules in imports(tree, package):
        ours = [m for m in modules if m.split(".")[0] == top]
        if any(m.startswith(prefix) and where == file for (file, prefix) in exceptions
               for m in ours):
            continue
        if selectors:
            services = [m for m in ours if any(p.startswith("services") for p in m.split("."))]
            if services:
                problems.append(Problem(where, line,
                                        f"a selector imports services: {services[0]}"))
        for module in ours:
            target = unit_of(tuple(module.split(".")[1:2]))
            if target is None or target == source or target in KERNEL:
                continue
            if source in KERNEL:
                message = f"the kernel ({source}) imports the app {target}: {module}"
            elif source in ISOLATED:
                message = f"{source} imports no other app, but imports {module}"
            elif target not in ISOLATED and ORDER.index(target) < ORDER.index(source):
                message = f"{source} imports the higher app {target}: {module}"
            else:
                continue
            problems.append(Problem(where, line, message))
            break
    return problems


def check_tree(root: Path, top: str = "microfuture",
               exceptions: Collection[tuple[str, str]] = ()) -> list[Problem]:
    problems: list[Problem] = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if any(part.startswith(".") or part in {"node_modules", "static"} for part in rel.parts):
            continue
        problems.extend(check_file(root, path, top, exceptions))
    return problems


def test_no_app_imports_upwards_and_no_hidden_imports() -> None:
    problems = check_tree(ROOT, exceptions=set(ALLOWED))
    assert not problems, "\n".join(map(str, problems))


def test_every_allowed_exception_is_still_needed() -> None:
    # An exception that no longer matches any import should be removed (and the docs updated).
    for (path, prefix), _why in ALLOWED.items():
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        assert any(module.startswith(prefix) for _, modules in imports(tree, ("microfuture",))
                   for module in modules), (path, prefix)


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_check_finds_each_kind_of_bad_import(tmp_path: Path) -> None:
    root = tmp_path / "microfuture"
    _write(root, "__init__.py", "")
    _write(root, "urls.py", "from microfuture.web import views\n")  # the top: fine
    _write(root, "clubs/__init__.py", "")
    _write(root, "clubs/models.py", "from microfuture.ledger.models import Entry\n")  # down
    _write(root, "clubs/views.py",
           "from microfuture.kernel.fields import NumberField\n"  # the kernel: fine
           "\n"
           "def page():\n"
           "    from microfuture.web.templatetags import numbers\n")  # up, inside a function
    _write(root, "clubs/selectors.py", "from microfuture.clubs.services.money import load\n")
    _write(root, "clubs/selectors_map.py", "from .services import STAGES\n")  # relative
    _write(root, "clubs/loader.py", "import importlib\n")
    _write(root, "clubs/tests/test_x.py", "import importlib\nfrom microfuture import web\n")
    _write(root, "ledger/post.py", "from microfuture import clubs\n")
    _write(root, "accounts/hooks.py", "from microfuture.clubs.models import Club\n")
    _write(root, "numbers.py", "from microfuture.finder.mechanism import Text\n")
    _write(root, "practices/mapping.py", "from microfuture.finder.models import Kind\n")  # down
    _write(root, "finder/load.py", "x = __import__('microfuture.practices')\n")

    found = {(p.path, p.line) for p in check_tree(root)}

    assert found == {
        ("clubs/views.py", 4),
        ("clubs/selectors.py", 1),
        ("clubs/selectors_map.py", 1),
        ("clubs/loader.py", 1),
        ("ledger/post.py", 1),
        ("accounts/hooks.py", 1),
        ("numbers.py", 1),
        ("finder/load.py", 1),
    }
    messages = "\n".join(map(str, check_tree(root)))
    assert "microfuture/clubs/views.py:4: clubs imports the higher app web" in messages
