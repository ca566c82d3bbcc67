"""The LPDC upload tests moved to tests/lpdc/test_editor.py; their helpers stay importable from here."""

from tests.lpdc.test_editor import account, publish_all

__all__ = ["account", "publish_all"]
