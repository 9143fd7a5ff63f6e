"""Import an existing member list — associations always start from a spreadsheet.

One line per person (or per company when no person is given); the company columns repeat on each line of its
people, and lines with the same ICE (or, without ICE, the same legal name) belong to the same company. Headers
may be in French or English, in any order and case; unknown columns are ignored.

Each person whose account the import creates is invited by e-mail, in the language of the file's language column
(French when there is none), once the import is committed: the link lets them choose a password. Law 09-08: they
are not subscribed to any optional announcement topic until they turn it on themselves.

The import runs the real writes inside a transaction: for the dry run that transaction is rolled back, so the
line-by-line report shows exactly what applying will do. Each line has its own savepoint: a bad line is reported
and leaves nothing behind, the others carry on.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.log_actions import log

from core.errors import DomainError
from core.validators import compact_ice
from members.dues import periods
from members.dues.services import period_rules
from members.models import (
    EmailPreferences,
    MemberImport,
    Membership,
    MembershipPlan,
    Organisation,
    OrganisationMember,
    Region,
    Role,
    Sector,
)
from members.models.communications import OPT_OUT_TOPICS
from members.services import unique_organisation_slug
from members.services.emails import queue_import_welcomes
from members.services.people import sync_people_of

User = get_user_model()

MAX_ROWS = 5000

# Canonical column → accepted headers (normalised: lower case, no accents, single spaces).
COLUMNS = {
    "legal_name": ["legal name", "company", "raison sociale", "entreprise", "societe", "denomination"],
    "trade_name": ["trade name", "nom commercial", "enseigne"],
    "ice": ["ice"],
    "city": ["city", "ville"],
    "region": ["region"],
    "sectors": ["sectors", "sector", "secteurs", "secteur"],
    "website": ["website", "site web", "site"],
    "contact_email": ["company email", "company e-mail", "e-mail entreprise", "email entreprise"],
    "phone": ["phone", "telephone", "tel"],
    "plan": ["plan", "membership plan", "formule", "formule d'adhesion", "adhesion"],
    "paid_until": ["paid until", "paye jusqu'au", "payee jusqu'au", "a jour jusqu'au", "fin d'adhesion"],
    "email": ["email", "e-mail", "person email", "courriel", "e-mail contact", "email contact"],
    "first_name": ["first name", "prenom"],
    "last_name": ["last name", "nom", "surname"],
    "role": ["role"],
    "language": ["language", "langue", "lang", "preferred language", "langue preferee"],
}
# What each column is, for the upload page (the names above are what a spreadsheet's first line may say).
COLUMN_LABELS = {
    "legal_name": gettext_lazy("Legal name"),
    "trade_name": gettext_lazy("Trade name"),
    "ice": gettext_lazy("ICE"),
    "city": gettext_lazy("City"),
    "region": gettext_lazy("Region"),
    "sectors": gettext_lazy("Sectors"),
    "website": gettext_lazy("Website"),
    "contact_email": gettext_lazy("Company e-mail"),
    "phone": gettext_lazy("Phone"),
    "plan": gettext_lazy("Membership plan"),
    "paid_until": gettext_lazy("Paid until"),
    "email": gettext_lazy("Person's e-mail"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "role": gettext_lazy("Role"),
    "language": gettext_lazy("Language"),
}
ADMIN_WORDS = {"admin", "administrator", "administrateur", "administratrice", "company administrator"}
MEMBER_WORDS = {"member", "membre", "collaborateur", "collaboratrice", ""}
# A language column's words (normalised; Arabic words as written) → the site's language codes.
LANGUAGE_WORDS = {
    "fr": "fr",
    "francais": "fr",
    "french": "fr",
    "en": "en",
    "anglais": "en",
    "english": "en",
    "ar": "ar",
    "arabe": "ar",
    "arabic": "ar",
    "العربية": "ar",
    "عربية": "ar",
    "الفرنسية": "fr",
    "الإنجليزية": "en",
}


class ImportFileError(DomainError):
    """The uploaded file cannot be read as a member list; the message says why."""


def _normal(text) -> str:
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("_", " ").split())


HEADER_TO_COLUMN = {_normal(alias): column for column, aliases in COLUMNS.items() for alias in [column, *aliases]}


def read_rows(*, filename: str, content: bytes) -> list[dict]:
    """The lines of a CSV (UTF-8, comma or semicolon) or XLSX file as {column: text} dicts with their line number."""
    if filename.lower().endswith(".xlsx"):
        table = _read_xlsx(content)
    elif filename.lower().endswith(".csv"):
        table = _read_csv(content)
    else:
        raise ImportFileError(_("Upload a CSV or XLSX file."))
    if not table:
        raise ImportFileError(_("The file is empty."))
    header, *lines = table
    columns = [HEADER_TO_COLUMN.get(_normal(name)) for name in header]
    if "legal_name" not in columns:
        raise ImportFileError(
            _("No company column found: the first line must name the columns (e.g. “Raison sociale”).")
        )
    if len(lines) > MAX_ROWS:
        raise ImportFileError(
            ngettext("At most %(count)d line per file.", "At most %(count)d lines per file.", MAX_ROWS)
            % {"count": MAX_ROWS}
        )
    rows = []
    for number, values in enumerate(lines, start=2):
        row = {column: _cell(value) for column, value in zip(columns, values, strict=False) if column is not None}
        if any(row.values()):
            rows.append({"line": number, **row})
    return rows


def _cell(value) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [line for line in csv.reader(io.StringIO(text), dialect) if line]


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportFileError(_("This file cannot be read as an XLSX workbook.")) from error
    sheet = workbook.worksheets[0]
    table = [list(line) for line in sheet.iter_rows(values_only=True) if any(cell not in (None, "") for cell in line)]
    workbook.close()
    return table


def parse_date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("“%(value)s” is not a date (use 31/12/2026).") % {"value": text})


@dataclass
class LineReport:
    line: int
    company: str = ""
    person: str = ""
    actions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # The language code of the welcome e-mail, when the line creates the person's account.
    invited: str = ""

    def as_dict(self) -> dict:
        return {
            "line": self.line,
            "company": self.company,
            "person": self.person,
            "actions": self.actions,
            "errors": self.errors,
            "invited": self.invited,
        }


class _Rollback(Exception):
    pass


class _Importer:
    def __init__(self, *, by, today: date):
        self.by = by
        self.today = today
        self.touched: set[int] = set()
        # (user id, organisation id) of each account created: who gets a welcome e-mail once committed.
        self.invitations: list[tuple[int, int]] = []
        self.plans = {}
        for plan in MembershipPlan.objects.all():
            for name in (plan.name, plan.name_en, plan.name_ar):
                if name:
                    self.plans[_normal(name)] = plan
        self.sectors = {_normal(sector.name): sector for sector in Sector.objects.all()}
        # A region by its code or by its name in any of the site's languages (a list typed in French, in English…).
        self.regions = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for value, label in Region.choices:
                    self.regions[_normal(value)] = value
                    self.regions[_normal(str(label))] = value

    def line(self, row: dict) -> LineReport:
        report = LineReport(line=row["line"], company=row.get("legal_name", ""), person=row.get("email", ""))
        invitations = []
        try:
            with transaction.atomic():
                self._line(row, report, invitations)
        except ValidationError as error:
            report.actions = []
            report.errors = [str(message) for message in error.messages]
            report.invited = ""
        else:
            self.invitations.extend(invitations)
        return report

    def _line(self, row: dict, report: LineReport, invitations: list) -> None:
        if not row.get("legal_name"):
            raise ValidationError(_("The company name is missing."))
        organisation = self._organisation(row, report)
        self.touched.add(organisation.pk)
        if row.get("plan") or row.get("paid_until"):
            self._membership(organisation, row, report)
        if row.get("email"):
            self._person(organisation, row, report, invitations)

    def _organisation(self, row: dict, report: LineReport) -> Organisation:
        ice = compact_ice(row.get("ice", ""))
        found = Organisation.objects.filter(ice=ice).first() if ice else None
        found = found or Organisation.objects.filter(legal_name__iexact=row["legal_name"]).first()
        if found is not None:
            return found
        organisation = Organisation(
            legal_name=row["legal_name"],
            trade_name=row.get("trade_name", ""),
            ice=ice,
            city=row.get("city", ""),
            website=row.get("website", ""),
            contact_email=row.get("contact_email", ""),
            phone=row.get("phone", ""),
            status=Organisation.Status.ACTIVE,
        )
        if row.get("region"):
            region = self.regions.get(_normal(row["region"]))
            if region is None:
                raise ValidationError(_("Unknown region “%(value)s”.") % {"value": row["region"]})
            organisation.region = region
        organisation.slug = unique_organisation_slug(organisation.display_name)
        organisation.full_clean()
        organisation.save()
        sectors = []
        for name in filter(None, (part.strip() for part in row.get("sectors", "").replace(";", ",").split(","))):
            sector = self.sectors.get(_normal(name))
            if sector is None:
                raise ValidationError(_("Unknown sector “%(value)s”.") % {"value": name})
            sectors.append(sector)
        organisation.sectors.set(sectors)
        log(instance=organisation, action="wagtail.create", user=self.by, data={"source": "import"})
        report.actions.append(_("company created"))
        return organisation

    def _membership(self, organisation: Organisation, row: dict, report: LineReport) -> None:
        if not row.get("plan") or not row.get("paid_until"):
            raise ValidationError(_("Give both the plan and the date the dues are paid until."))
        plan = self.plans.get(_normal(row["plan"]))
        if plan is None:
            raise ValidationError(_("Unknown membership plan “%(value)s”.") % {"value": row["plan"]})
        end = parse_date(row["paid_until"])
        if organisation.memberships.filter(period_end=end).exclude(status=Membership.Status.CANCELLED).exists():
            return  # the company's other lines, or a second import of the same file
        rules = _rules()
        start = date(end.year, 1, 1) if rules.period == periods.CALENDAR else _year_before(end + timedelta(days=1))
        if end >= self.today:
            status = Membership.Status.ACTIVE
        elif periods.is_in_grace(self.today, end, rules):
            status = Membership.Status.GRACE
        else:
            status = Membership.Status.LAPSED
        membership = Membership(organisation=organisation, plan=plan, period_start=start, period_end=end, status=status)
        membership.full_clean()
        membership.save()
        log(instance=membership, action="wagtail.create", user=self.by, data={"source": "import"})
        new_status = Organisation.Status.ACTIVE if status != Membership.Status.LAPSED else Organisation.Status.LAPSED
        if organisation.status != new_status:
            organisation.status = new_status
            organisation.save(update_fields=["status", "updated_at"])
        report.actions.append(
            _("membership %(plan)s until %(end)s (%(status)s)")
            % {"plan": plan.name, "end": end.strftime("%d/%m/%Y"), "status": membership.get_status_display()}
        )

    def _person(self, organisation: Organisation, row: dict, report: LineReport, invitations: list) -> None:
        role_word = _normal(row.get("role", ""))
        if role_word in ADMIN_WORDS:
            role = Role.ADMIN
        elif role_word in MEMBER_WORDS:
            # The first person of a company without an administrator manages it.
            role = Role.MEMBER if organisation.people.admins().exists() else Role.ADMIN
        else:
            raise ValidationError(_("Unknown role “%(value)s”: use admin or member.") % {"value": row["role"]})
        language = _language(row.get("language", ""))
        email = User.objects.normalize_email(row["email"]).lower()
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User(
                email=email,
                first_name=row.get("first_name", ""),
                last_name=row.get("last_name", ""),
                preferred_language=language,
            )
            user.set_unusable_password()
            user.full_clean()
            user.save()
            # Law 09-08: no optional announcement until the person turns the topic on (in their e-mail
            # preferences); general announcements from the secretariat reach every member, as for everyone.
            EmailPreferences.objects.create(user=user, **dict.fromkeys(OPT_OUT_TOPICS, False))
            report.actions.append(_("account created"))
            report.invited = language
            invitations.append((user.pk, organisation.pk))
        if OrganisationMember.objects.filter(organisation=organisation, user=user).exists():
            return
        person = OrganisationMember(organisation=organisation, user=user, role=role)
        person.full_clean()
        person.save()
        log(instance=person, action="wagtail.create", user=self.by, data={"source": "import"})
        report.actions.append(_("added as %(role)s") % {"role": Role(role).label.lower()})


def _language(text: str) -> str:
    """The language code a language cell names; the association's default language when the cell is empty."""
    if not text:
        return settings.LANGUAGE_CODE
    code = LANGUAGE_WORDS.get(text.strip()) or LANGUAGE_WORDS.get(_normal(text))
    if code is None:
        raise ValidationError(_("Unknown language “%(value)s”: use fr, en or ar.") % {"value": text})
    return code


