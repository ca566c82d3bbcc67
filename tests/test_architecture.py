"""The import rules of docs/style: the domain is pure, durable stays behind one adapter, views stay thin."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "rechtenverkenner"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
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
    allowed = {"db.py", "models.py", "services.py", "catalog/publish.py", "migrations/env.py"}
    for name, imports in modules().items():
        if uses(imports, "sqlalchemy") or uses(imports, "sqlmodel"):
            assert name in allowed or name.startswith("migrations/versions/"), name


def test_durable_rules_is_imported_nowhere_but_its_adapter():
    for name, imports in modules().items():
        if uses(imports, "durable"):
            assert name == "eligibility/engine.py", name


def test_blueprints_go_through_services():
    for folder in ("api", "web"):
        for name, imports in modules(folder).items():
            for forbidden in ("rechtenverkenner.models", "rechtenverkenner.catalog", "sqlalchemy", "sqlmodel"):
                assert not uses(imports, forbidden), f"{name} imports {forbidden}"
    assert not any(uses(i, "rechtenverkenner.web") for i in modules("api").values())
    assert not any(uses(i, "rechtenverkenner.api") for i in modules("web").values())


def test_flask_stays_out_of_the_pure_catalogue_modules():
    for name in ("catalog/files.py", "catalog/search.py"):
        assert not uses(imports_of(PACKAGE / name), "flask"), name


def test_no_legal_amount_is_written_in_code():
    # amounts belong in rules/ and catalog/ with their source
    import re
    amount = re.compile(r"\b\d{1,3}(\.\d{3})+,\d{2}\b|\b\d{3,}\.\d{2}\b")
    for path in PACKAGE.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "e.g." in line or "bijvoorbeeld" in line:
                continue  # a format example in a message, not a legal figure
            assert not amount.search(line), f"{path}:{number}: {line.strip()}"
