"""A catalogue with the real code lists and rights plus the rights-check test data of tests/fixtures/rights_check."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import CATALOG, FIXTURES

RC = FIXTURES / "rights_check"


def build_catalog(target: Path) -> Path:
    shutil.copytree(CATALOG / "codelists", target / "codelists")
    shutil.copy(CATALOG / "synonyms.toml", target / "synonyms.toml")
    shutil.copytree(CATALOG / "rights", target / "rights")
    shutil.copytree(RC / "parameters", target / "parameters")
    for path in (RC / "codelists").glob("*.toml"):
        shutil.copy(path, target / "codelists" / path.name)
    for path in (RC / "rights").glob("*.toml"):
        shutil.copy(path, target / "rights" / path.name)
    return target


@pytest.fixture(scope="session")
def rc_catalog(tmp_path_factory) -> Path:
    return build_catalog(tmp_path_factory.mktemp("rc") / "catalog")
