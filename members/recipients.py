"""Who to write to about a company, and why nobody when nobody can be written to.

Every e-mail addressed to a company rather than to one person (board interest and messages, renewal reminders,
invoices, a meeting whose participant has left) asks `recipients_for`:

1. the people the message is about (the post's author, who wrote in a conversation), while they are still active
   people of the company;
2. else the company's people with the right role: its administrators (dues, invoices: they decide on payments),
   or, for `role=None`, its administrators and, when it has none, anyone at the company (the board: every person
   of a company reads its conversations);
3. else the company's contact address, marked as such (`via_contact_address`): the e-mail then says why it came
   there and how to get an account. A member-list import creates exactly those companies: no people yet, one
   general address;
4. else nobody (`reachable` is False), with the reason, so that the caller tells the sender or the secretariat
   instead of pretending.

E-mails that have an opt-out topic (members.models.communications.OPT_OUT_TOPICS) pass it as `topic`: people and
addresses that turned it off, and suppressed addresses, are left out. Without a topic (a message someone wrote to
the company, a reminder, an invoice) people get it as before, and only the contact address is checked: one that
bounced or whose owner complained is no way to reach the company.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from members.models import EmailPreferences, Organisation, OrganisationMember, Role, SuppressedAddress, User
from members.models.communications import OPT_OUT_TOPICS, normalise_email

# A contact address on the suppression list for one of these reasons is dead or hostile: never written to.
REFUSING = (SuppressedAddress.Reason.BOUNCED, SuppressedAddress.Reason.COMPLAINED)


class Unreachable(models.TextChoices):
    """Why nobody at a company can be written to."""

    NO_PEOPLE = "no_people", _("Nobody at the company has an account, and it has no contact address")
    NO_ADMINISTRATOR = "no_administrator", _("The company has no administrator, and no contact address")
    CONTACT_REFUSED = (
        "contact_refused",
        _("Nobody at the company has an account, and its contact address bounced or refused our e-mails"),
    )
    OPTED_OUT = "opted_out", _("Everyone at the company turned these e-mails off")


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    user_id: int | None = None


@dataclass(frozen=True)
class Recipients:
    """Who an e-mail about `organisation` goes to (one e-mail each, in their language), and how they were found."""

    organisation: str
    to: tuple[Recipient, ...] = ()
    via_contact_address: bool = False
    reason: str = ""  # an Unreachable value when `to` is empty
    contact_address: str = ""
    # Sent to the contact address because nobody at the company has an account (else: none of them has the role).
    nobody_has_account: bool = False

    @property
    def reachable(self) -> bool:
        return bool(self.to)

    @property
    def addresses(self) -> list[str]:
        return [recipient.email for recipient in self.to]

    @property
    def languages(self) -> list[str]:
        return [recipient.language for recipient in self.to]

    @property
    def reason_label(self) -> str:
        return str(Unreachable(self.reason).label) if self.reason else ""


def _opted_out(users: list[User], topic: str) -> set[int]:
    """The accounts among `users` that turned `topic` off (their own choice, or their address's before they had an
    account), or whose address is suppressed."""
    if not topic:
        return set()
    emails = {normalise_email(user.email): user.pk for user in users}
    out = set(EmailPreferences.objects.filter(user__in=users, **{topic: False}).values_list("user_id", flat=True))
    chose = set(EmailPreferences.objects.filter(user__in=users).values_list("user_id", flat=True))
    for email in EmailPreferences.objects.filter(user=None, email__in=emails, **{topic: False}).values_list(
        "email", flat=True
    ):
        if emails[email] not in chose:
            out.add(emails[email])
    suppressed = SuppressedAddress.objects.filter(email__in=emails).values_list("email", flat=True)
    return out | {emails[email] for email in suppressed}


def _contact_refused(address: str, topic: str) -> bool:
    address = normalise_email(address)
    suppressed = SuppressedAddress.objects.filter(email=address)
    if topic:
        return (
            suppressed.exists() or EmailPreferences.objects.filter(user=None, email=address, **{topic: False}).exists()
        )
    return suppressed.filter(reason__in=REFUSING).exists()


def _people(organisation: Organisation, *, role: str | None, people: Iterable) -> list[User]:
    active = User.objects.filter(is_active=True, organisation_memberships__organisation=organisation)
    if isinstance(people, QuerySet):  # a subquery of account ids: one query instead of two
        found = list(active.filter(pk__in=people).order_by("pk"))
    else:
        wanted = {getattr(person, "pk", person) for person in people if person is not None}
        found = list(active.filter(pk__in=wanted).order_by("pk")) if wanted else []
    if found:
        return found
    admins = list(active.filter(organisation_memberships__role=Role.ADMIN).order_by("pk"))
    if admins or role == Role.ADMIN:
        return admins
    return list(active.order_by("pk"))


def recipients_for(
    organisation: Organisation, *, role: str | None = Role.ADMIN, people: Iterable = (), topic: str = ""
) -> Recipients:
    """Who to write to about `organisation` (see the module): `people` (accounts, their ids, or a queryset of ids)
    first, else its administrators (`role=Role.ADMIN`) or its administrators and failing them anyone at the company
    (`role=None`), else its contact address, else nobody and why. `topic`, one of the opt-out topics, leaves out
    those who turned it off."""
    if topic and topic not in OPT_OUT_TOPICS:
        raise ValueError(f"{topic!r} is not an opt-out topic.")
    name = organisation.display_name
    contact = organisation.contact_email.strip()
    users = _people(organisation, role=role, people=people)
    if users:
        out = _opted_out(users, topic)
        kept = [user for user in users if user.pk not in out]
        if not kept:
            return Recipients(organisation=name, reason=Unreachable.OPTED_OUT, contact_address=contact)
        return Recipients(
            organisation=name,
            to=tuple(
                Recipient(email=user.email, language=user.preferred_language or settings.LANGUAGE_CODE, user_id=user.pk)
                for user in kept
            ),
        )
    has_people = OrganisationMember.objects.filter(organisation=organisation, user__is_active=True).exists()
    if contact and not _contact_refused(contact, topic):
        return Recipients(
            organisation=name,
            to=(Recipient(email=contact, language=settings.LANGUAGE_CODE),),
            via_contact_address=True,
            contact_address=contact,
            nobody_has_account=not has_people,
        )
    if contact:
        reason = Unreachable.CONTACT_REFUSED if not has_people else Unreachable.NO_ADMINISTRATOR
    else:
        reason = Unreachable.NO_ADMINISTRATOR if has_people else Unreachable.NO_PEOPLE
    return Recipients(organisation=name, reason=reason, contact_address=contact)


# --- The secretariat's report ---------------------------------------------------------------------------------


def unreachable_organisations() -> QuerySet[Organisation]:
    """Companies (all but rejected applications) that an e-mail for their administrators reaches nobody at: no
    active administrator, and no contact address or one that bounced or refused our e-mails. Each carries
    `people_count`, `admin_count`, `contact_refused` and `unreachable_reason` (an Unreachable value)."""
    active = Q(people__user__is_active=True)
    refused = SuppressedAddress.objects.filter(email__iexact=OuterRef("contact_email"), reason__in=REFUSING)
    queryset = (
        Organisation.objects.exclude(status=Organisation.Status.REJECTED)
        .annotate(
            people_count=Count("people", filter=active, distinct=True),
            admin_count=Count("people", filter=active & Q(people__role=Role.ADMIN), distinct=True),
            contact_refused=Exists(refused),
        )
        .filter(admin_count=0)
        .filter(Q(contact_email="") | Q(contact_refused=True))
        .annotate(
            unreachable_reason=models.Case(
                models.When(people_count__gt=0, then=models.Value(Unreachable.NO_ADMINISTRATOR.value)),
                models.When(contact_refused=True, then=models.Value(Unreachable.CONTACT_REFUSED.value)),
                default=models.Value(Unreachable.NO_PEOPLE.value),
            )
        )
    )
    return queryset.order_by("legal_name", "pk")
