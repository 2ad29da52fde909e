import stat

import pytest

from marketplace.config import ConfigurationError, load_config


@pytest.fixture
def clean_env(monkeypatch):
    for name in (
        "MARKETPLACE_ENV",
        "SECRET_KEY",
        "DATABASE_URL",
        "REDIS_URL",
        "SESSION_COOKIE_SECURE",
    ):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_production_refuses_to_start_without_secrets(clean_env, tmp_path):
    clean_env.setenv("MARKETPLACE_ENV", "production")
    with pytest.raises(ConfigurationError, match="SECRET_KEY, DATABASE_URL"):
        load_config(str(tmp_path))
    clean_env.setenv("SECRET_KEY", "x" * 40)
    with pytest.raises(ConfigurationError, match="DATABASE_URL"):
        load_config(str(tmp_path))
    clean_env.setenv("DATABASE_URL", "postgresql+psycopg://u:p@db/market")
    config = load_config(str(tmp_path))
    assert config["SESSION_COOKIE_SECURE"] is True
    assert not (tmp_path / "secret_key").exists()


def test_development_generates_the_secret_key_once(clean_env, tmp_path):
    first = load_config(str(tmp_path))
    key_file = tmp_path / "secret_key"
    assert len(first["SECRET_KEY"]) == 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_config(str(tmp_path))["SECRET_KEY"] == first["SECRET_KEY"]
    assert first["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'marketplace.sqlite3'}"
    assert first["SESSION_COOKIE_SECURE"] is False


def test_redis_url_moves_rate_limits_to_redis(clean_env, tmp_path):
    clean_env.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    assert load_config(str(tmp_path))["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"


def test_unknown_environment_is_refused(clean_env, tmp_path):
    clean_env.setenv("MARKETPLACE_ENV", "staging")
    with pytest.raises(ConfigurationError):
        load_config(str(tmp_path))
