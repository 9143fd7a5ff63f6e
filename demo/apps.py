from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and benchmark seeding (`seed_demo`, `demo_logins`): installed in development and test settings only."""

    name = "demo"
    verbose_name = "Demo content"
