"""Was: recompute the event instants after Morocco's permanent UTC+0. The recompute now covers deadlines and B2B
meetings too, whose wall-clock times 0005 and partnerships 0005 add: it runs in partnerships 0006, once every table
it reads exists."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("events", "0003_calendars")]

    operations = []
