"""Every migration can be unapplied and applied again on PostgreSQL (scratch database)."""

from tests.scratchdb import ROOT, manage, query, scratch_database


def project_apps_with_migrations():
    """Every app of this repository that has migrations (new apps are included as
    they come), the project package first so its data migrations go back first."""
    apps = sorted(p.parent.parent.name for p in ROOT.glob("*/migrations/__init__.py"))
    return sorted(apps, key=lambda name: name != "kominfo")


def test_all_migrations_reverse_to_zero_and_forward_again():
    with scratch_database("migrations_scratch") as env:
        manage(env, "migrate", "--noinput")
        for app in project_apps_with_migrations():
            manage(env, "migrate", app, "zero", "--noinput")
        manage(env, "migrate", "--noinput")
        assert query(env, "SELECT count(*) FROM auth_group") == [(3,)]
