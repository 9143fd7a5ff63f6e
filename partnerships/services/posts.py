"""Every write on board posts: create, edit, submit, review, renew, close, expire.

Each one runs in a transaction, validates before saving, checks who acts, and logs who did what (and why) in
Wagtail's history of the post."""

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from members.models import Organisation
from partnerships.access import belongs_to, can_manage_post
from partnerships.keywords import keywords_field
from partnerships.models import DEFAULT_VALIDITY, MAX_VALIDITY, Post, PostRegion
from partnerships.search import refresh_search_vectors
from partnerships.services import emails
from partnerships.services.attachments import sniff_attachment
from partnerships.services.errors import BoardError, NotActiveMember, NotAllowed, WrongStatus

POST_FIELDS = (
    "kind",
    "category",
    "title",
    "countries",
    "description",
    "partner_profile",
    "language",
    "visibility",
    "expires_on",
)
Status = Post.Status


def reminder_days() -> int:
    """How many days before its expiry date the author of a post is reminded (once)."""
    return int(getattr(settings, "PARTNERSHIPS_EXPIRY_REMINDER_DAYS", 7))


def _locked(post: Post) -> Post:
    return Post.objects.select_for_update(of=("self",)).select_related("organisation", "author").get(pk=post.pk)


def _require_active(organisation: Organisation) -> None:
    if organisation.status != Organisation.Status.ACTIVE:
        raise NotActiveMember()


