"""Fixtures for the receiver's tests: a receiver subprocess per module, a throwaway PostgreSQL
database per session (env SIGNAAL_TEST_PG; skipped without it, except in CI where that fails)."""

from __future__ import annotations

import os

import pytest

from tests.support.receiver import postgres_test_database, running_receiver

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def pg_base():
    """The libpq conninfo of the PostgreSQL server to test against (SIGNAAL_TEST_PG)."""
    base = os.environ.get("SIGNAAL_TEST_PG")
    if not base:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(
                "SIGNAAL_TEST_PG is not set: CI must run the PostgreSQL tests (set it to a libpq "
                "conninfo such as 'host=/var/run/postgresql dbname=postgres')."
            )
        pytest.skip("SIGNAAL_TEST_PG is not set (a libpq conninfo for a PostgreSQL server)")
    return base


@pytest.fixture(scope="session")
def pg_conninfo(pg_base):
    """A throwaway database for the session."""
    conninfo, drop = postgres_test_database(pg_base)
    yield conninfo
    drop()


@pytest.fixture(scope="module")
def database_url(request):
    """None for SQLite, or the conninfo of a fresh PostgreSQL database for this module."""
    kind = getattr(request, "param", "sqlite")
    if kind == "sqlite":
        return None
    conninfo, drop = postgres_test_database(request.getfixturevalue("pg_base"))
    request.addfinalizer(drop)
    return conninfo


@pytest.fixture(scope="module")
def receiver(tmp_path_factory, database_url):
    """One receiver for the whole module (starting one costs about a second)."""
    with running_receiver(tmp_path_factory.mktemp("rx"), database_url) as rx:
        yield rx
