from django.contrib.auth.models import Group

BODY = "Le texte complet réservé à la lecture"


def test_anonymous_visitor_sees_the_teaser_of_a_members_only_article(client, members_only_article):
    response = client.get(members_only_article.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rapport réservé aux membres" in html
    assert "Le résumé public." in html
    assert 'class="members-gate' in html


def test_anonymous_visitor_does_not_see_the_body_of_a_members_only_article(client, members_only_article):
    html = client.get(members_only_article.url).content.decode()
    assert BODY not in html


def test_anonymous_visitor_is_invited_to_log_in(client, members_only_article):
    html = client.get(members_only_article.url).content.decode()
    assert f"/accounts/login/?next={members_only_article.url}" in html


def test_member_reads_the_body_of_a_members_only_article(client, member, members_only_article):
    client.force_login(member)
    html = client.get(members_only_article.url).content.decode()
    assert BODY in html


def test_signed_in_non_member_sees_only_the_teaser(client, django_user_model, members_only_article):
    client.force_login(django_user_model.objects.create_user(email="visiteur@example.ma", password="x" * 12))
    html = client.get(members_only_article.url).content.decode()
    assert BODY not in html


def test_staff_reads_the_body_of_a_members_only_article(client, django_user_model, members_only_article):
    staff = django_user_model.objects.create_user(email="staff@example.ma", password="x" * 12)
    staff.groups.add(Group.objects.get(name="Rédacteur"))
    client.force_login(staff)
    html = client.get(members_only_article.url).content.decode()
    assert BODY in html


def test_news_index_lists_members_only_article_with_a_badge(client, news_index, members_only_article):
    html = client.get(news_index.url).content.decode()
    assert "Rapport réservé aux membres" in html
    assert "badge--warning" in html


def test_feed_gives_only_the_teaser_of_a_members_only_article(client, members_only_article):
    content = client.get("/feeds/news/rss/").content.decode()
    assert "Le résumé public." in content
    assert "Le texte complet" not in content
