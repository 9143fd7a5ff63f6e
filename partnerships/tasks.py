"""Background work for the board: the daily job. (Its e-mails are tasks of partnerships.services.emails.)"""

from django_tasks import task

from partnerships.services import board_daily


@task()
def run_board_daily() -> dict:
    """Expire the posts past their date and remind authors of those about to expire (services.board_daily)."""
    return board_daily()
