"""Shared by the unsaved-text browser tests (every publishing type's form has the guard)."""


def stored_drafts(page):
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('kominfo-draft:'))")


def leave_and_reopen(page, url, errors):
    """Leave the form (the browser must ask first), open it again in a new tab and
    check the unsaved text is offered back; returns the new page, not yet restored."""
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", on_dialog)
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert dialogs == ["beforeunload"]

    page = page.context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    banner = page.locator(".draft-autosave")
    banner.wait_for()
    assert "Pulihkan teks yang belum tersimpan?" in banner.inner_text()
    assert page.input_value("#id_title") == ""
    page.locator(".ck-editor__editable").first.wait_for()
    return page
