"""A catalogue with the real code lists and rights plus the rights-check test data of tests/fixtures/rights_check."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import CATALOG, FIXTURES

RC = FIXTURES / "rights_check"


def build_catalog(target: Path) -> Path:
    """The real catalogue (rights, parameters, facts, scopes) plus the test rights and what only they cite."""
    shutil.copytree(CATALOG / "codelists", target / "codelists")
    shutil.copy(CATALOG / "synonyms.toml", target / "synonyms.toml")
    shutil.copytree(CATALOG / "rights", target / "rights")
    shutil.copytree(CATALOG / "parameters", target / "parameters")
    for path in (RC / "parameters").glob("*.toml"):  # the test's figures win: the tests pin them
        shutil.copy(path, target / "parameters" / path.name)
    for path in (RC / "codelists").glob("*.toml"):
        _merge_list(target / "codelists" / path.name, path)
    for path in (RC / "rights").glob("*.toml"):
        shutil.copy(path, target / "rights" / path.name)
    return target


def _merge_list(real: Path, extra: Path) -> None:
    """The real code list (facts, households) with the test's entries added or, for the same id, replacing."""
    import tomllib

    import tomli_w

    data = tomllib.loads(real.read_text(encoding="utf-8")) if real.exists() else {}
    more = tomllib.loads(extra.read_text(encoding="utf-8"))
    for key, entries in more.items():
        if isinstance(entries, list):
            ours = {e.get("id") for e in entries}
            data[key] = [e for e in data.get(key, []) if e.get("id") not in ours] + list(entries)
        else:
            data.setdefault(key, entries)
    real.write_text(tomli_w.dumps(data), encoding="utf-8")


@pytest.fixture(scope="session")
def rc_catalog(tmp_path_factory) -> Path:
    return build_catalog(tmp_path_factory.mktemp("rc") / "catalog")