def _check_expiry(expires_on: date, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if not today < expires_on <= today + MAX_VALIDITY:
        raise BoardError(
            _("Choose an end date between tomorrow and %(days)s days from now.") % {"days": MAX_VALIDITY.days}
        )


def _set_fields(post: Post, data: dict) -> list[str]:
    changed = []
    for field in POST_FIELDS:
        if field in data and getattr(post, field) != data[field]:
            setattr(post, field, data[field])
            changed.append(field)
    return changed


def _set_attachment(post: Post, uploaded=None, remove: bool = False) -> bool:
    old_name = post.attachment.name
    if uploaded is not None:
        sniff_attachment(uploaded)
        post.attachment.save(Path(uploaded.name).name, uploaded, save=False)
        post.attachment_name = Path(uploaded.name).name[:255]
    elif remove and old_name:
        post.attachment = ""
        post.attachment_name = ""
    else:
        return False
    if old_name:
        storage = post.attachment.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return True


def _set_relations(post: Post, *, sectors, regions) -> list[str]:
    changed = []
    if sectors is not None and {s.pk for s in sectors} != set(post.sectors.values_list("pk", flat=True)):
        post.sectors.set(sectors)
        changed.append("sectors")
    if regions is not None and set(regions) != set(post.target_regions.values_list("region", flat=True)):
        post.target_regions.all().delete()
        PostRegion.objects.bulk_create([PostRegion(post=post, region=region) for region in sorted(set(regions))])
        changed.append("regions")
    return changed


def _save(post: Post) -> None:
    post.keywords = keywords_field(post.title, post.description, post.partner_profile)
    post.full_clean(exclude=["search_vector"])
    post.save()


def _notify_reviewers(post: Post) -> None:
    emails.send(
        "post_submitted",
        emails.reviewers(),
        context={"title": post.title, "company": post.organisation.display_name},
        url_name="partnerships_review:edit",
        url_args=[post.pk],
    )


def _submit(post: Post, *, by) -> None:
    _require_active(post.organisation)
    post.status = Status.SUBMITTED
    post.submitted_at = timezone.now()
    post.save(update_fields=["status", "submitted_at", "updated_at"])
    log(instance=post, action="partnerships.post_submit", user=by)
    _notify_reviewers(post)


@transaction.atomic
def post_create(
    *, organisation: Organisation, author, data: dict, sectors, regions=(), attachment=None, submit: bool = False
) -> Post:
    """A person of an active member company writes a post, as a draft or submitted for review straight away."""
    if not belongs_to(author, organisation.pk):
        raise NotAllowed()
    _require_active(organisation)
    if not sectors:
        raise BoardError(_("Choose at least one sector."))
    post = Post(organisation=organisation, author=author)
    _set_fields(post, data)
    _check_expiry(post.expires_on)
    _set_attachment(post, attachment)
    _save(post)
    _set_relations(post, sectors=sectors, regions=regions)
    log(instance=post, action="partnerships.post_create", user=author)
    if submit:
        _submit(post, by=author)
    refresh_search_vectors(Post.objects.filter(pk=post.pk))
    return post


@transaction.atomic
def post_update(
    *, post: Post, by, data: dict, sectors=None, regions=None, attachment=None, remove_attachment=False, submit=False
) -> Post:
    """The author or a company administrator changes a post. A published post goes back to review: it leaves
    the board until the secretariat approves the new text."""
    post = _locked(post)
    if not can_manage_post(by, post):
        raise NotAllowed()
    if not post.is_editable:
        raise WrongStatus(_("A closed or expired post cannot be changed; renew an expired post first."))
    if sectors is not None and not sectors:
        raise BoardError(_("Choose at least one sector."))
    changed = _set_fields(post, data)
    if "expires_on" in changed:
        _check_expiry(post.expires_on)
    if _set_attachment(post, attachment, remove_attachment):
        changed.append("attachment")
    _save(post)
    changed += _set_relations(post, sectors=sectors, regions=regions)
    log(instance=post, action="wagtail.edit", user=by, data={"fields": changed})
    if changed and post.status == Status.PUBLISHED or submit and post.status in (Status.DRAFT, Status.RETURNED):
        _submit(post, by=by)
    refresh_search_vectors(Post.objects.filter(pk=post.pk))
    return post


@transaction.atomic
def post_submit(*, post: Post, by) -> Post:
    """Send a draft (or a post sent back) to the secretariat for review."""
    post = _locked(post)
    if not can_manage_post(by, post):
        raise NotAllowed()
    if post.status not in (Status.DRAFT, Status.RETURNED):
        raise WrongStatus(_("Only a draft or a post sent back can be submitted."))
    _check_expiry(post.expires_on)
    _submit(post, by=by)
    return post


@transaction.atomic
def post_approve(*, post: Post, by, message: str = "") -> Post:
    """The secretariat publishes a post awaiting review. A post whose end date passed while it waited gets the
    default period from today."""
    post = _locked(post)
    if post.status != Status.SUBMITTED:
        raise WrongStatus(_("Only a post awaiting review can be approved."))
    _require_active(post.organisation)
    today = timezone.localdate()
    if post.expires_on <= today:
        post.expires_on = today + DEFAULT_VALIDITY
    post.status = Status.PUBLISHED
    post.published_at = timezone.now()
    post.reviewed_by = by
    post.review_message = message.strip()
    post.expiry_reminder_sent_at = None
    _save(post)
    log(instance=post, action="partnerships.post_approve", user=by, data={"message": post.review_message})
    emails.send(
        "post_published",
        emails.post_people(post),
        context={"title": post.title, "message": post.review_message, "expires_on": post.expires_on.isoformat()},
        url_name="partnerships:post_detail",
        url_args=[post.pk],
    )
    return post


@transaction.atomic
def post_return(*, post: Post, by, message: str) -> Post:
    """The secretariat sends a post back to its author with a message saying what to change."""
    post = _locked(post)
    if post.status != Status.SUBMITTED:
        raise WrongStatus(_("Only a post awaiting review can be sent back."))
    if not message.strip():
        raise BoardError(_("Tell the author what to change."))
    post.status = Status.RETURNED
    post.reviewed_by = by
    post.review_message = message.strip()
    _save(post)
    log(instance=post, action="partnerships.post_return", user=by, data={"message": post.review_message})
    emails.send(
        "post_returned",
        emails.post_people(post),
        context={"title": post.title, "message": post.review_message},
        url_name="partnerships:post_detail",
        url_args=[post.pk],
    )
    return post


@transaction.atomic
def post_close(*, post: Post, by, outcome: str) -> Post:
    """The author closes a post (published or expired), saying how it ended."""
    post = _locked(post)
    if not can_manage_post(by, post):
        raise NotAllowed()
    if post.status not in (Status.PUBLISHED, Status.EXPIRED):
        raise WrongStatus(_("Only a published or expired post can be closed."))
    if outcome not in Post.Outcome.values:
        raise BoardError(_("Say how the search ended."))
    post.status = Status.CLOSED
    post.outcome = outcome
    post.closed_at = timezone.now()
    _save(post)
    log(instance=post, action="partnerships.post_close", user=by, data={"outcome": outcome})
    return post


@transaction.atomic
def post_renew(*, post: Post, by, today: date | None = None) -> Post:
    """Keep a published (or expired) post on the board for another default period from today."""
    post = _locked(post)
    if not can_manage_post(by, post):
        raise NotAllowed()
    if post.status not in (Status.PUBLISHED, Status.EXPIRED):
        raise WrongStatus(_("Only a published or expired post can be renewed."))
    _require_active(post.organisation)
    today = today or timezone.localdate()
    previous = post.expires_on
    post.expires_on = today + DEFAULT_VALIDITY
    post.status = Status.PUBLISHED
    post.expiry_reminder_sent_at = None
    _save(post)
    log(
        instance=post,
        action="partnerships.post_renew",
        user=by,
        data={"from": previous.isoformat(), "to": post.expires_on.isoformat()},
    )
    return post


def posts_expire(*, today: date | None = None) -> int:
    """Take off the board the published posts whose end date has passed. Returns how many."""
    today = today or timezone.localdate()
    expired = 0
    for pk in Post.objects.filter(status=Status.PUBLISHED, expires_on__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            post = Post.objects.select_for_update().filter(pk=pk, status=Status.PUBLISHED, expires_on__lt=today).first()
            if post is None:
                continue  # renewed or closed meanwhile
            post.status = Status.EXPIRED
            post.save(update_fields=["status", "updated_at"])
            log(instance=post, action="partnerships.post_expire", user=None, data={"expires_on": str(post.expires_on)})
            expired += 1
    return expired


def posts_send_expiry_reminders(*, today: date | None = None) -> int:
    """Remind the authors of posts leaving the board within reminder_days(), once per publication period."""
    today = today or timezone.localdate()
    due = Post.objects.on_board(today=today).filter(
        expiry_reminder_sent_at__isnull=True, expires_on__lte=today + timedelta(days=reminder_days())
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            post = due.select_for_update(of=("self",)).select_related("organisation", "author").filter(pk=pk).first()
            if post is None:
                continue
            post.expiry_reminder_sent_at = timezone.now()
            post.save(update_fields=["expiry_reminder_sent_at", "updated_at"])
            log(
                instance=post, action="partnerships.post_reminder", user=None, data={"expires_on": str(post.expires_on)}
            )
            emails.send(
                "post_expiring",
                emails.post_people(post),
                context={"title": post.title, "expires_on": post.expires_on.isoformat()},
                url_name="partnerships:post_detail",
                url_args=[post.pk],
            )
            sent += 1
    return sent


def board_daily(*, today: date | None = None) -> dict:
    """The daily job: expire, then remind."""
    return {"expired": posts_expire(today=today), "reminded": posts_send_expiry_reminders(today=today)}
