"""The wheel holds everything the app serves: built from the source, installed into a fresh virtualenv (the
dependencies from the project's own environment, not the source tree), every page answers without an error."""

import json
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _run(*args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def test_every_page_answers_from_an_installed_wheel(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "rechtenverkenner", source / "rechtenverkenner", ignore=shutil.ignore_patterns("__pycache__")
    )
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dist), str(source))
    wheel = next(dist.glob("rechtenverkenner-*.whl"))

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", str(venv))
    python = venv / "bin" / "python"
    _run(str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel))
    # the dependencies: the project's environment, after the fresh one on sys.path (its own copy wins)
    fresh_site = Path(_run(str(python), "-c", "import site; print(site.getsitepackages()[0])").stdout.strip())
    (fresh_site / "project-deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")

    env = {key: value for key, value in os.environ.items() if not key.startswith(("RECHTENVERKENNER_", "PYTHON"))}
    # the data folders are configuration (they are not part of the package)
    env["RECHTENVERKENNER_CATALOG_DIR"] = str(ROOT / "catalog")
    env["RECHTENVERKENNER_RULES_DIR"] = str(ROOT / "rules")
    probe = ROOT / "tests" / "packaging" / "probe.py"
    shutil.copy(probe, tmp_path / "probe.py")  # run from outside the source tree
    result = _run(str(python), str(tmp_path / "probe.py"), cwd=tmp_path, env=env)
    answer = json.loads(result.stdout.strip().splitlines()[-1])

    assert answer["module"].startswith(str(venv)), answer["module"]
    pages = answer["pages"]
    assert pages["POST /beheer/login"] == 302
    for url in ("/beheer/", "/beheer/upload", "/beheer/dekking/44021", "/beheer/recht/leefloon/geschiedenis", "/"):
        assert pages[url] == 200, url
    failed = {url: status for url, status in pages.items() if status >= 400}
    assert not failed, failed
