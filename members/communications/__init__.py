"""Communications: announcements to members and their segments, e-mail preferences and unsubscribe links.

- services: composing, previewing, sending announcements (and the batch-sending task)
- preferences: opt-outs, suppressed addresses, signed unsubscribe links
- views: the public e-mail preferences and unsubscribe pages
- viewsets: the Wagtail admin of announcements, deliveries and suppressed addresses

Built on the base of members (models); the base of members never imports it.
"""
