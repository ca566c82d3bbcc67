"""The import rules of docs/style: the domain is pure, durable stays behind one adapter, views stay thin,
storage stays in the storage modules, one module holds the transaction, and no module grows past 400 lines."""

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "rechtenverkenner"
BLUEPRINTS = ("api", "web", "editor")
MAX_LINES = 400


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # `from rechtenverkenner import models` imports the module rechtenverkenner.models
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def modules(folder: str = "") -> dict[str, set[str]]:
    base = PACKAGE / folder
    return {str(p.relative_to(PACKAGE)): imports_of(p) for p in base.rglob("*.py")}


def uses(imports: set[str], prefix: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for name in imports)


def test_the_domain_imports_only_the_standard_library():
    for name, imports in modules("domain").items():
        for lib in ("flask", "sqlmodel", "sqlalchemy", "durable", "marshmallow", "rechtenverkenner.api"):
            assert not uses(imports, lib), f"{name} imports {lib}"


def test_sqlalchemy_stays_in_the_storage_modules():
    allowed = {"db.py", "models.py", "catalog/publish.py", "migrations/env.py"}
    for name, imports in modules().items():
        if uses(imports, "sqlalchemy") or uses(imports, "sqlmodel"):
            assert name in allowed or name.startswith(("services/", "migrations/versions/")), name


def test_durable_rules_is_imported_nowhere_but_its_adapter():
    for name, imports in modules().items():
        if uses(imports, "durable"):
            assert name == "eligibility/engine.py", name


def test_every_blueprint_goes_through_services():
    assert {
        p.parent.name for p in PACKAGE.glob("*/__init__.py") if "Blueprint(" in p.read_text(encoding="utf-8")
    } == set(BLUEPRINTS), "a new blueprint: add it to BLUEPRINTS"
    for folder in BLUEPRINTS:
        for name, imports in modules(folder).items():
            for forbidden in ("rechtenverkenner.models", "rechtenverkenner.catalog", "sqlalchemy", "sqlmodel"):
                assert not uses(imports, forbidden), f"{name} imports {forbidden}"
            for other in BLUEPRINTS:
                if other != folder:
                    assert not uses(imports, f"rechtenverkenner.{other}"), f"{name} imports rechtenverkenner.{other}"


def test_callers_import_the_feature_modules_not_a_services_facade():
    tree = ast.parse((PACKAGE / "services" / "__init__.py").read_text(encoding="utf-8"))
    assert [type(node) for node in tree.body] == [ast.Expr], "services/__init__.py holds its docstring only"


def test_services_stay_out_of_flask_and_the_views():
    for name, imports in modules("services").items():
        for forbidden in ("flask", *(f"rechtenverkenner.{b}" for b in BLUEPRINTS), "rechtenverkenner.problems"):
            assert not uses(imports, forbidden), f"{name} imports {forbidden}"


def _receiver(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def test_only_db_commits_or_rolls_back():
    # who commits is written in db.py: services use db.transaction, nothing else ends a transaction
    for path in PACKAGE.rglob("*.py"):
        name = str(path.relative_to(PACKAGE))
        if name in ("db.py", "migrations/env.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("commit", "rollback", "begin")
                and re.search(r"session|conn|connection|transaction", _receiver(node.func.value))
            ):
                raise AssertionError(f"{name}:{node.lineno} calls {_receiver(node.func.value)}.{node.func.attr}()")


def test_flask_stays_out_of_the_pure_modules():
    for name in (
        "catalog/files.py",
        "catalog/codelists.py",
        "catalog/schema.py",
        "catalog/search.py",
        "errors.py",
        "messages.py",
    ):
        assert not uses(imports_of(PACKAGE / name), "flask"), name


def test_no_module_is_longer_than_400_lines():
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, "split these modules: " + ", ".join(f"{name} ({n} lines)" for name, n in sorted(long.items()))


def test_no_legal_amount_is_written_in_code():
    # amounts belong in rules/ and catalog/ with their source
    amount = re.compile(r"\b\d{1,3}(\.\d{3})+,\d{2}\b|\b\d{3,}\.\d{2}\b")
    for path in PACKAGE.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "e.g." in line or "bijvoorbeeld" in line:
                continue  # a format example in a message, not a legal figure
            assert not amount.search(line), f"{path}:{number}: {line.strip()}"
