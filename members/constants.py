# Name of the Django group whose users are staff of an active member company. Members-only pages are
# restricted to it through Wagtail's group view restrictions.
MEMBERS_GROUP = "Membres"

# The roles' groups as the migrations name them (cms 0004: in French, the association's language). They are data:
# the secretariat may rename them in the admin, and nothing at run time looks a role up by its name.
SECRETARIAT_GROUP = "Secrétariat"
EDITOR_GROUP = "Rédacteur"
MODERATOR_GROUP = "Modérateur"
TREASURER_GROUP = "Trésorier"
EVENT_MANAGER_GROUP = "Responsable des événements"