def _rules() -> periods.PeriodRules:
    return period_rules()


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return date(day.year - 1, 2, 28)


def import_members(*, rows: list[dict], by, dry_run: bool, today: date | None = None) -> list[dict]:
    """Import the lines; with dry_run, roll everything back. Returns the line-by-line report."""
    importer = _Importer(by=by, today=today or timezone.localdate())
    reports = []
    try:
        with transaction.atomic():
            for row in rows:
                reports.append(importer.line(row))
            if not dry_run:
                # Their people join (or leave) the Members group as their company's status says.
                for organisation in Organisation.objects.filter(pk__in=importer.touched):
                    sync_people_of(organisation)
                # Only once everything is committed: a rolled-back import invites nobody.
                invitations = list(importer.invitations)
                if invitations:
                    transaction.on_commit(lambda: queue_import_welcomes(invitations))
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return [report.as_dict() for report in reports]


def member_import_preview(*, filename: str, content: bytes, by) -> MemberImport:
    """Read an uploaded member list and keep it with its dry-run report; nothing else is saved."""
    rows = read_rows(filename=filename, content=content)
    report = import_members(rows=rows, by=by, dry_run=True)
    return MemberImport.stage(filename=filename, by=by, rows=rows, report=report)


class ImportNotApplicable(ImportFileError):
    pass


@transaction.atomic
def member_import_apply(*, member_import: MemberImport, by) -> MemberImport:
    """Apply a previewed import whose dry run showed no error, once."""
    member_import = MemberImport.locked(member_import.pk)
    if member_import.is_applied:
        raise ImportNotApplicable(_("This file has already been imported."))
    if member_import.error_count:
        raise ImportNotApplicable(_("Correct the lines in error and upload the file again."))
    report = import_members(rows=member_import.rows, by=by, dry_run=False)
    if any(line["errors"] for line in report):
        # The data changed since the dry run: nothing is kept, the new report says why.
        transaction.set_rollback(True)
        raise ImportNotApplicable(_("Some lines no longer import cleanly: upload the file again to see why."))
    member_import.report = report
    member_import.mark_applied(by=by, fields=("report",))
    log(instance=member_import, action="members.import_apply", user=by, data={"lines": len(report)})
    return member_import
