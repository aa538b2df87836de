"""Settings: one dataclass, read from KG_* variables, documented in docs/settings.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.settings import PROJECT_ROOT, Settings, settings_table


def test_defaults_are_safe():
    s = Settings()
    assert s.host == "127.0.0.1"
    assert s.service_allowlist == ("https://query.wikidata.org/sparql",)
    assert s.base == "https://w3id.org/china-russia-kg"


def test_environment_overrides_and_types():
    s = Settings.from_env(
        {"KG_PORT": "9001", "KG_QUERY_TIMEOUT_S": "2.5", "KG_IN_MEMORY": "no", "KG_SERVICE_ALLOWLIST": "a, b", "KG_DATA_DIR": "/tmp/x"}
    )
    assert (s.port, s.query_timeout_s, s.in_memory, s.service_allowlist, s.data_dir) == (9001, 2.5, False, ("a", "b"), Path("/tmp/x"))


def test_cli_overrides_win_over_environment():
    assert Settings.from_env({"KG_PORT": "9001"}, port=9002).port == 9002


@pytest.mark.parametrize("name,value", [("KG_PORT", "eighty"), ("KG_IN_MEMORY", "maybe"), ("KG_ROW_CAP", "1e9x")])
def test_bad_values_are_config_errors(name, value):
    with pytest.raises(ConfigError, match=name):
        Settings.from_env({name: value})


def test_every_setting_is_documented():
    doc = (PROJECT_ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [name for name, _d, _h in settings_table() if f"KG_{name.upper()}" not in doc]
    assert not missing, f"document these settings in docs/settings.md: {missing}"


@pytest.mark.parametrize("name,value,says", [
    ("KG_QUERY_MEMORY_MB", "-1", "at least 0"),  # not a quiet "no limit"
    ("KG_PORT", "70000", "between 0 and 65535"),
    ("KG_QUERY_TIMEOUT_S", "0", "at least 0.001"),
    ("KG_QUERY_TIMEOUT_S", "nan", "not a finite number"),
    ("KG_QUERY_TIMEOUT_S", "inf", "not a finite number"),
    ("KG_ROW_CAP", "0", "at least 1"),
    ("KG_QUERY_WORKERS", "0", "at least 1"),
    ("KG_MAX_REQUEST_BYTES", "10", "at least 1024"),
    ("KG_BUILD_JOBS", "-2", "at least 0"),
])
def test_numbers_out_of_range_are_config_errors(name, value, says):
    with pytest.raises(ConfigError, match=f"{name}.*{says}"):
        Settings.from_env({name: value})


def test_range_checks_apply_to_overrides_and_replace_too():
    with pytest.raises(ConfigError, match="KG_CACHE_ENTRIES"):
        Settings.from_env({}, cache_entries=-5)
    with pytest.raises(ConfigError, match="KG_WEB_THREADS"):
        Settings().replace(web_threads=0)
    assert Settings.from_env({"KG_QUERY_MEMORY_MB": "0", "KG_PORT": "0"}).query_memory_mb == 0  # the edges are fine


def test_cli_says_what_is_out_of_range(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, KG_QUERY_MEMORY_MB="-1", KG_DATA_DIR=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "kg.cli", "settings"], cwd=PROJECT_ROOT, env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "KG_QUERY_MEMORY_MB=-1 is out of range" in r.stderr and "Traceback" not in r.stderr
