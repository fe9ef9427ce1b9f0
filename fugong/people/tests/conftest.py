import pytest


@pytest.fixture(autouse=True)
def _roster_files_in_tmp(settings, tmp_path):  # noqa: PT004
    """Uploads waiting for confirmation and background exports go to a fresh VAR_DIR."""
    settings.VAR_DIR = tmp_path
