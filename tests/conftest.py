"""Shared fixtures: the seed graph is built once per test session by the real pipeline."""

from __future__ import annotations

import os

import pytest

from kg.settings import PROJECT_ROOT, Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing may reach a model hub from the tests


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory) -> Settings:
    """Settings whose data_dir holds a fresh build of seeds/ (with dumps)."""
    from kg.pipeline import build

    settings = Settings(data_dir=tmp_path_factory.mktemp("seed-var"), seeds_dir=PROJECT_ROOT / "seeds")
    build(settings, None, dumps=True)
    return settings
