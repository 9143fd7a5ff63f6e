"""What a page's template reads, loaded without the page model importing upward.

Page models sit below selectors (selectors query them), so a model's `get_context()` may not import its app's
selectors or services. Instead the page calls `page_context(self, request, context)`, which runs every function
registered with the Wagtail hook `construct_page_context` (from an app's wagtail_hooks.py, which Wagtail imports
on the first hook lookup). Each app keeps its loaders in a non-model module, `<app>/page_context.py`, free to
call selectors; a loader adds to `context` for the page classes it knows and ignores the others.

    # events/models/pages.py
    def get_context(self, request, *args, **kwargs):
        return page_context(self, request, super().get_context(request, *args, **kwargs))

    # events/wagtail_hooks.py
    hooks.register(PAGE_CONTEXT_HOOK, events.page_context.add_page_context)
"""

from wagtail import hooks

PAGE_CONTEXT_HOOK = "construct_page_context"


def page_context(page, request, context: dict) -> dict:
    """Let each `construct_page_context` hook add what `page`'s template reads to `context`; returns `context`."""
    for add in hooks.get_hooks(PAGE_CONTEXT_HOOK):
        add(page, request, context)
    return context
