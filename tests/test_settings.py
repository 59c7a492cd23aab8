"""Settings come from defaults, then EVENTWIRE_* variables, then explicit overrides."""

from dataclasses import fields

from eventwire.settings import Settings


def test_environment_overrides_with_types(monkeypatch):
    bools = [f.name for f in fields(Settings) if isinstance(f.default, bool)]
    monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", "8")
    monkeypatch.setenv("EVENTWIRE_MODEL", "my_pipeline")
    for name in bools:
        monkeypatch.setenv(f"EVENTWIRE_{name.upper()}", "0")
    s = Settings.from_env()
    assert s.batch_size == 8 and s.model == "my_pipeline"
    assert all(getattr(s, name) is False for name in bools)
    assert Settings.from_env(batch_size=4).batch_size == 4
