# Name of the Django group whose users are staff of an active member company. Members-only pages are
# restricted to it through Wagtail's group view restrictions.
MEMBERS_GROUP = "Members"
