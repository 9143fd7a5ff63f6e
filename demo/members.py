"""Sectors and member companies of the demo association."""

from django.utils.text import slugify

from demo import content
from demo.images import draw_logo, wagtail_image
from members.models import Organisation, Sector


def ice_number(seed: int) -> str:
    """A valid ICE: 9 digits for the company, 4 for the establishment, then the 2 check digits that make the whole
    number divisible by 97 (what core.validators.validate_ice verifies)."""
    body = f"{(seed * 7_919 + 1_500_000) % 1_000_000_000:09d}0000"
    check = (-int(body) * 100) % 97
    return f"{body}{check:02d}"


def seed_sectors() -> dict[str, Sector]:
    sectors = {}
    for slug, (name, name_en, name_ar) in content.SECTORS.items():
        sectors[slug], _ = Sector.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "name_ar": name_ar}
        )
    return sectors


def _legal_name(trade_name: str, legal_form: str) -> str:
    return f"{trade_name} {legal_form}" if legal_form in {"SA", "SARL", "SARL AU", "SAS"} else trade_name


# Like most of a member-list import, the demo companies have no people; these three have no contact address either,
# so that the secretariat's report of companies that cannot be reached shows something (two of them are on the
# board: a member who writes to them is told so before sending).
WITHOUT_CONTACT_ADDRESS = {"beni-mellal-agritech", "errachidia-solar-farms", "kasbah-games"}


def seed_organisations(sectors: dict[str, Sector], *, with_logos: bool = True) -> list[Organisation]:
    organisations = []
    for index, row in enumerate(content.ORGANISATIONS, start=1):
        trade_name, legal_form, sector_slugs, city, region, size, featured, text_fr, text_en, text_ar = row
        slug = slugify(trade_name)
        logo = wagtail_image(f"Logo {trade_name}", draw_logo(trade_name), f"logo-{slug}.png") if with_logos else None
        organisation, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "legal_name": _legal_name(trade_name, legal_form),
                "trade_name": trade_name,
                "legal_form": legal_form,
                "ice": ice_number(index),
                "rc": f"{100_000 + index * 37}",
                "if_number": f"{40_000_000 + index * 613}",
                "size_band": size,
                "city": city,
                "region": region,
                "country": "FR" if region == "foreign" else "MA",
                "website": f"https://www.{slug}.example",
                "description": text_fr,
                "description_en": text_en,
                "description_ar": text_ar,
                "contact_email": "" if slug in WITHOUT_CONTACT_ADDRESS else f"contact@{slug}.example",
                "phone": f"+212 5 22 {index:02d} {index * 3 % 100:02d} {index * 7 % 100:02d}",
                "status": Organisation.Status.ACTIVE,
                "directory_opt_in": True,
                "is_featured": featured,
                "logo": logo,
            },
        )
        organisation.full_clean()
        organisation.sectors.set([sectors[s] for s in sector_slugs])
        organisations.append(organisation)
    return organisations


def seed_people(users: dict, organisations: list[Organisation]) -> None:
    """The demo member and company administrator both work for the first demo company (which puts them in
    the Members group, through the members service)."""
    from members.models import Role
    from members.services.people import member_add

    company = organisations[0]
    for role_key, role, job_title in (
        ("member", Role.MEMBER, "Cheffe de projet"),
        ("company_admin", Role.ADMIN, "Directeur administratif et financier"),
    ):
        user = users[role_key]
        if not user.job_title:
            user.job_title = job_title
            user.show_in_directory = True
            user.save(update_fields=["job_title", "show_in_directory"])
        if not company.people.filter(user=user).exists():
            member_add(organisation=company, user=user, role=role, by=users["secretariat"])


# (slug, FR name, EN name, AR name, audience, annual fee MAD, joining fee MAD, needs approval, benefits by language:
# one per line, as the secretariat types them in the plan editor; the join page lists them)
PLANS = (
    (
        "startup",
        "Start-up",
        "Start-up",
        "شركة ناشئة",
        "startup",
        1_500,
        0,
        True,
        {
            "fr": "Fiche dans l'annuaire public des membres\n"
            "Événements au tarif membre\n"
            "Accès à la bourse de partenariats",
            "en": "A listing in the public member directory\nMember rates at events\nAccess to the partnership board",
            "ar": "بطاقة في الدليل العمومي للأعضاء\nتعريفة الأعضاء في الفعاليات\nالولوج إلى بورصة الشراكات",
        },
    ),
    (
        "tpe-pme",
        "TPE / PME",
        "Small business",
        "مقاولة صغيرة ومتوسطة",
        "pme",
        5_000,
        1_000,
        True,
        {
            "fr": "Tous les avantages start-up\nParticipation aux commissions\nPlace dans les missions B2B",
            "en": "Everything in the start-up plan\nA seat in the working committees\nA place on B2B missions",
            "ar": "كل مزايا الشركات الناشئة\nالمشاركة في اللجان\nمكان في البعثات بين المقاولات",
        },
    ),
    (
        "grande-entreprise",
        "Grande entreprise",
        "Large company",
        "مقاولة كبرى",
        "large",
        15_000,
        2_500,
        True,
        {
            "fr": "Tous les avantages PME\nVisibilité partenaire sur les événements\nUn siège au comité consultatif",
            "en": "Everything in the small business plan\nPartner visibility at events\nA seat on the advisory board",
            "ar": "كل مزايا المقاولات الصغيرة والمتوسطة\nظهور كشريك في الفعاليات\nمقعد في اللجنة الاستشارية",
        },
    ),
    (
        "cluster",
        "Cluster",
        "Cluster",
        "تجمّع",
        "cluster",
        8_000,
        0,
        True,
        {
            "fr": "Représentation du cluster et de ses membres\nRencontres inter-clusters",
            "en": "The cluster and its members represented\nInter-cluster meetings",
            "ar": "تمثيل التجمّع وأعضائه\nلقاءات بين التجمّعات",
        },
    ),
)


def seed_memberships(organisations: list[Organisation]) -> None:
    """Membership plans, and a current calendar-year membership for every demo company (paid before the platform
    existed, so without an order). The period ends on 31 December: renewal is open for most of the autumn."""
    from datetime import date

    from django.utils import timezone

    from members.models import Membership, MembershipPlan

    plans = {}
    for order, (slug, name, name_en, name_ar, audience, fee, joining, approval, benefits) in enumerate(PLANS):
        plans[slug], _ = MembershipPlan.objects.update_or_create(
            name=name,
            defaults={
                "name_en": name_en,
                "name_ar": name_ar,
                "audience": audience,
                "annual_fee": fee * 100,
                "joining_fee": joining * 100,
                "requires_approval": approval,
                "benefits": benefits["fr"],
                "benefits_en": benefits["en"],
                "benefits_ar": benefits["ar"],
                "sort_order": order,
            },
        )
    year = timezone.localdate().year
    sizes = {"micro": "startup", "small": "tpe-pme", "medium": "tpe-pme", "large": "grande-entreprise"}
    for organisation in organisations:
        plan = plans[sizes.get(organisation.size_band, "tpe-pme")]
        Membership.objects.get_or_create(
            organisation=organisation,
            period_start=date(year, 1, 1),
            defaults={"plan": plan, "period_end": date(year, 12, 31), "status": "active"},
        )
