import pytest
from django.contrib.auth.models import Group
from wagtail.models import WorkflowState

from cms.models import NewsPage


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(email="redaction@example.ma", password="x" * 12)
    user.groups.add(Group.objects.get(name="Rédacteur"))
    return user


@pytest.fixture
def secretary(django_user_model):
    user = django_user_model.objects.create_user(email="secretariat@example.ma", password="x" * 12)
    user.groups.add(Group.objects.get(name="Secrétariat"))
    return user


@pytest.fixture
def draft(news_index, editor):
    article = NewsPage(title="Bilan du forum régional", intro="Trois jours à Oujda.", owner=editor, live=False)
    news_index.add_child(instance=article)
    article.save_revision(user=editor)
    return article


@pytest.fixture
def submitted(draft, editor):
    draft.get_workflow().start(draft, editor)
    return draft


def test_news_pages_go_through_the_news_moderation_workflow(draft):
    assert draft.get_workflow().name == "Modération des actualités"


def test_editor_submission_puts_the_article_in_moderation(submitted):
    state = WorkflowState.objects.for_instance(submitted).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_editor_cannot_publish(draft, editor):
    assert not draft.permissions_for_user(editor).can_publish()


def test_editor_cannot_approve_a_submitted_article(submitted, editor):
    task = WorkflowState.objects.for_instance(submitted).get().current_task_state.task.specific
    assert not task.get_actions(submitted, editor)


def test_secretariat_approval_publishes_the_article(submitted, secretary, client):
    state = WorkflowState.objects.for_instance(submitted).get()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, secretary, "approve")
    submitted.refresh_from_db()
    assert submitted.live
    assert client.get(submitted.url).status_code == 200


def test_secretariat_can_publish_directly(draft, secretary):
    assert draft.permissions_for_user(secretary).can_publish()
