"""SiteSettings moved from the kominfo package to the site_settings app: an existing
database keeps its row (and the permissions given on it) across the move, both ways."""

from tests.scratchdb import manage, query, scratch_database

PERMS_SQL = """
    SELECT ct.app_label, count(*) FROM auth_group_permissions gp
    JOIN auth_permission p ON p.id = gp.permission_id
    JOIN django_content_type ct ON ct.id = p.content_type_id
    WHERE ct.model = 'sitesettings' GROUP BY ct.app_label
"""


def test_existing_site_settings_row_survives_the_move_and_its_reversal():
    with scratch_database("settings_move") as env:
        # The database as it was before the move: the row lives in kominfo's table.
        manage(env, "migrate", "kominfo", "0003", "--noinput")
        query(
            env,
            "INSERT INTO kominfo_sitesettings (id, site_name, tagline, office_name, footer_text,"
            " address, phone, email, facebook_url, instagram_url, x_url, youtube_url,"
            " require_two_factor) VALUES (1, 'Dinas Kominfo Ujì', '', 'Kantor «uji»', '', '',"
            " '', '', '', '', '', '', true)",
        )
        assert query(env, PERMS_SQL) == [("kominfo", 4)]

        manage(env, "migrate", "--noinput")
        rows = query(
            env,
            "SELECT id, site_name, office_name, require_two_factor FROM site_settings_sitesettings",
        )
        assert rows == [(1, "Dinas Kominfo Ujì", "Kantor «uji»", True)]
        assert query(env, PERMS_SQL) == [("site_settings", 4)]

        manage(env, "migrate", "site_settings", "zero", "--noinput")
        rows = query(env, "SELECT id, site_name FROM kominfo_sitesettings")
        assert rows == [(1, "Dinas Kominfo Ujì")]
        assert query(env, PERMS_SQL) == [("kominfo", 4)]
