"""The partnership board of the demo site: offers and requests of the demo companies (published, awaiting review,
drafts, one sent back, one closed), a couple of conversations for the demo company, and at `--scale N` N×1,000
generated posts. Keyed by company and title (generated posts by their "réf. B…" suffix), so seeding twice
creates nothing new."""

import datetime as dt
import itertools
import random

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from demo import navigation as menu
from members.models import Organisation, Region
from partnerships.keywords import keywords_field
from partnerships.models import Conversation, Message, Post, PostRegion
from partnerships.search import refresh_search_vectors

POSTS_PER_SCALE = 1_000
OFFER, REQUEST = Post.Kind.OFFER, Post.Kind.REQUEST
C = Post.Category
S = Post.Status

# (company slug, kind, category, sectors, target regions, countries, title, description, partner profile,
#  status, public teaser, days since publication)
# fmt: off
POSTS = [
    ("kenitra-auto-composants", REQUEST, C.SUBCONTRACTING, ["automotive"],
     ["rabat-sale-kenitra", "tanger-tetouan-al-hoceima"], "",
     "Sous-traitant en injection plastique pour pièces d'habitacle",
     "Nous cherchons un injecteur capable de produire 200 000 pièces d'habitacle par an (grilles d'aération, "
     "clips, caches) en polypropylène chargé, avec outillages fournis par nos soins.",
     "Presses de 200 à 600 tonnes, certification IATF 16949 ou démarche engagée, à moins de 300 km de Kénitra.",
     S.PUBLISHED, True, 4),
    ("mecatron-maroc", OFFER, C.SUBCONTRACTING, ["automotive", "electronics-mechatronics"], [], "France, Espagne",
     "Capacité disponible en faisceaux électriques et cartes électroniques",
     "Notre usine de Tanger libère une ligne de câblage et une ligne CMS au second semestre : faisceaux "
     "moteur, cartes de commande, tests électriques à 100 %.",
     "Équipementiers de rang 1 ou 2 de l'automobile et de l'industrie, séries moyennes.",
     S.PUBLISHED, True, 9),
    ("settat-mecanique-de-precision", OFFER, C.SUBCONTRACTING, ["aeronautics", "automotive"], [], "",
     "Usinage 5 axes de pièces en aluminium et titane",
     "Centre d'usinage 5 axes et contrôle tridimensionnel : prototypes et petites séries de pièces "
     "structurales, délais de trois à six semaines.",
     "Bureaux d'études et équipementiers aéronautiques ou automobiles.",
     S.PUBLISHED, False, 15),
    ("aeroprecision-nouaceur", REQUEST, C.TECHNOLOGY, ["aeronautics"], ["casablanca-settat"], "",
     "Partenaire pour traitement de surface aéronautique (anodisation)",
     "Pour internaliser une partie de nos flux, nous cherchons un partenaire maîtrisant l'anodisation "
     "chromique ou sulfurique tartrique, prêt à co-investir dans une ligne à Nouaceur.",
     "Entreprise qualifiée NADCAP ou en cours, avec une équipe de procédés spéciaux.",
     S.PUBLISHED, False, 6),
    ("tanger-aero-services", OFFER, C.RESEARCH, ["aeronautics"], [], "France",
     "Programme commun de R&D sur le contrôle non destructif par ultrasons",
     "Nous proposons un programme de deux ans avec une école d'ingénieurs de Tanger pour automatiser "
     "l'inspection des pièces composites par ultrasons multiéléments.",
     "Industriels de l'aéronautique et laboratoires intéressés par le co-financement.",
     S.PUBLISHED, True, 21),
    ("denim-lab-casablanca", REQUEST, C.SUBCONTRACTING, ["textile"], ["casablanca-settat", "oriental"], "",
     "Ateliers de confection denim pour commandes européennes",
     "Commandes régulières de pantalons denim pour deux marques européennes : nous cherchons deux ateliers "
     "de confection de 80 à 150 postes, avec audit social à jour.",
     "Ateliers structurés, capacité de 3 000 pièces par semaine, suivi qualité en ligne.",
     S.PUBLISHED, True, 3),
    ("oriental-textiles-techniques", OFFER, C.COMMERCIAL, ["textile"], [], "Espagne, Italie",
     "Textiles techniques enduits : recherche de distributeurs en Europe",
     "Nous fabriquons à Oujda des tissus enduits pour bâches, stores et protection. Nous cherchons des "
     "distributeurs en Espagne et en Italie.",
     "Distributeurs B2B établis dans le bâtiment ou le nautisme.",
     S.PUBLISHED, True, 12),
    ("tissage-numerique-du-nord", OFFER, C.TECHNOLOGY, ["textile", "it-digital"], [], "",
     "Planification de production et étiquetage RFID pour ateliers de confection",
     "Notre logiciel suit chaque paquet de coupe jusqu'à l'expédition grâce à des étiquettes RFID ; "
     "déploiement en quatre semaines, formation des chefs d'atelier incluse.",
     "Ateliers de confection de plus de 50 postes qui veulent mesurer leur productivité.",
     S.PUBLISHED, True, 18),
    ("menara-naturals", REQUEST, C.EXPORT, ["cosmetics", "agri-food"], ["foreign"], "France, Belgique, Canada",
     "Importateur pour cosmétiques à l'huile d'argan certifiés bio",
     "Gamme de douze produits certifiés, emballages bilingues prêts : nous cherchons un importateur "
     "distributeur pour les parfumeries et magasins bio.",
     "Importateur avec entrepôt et réseau de points de vente spécialisés.",
     S.PUBLISHED, True, 8),
    ("agadir-cold-chain", OFFER, C.COMMERCIAL, ["agri-food", "sea-products"], ["souss-massa", "guelmim-oued-noun"], "",
     "Entreposage frigorifique et groupage export au départ d'Agadir",
     "Chambres froides positives et négatives, préparation de commandes et groupage vers l'Europe deux fois "
     "par semaine, traçabilité par lot.",
     "Producteurs de primeurs, conserveries et exportateurs de produits de la mer.",
     S.PUBLISHED, False, 10),
    ("souss-logiciels", OFFER, C.TECHNOLOGY, ["it-digital", "agri-food"], ["souss-massa"], "",
     "Logiciel de traçabilité pour stations de conditionnement d'agrumes",
     "Traçabilité de la parcelle à la palette, étiquettes GS1, rapports pour les certifications "
     "GlobalG.A.P. ; intégration avec les bascules et calibreuses.",
     "Stations de conditionnement et coopératives agricoles.",
     S.PUBLISHED, True, 25),
    ("beni-mellal-agritech", REQUEST, C.INVESTMENT, ["agri-food", "it-digital"], [], "",
     "Levée de fonds d'amorçage pour capteurs d'irrigation connectés",
     "Nous levons 4 millions de dirhams pour industrialiser nos capteurs d'humidité du sol, déjà testés sur "
     "300 hectares d'oliviers dans le Tadla.",
     "Investisseurs d'amorçage, fonds agricoles ou industriels de l'irrigation.",
     S.PUBLISHED, True, 30),
    ("biomeknes-innov", OFFER, C.RESEARCH, ["biotech", "agri-food"], [], "",
     "Biostimulants issus de la recherche : partenariat d'essais au champ",
     "Nous proposons des essais croisés de nos biostimulants sur céréales et maraîchage, avec protocole "
     "et analyses pris en charge.",
     "Exploitations ou coopératives prêtes à suivre des parcelles témoins sur une saison.",
     S.PUBLISHED, False, 14),
    ("solr-ouarzazate", OFFER, C.SUBCONTRACTING, ["solar-renewable-energy"],
     ["draa-tafilalet", "souss-massa", "marrakech-safi"], "",
     "Installation et maintenance de centrales solaires pour exploitations agricoles",
     "Études, installation et maintenance de centrales solaires de pompage et d'autoconsommation, de 20 kWc "
     "à 2 MWc, avec suivi de production à distance.",
     "Exploitations agricoles, unités agro-industrielles et intégrateurs cherchant un sous-traitant local.",
     S.PUBLISHED, True, 5),
    ("errachidia-solar-farms", REQUEST, C.SUBCONTRACTING, ["solar-renewable-energy", "agri-food"],
     ["draa-tafilalet"], "",
     "Maintenance de centrales solaires de pompage dans la région d'Errachidia",
     "Nos fermes de dattiers utilisent six stations de pompage solaire : nous cherchons un contrat de "
     "maintenance préventive et curative.",
     "Installateur solaire présent dans le Drâa-Tafilalet, astreinte sous 48 heures.",
     S.PUBLISHED, False, 2),
    ("laayoune-energies", REQUEST, C.INVESTMENT, ["solar-renewable-energy", "environment"], [], "",
     "Co-investisseur pour une unité de dessalement alimentée au solaire",
     "Projet de dessalement de 5 000 m³ par jour alimenté par une centrale photovoltaïque, études de "
     "faisabilité terminées.",
     "Industriels de l'eau ou fonds d'infrastructure.",
     S.SUBMITTED, False, 0),
    ("greenbuild-marrakech", OFFER, C.COMMERCIAL, ["construction-materials", "solar-renewable-energy"], [], "",
     "Distribution de panneaux isolants et chauffe-eau solaires",
     "Nous cherchons à élargir notre réseau de revendeurs pour nos panneaux isolants biosourcés et nos "
     "chauffe-eau solaires.",
     "Négociants en matériaux de construction.",
     S.SUBMITTED, True, 0),
    ("atlas-cloud-systems", OFFER, C.TECHNOLOGY, ["it-digital"], [], "",
     "Hébergement souverain et reprise d'activité pour PME industrielles",
     "Deux centres de données au Maroc, sauvegardes chiffrées et plan de reprise testé chaque trimestre : "
     "nous proposons des offres packagées pour les PME industrielles.",
     "Industriels qui veulent héberger leur ERP et leurs données de production au Maroc.",
     S.PUBLISHED, True, 7),
    ("atlas-cloud-systems", REQUEST, C.RESEARCH, ["it-digital", "smart-city"], ["casablanca-settat"], "",
     "Partenaire pour un projet d'IA de prévision de consommation électrique",
     "Nous montons un projet de recherche sur la prévision de consommation des bâtiments tertiaires et "
     "cherchons un partenaire disposant de données de comptage.",
     "Opérateurs de bâtiments, fournisseurs de capteurs ou laboratoires universitaires.",
     S.DRAFT, False, 0),
    ("fes-shore-services", REQUEST, C.SUBCONTRACTING, ["it-digital"], [], "",
     "Hébergement de nos plateformes de test logiciel au Maroc",
     "Pour un client bancaire, nos environnements de test doivent rester au Maroc : nous cherchons un "
     "hébergeur capable de fournir 60 machines virtuelles et un plan de reprise d'activité.",
     "Hébergeur marocain certifié ISO 27001, support en français.",
     S.PUBLISHED, False, 1),
    ("rabat-cyber-defense", OFFER, C.TECHNOLOGY, ["it-digital"], [], "Sénégal, Côte d'Ivoire",
     "Centre opérationnel de sécurité mutualisé pour PME",
     "Surveillance 24 heures sur 24 des postes et serveurs, réponse aux incidents et rapport mensuel, "
     "à un prix pensé pour les PME.",
     "Intégrateurs et éditeurs qui veulent proposer la cybersécurité à leurs clients.",
     S.PUBLISHED, True, 11),
    ("paris-casa-bridge", REQUEST, C.EXPORT, ["it-digital"], ["casablanca-settat", "rabat-sale-kenitra"], "France",
     "Équipes de développement nearshore pour clients français",
     "Nous accompagnons des éditeurs français qui cherchent des équipes de développement au Maroc "
     "(Java, React, tests automatisés) pour des missions de douze mois.",
     "Sociétés de services de 20 à 200 personnes, habituées au travail en agile avec la France.",
     S.PUBLISHED, True, 16),
    ("haliotech-agadir", OFFER, C.TECHNOLOGY, ["sea-products", "it-digital"], [], "",
     "Capteurs de chaîne du froid pour armateurs et conserveries",
     "Balises de température connectées et tableau de bord de traçabilité des captures, du navire à "
     "l'usine.",
     "Armateurs, halles aux poissons et conserveries.",
     S.RETURNED, False, 0),
    ("ecocycle-maroc", OFFER, C.OTHER, ["environment"], [], "",
     "Collecte et recyclage des déchets électroniques des entreprises",
     "Collecte sur site, effacement certifié des disques et recyclage agréé, avec certificats de "
     "destruction pour vos audits.",
     "Entreprises qui renouvellent leur parc informatique.",
     S.CLOSED, False, 60),
    ("casa-smart-mobility", REQUEST, C.COMMERCIAL, ["smart-city", "it-digital"], [], "",
     "Intégrateur pour déployer notre application de stationnement",
     "Nous cherchons un intégrateur pour installer nos bornes et connecter notre application dans trois "
     "villes moyennes.",
     "Intégrateurs de systèmes urbains.",
     S.EXPIRED, False, 100),
]
# fmt: on

RETURN_MESSAGE = (
    "Merci de préciser le volume de capteurs disponible et les références clients, puis de soumettre à nouveau."
)

# (post title, interested company slug, messages: (from the interested side?, text))
CONVERSATIONS = [
    (
        "Hébergement souverain et reprise d'activité pour PME industrielles",
        "mecatron-maroc",
        [
            (
                True,
                "Bonjour, nous migrons notre ERP de production l'an prochain et votre offre nous intéresse. "
                "Proposez-vous un accompagnement à la migration ?",
            ),
            (
                False,
                "Bonjour, oui : nous faisons l'inventaire, la migration de test puis la bascule un week-end. "
                "Pouvons-nous en parler lors d'un appel ?",
            ),
            (True, "Avec plaisir. Quels sont vos créneaux la semaine prochaine ?"),
        ],
    ),
    (
        "Hébergement de nos plateformes de test logiciel au Maroc",
        "atlas-cloud-systems",
        [
            (
                True,
                "Bonjour, nous hébergeons déjà des environnements de test pour deux banques. Quand démarre le projet ?",
            )
        ],
    ),
]
CONVERSATION_DEMO_SENDER = "company_admin"


def _create_post(organisation, row, *, author, sectors, now):
    (_slug, kind, category, sector_slugs, regions, countries, title, description, profile, status, public, days) = row
    published = now - dt.timedelta(days=days)
    post = Post(
        organisation=organisation,
        author=author,
        kind=kind,
        category=category,
        title=title,
        countries=countries,
        description=description,
        partner_profile=profile,
        language="fr",
        visibility=Post.Visibility.PUBLIC if public else Post.Visibility.MEMBERS,
        status=status,
        expires_on=timezone.localdate(published) + dt.timedelta(days=91),
        keywords=keywords_field(title, description, profile),
        submitted_at=published if status != S.DRAFT else None,
        published_at=published if status in (S.PUBLISHED, S.CLOSED, S.EXPIRED) else None,
    )
    if status == S.RETURNED:
        post.review_message = RETURN_MESSAGE
    if status == S.CLOSED:
        post.outcome, post.closed_at = Post.Outcome.FOUND_HERE, now - dt.timedelta(days=5)
    if status == S.EXPIRED:
        post.expires_on = timezone.localdate(now) - dt.timedelta(days=9)
    post.full_clean(exclude=["search_vector"])
    post.save()
    post.sectors.set([sectors[s] for s in sector_slugs])
    PostRegion.objects.bulk_create([PostRegion(post=post, region=region) for region in regions])
    return post


def seed_board(organisations: list[Organisation], sectors: dict, users: dict) -> int:
    """The demo posts and conversations; returns how many posts were created."""
    companies = {organisation.slug: organisation for organisation in organisations}
    demo_company = organisations[0]
    now = timezone.now()
    created = 0
    with transaction.atomic():
        for row in POSTS:
            organisation = companies.get(row[0])
            if organisation is None or Post.objects.filter(organisation=organisation, title=row[6]).exists():
                continue
            author = users[CONVERSATION_DEMO_SENDER] if organisation == demo_company else None
            _create_post(organisation, row, author=author, sectors=sectors, now=now)
            created += 1
        for title, interested_slug, messages in CONVERSATIONS:
            post = Post.objects.filter(title=title).first()
            interested = companies.get(interested_slug)
            if (
                post is None
                or interested is None
                or Conversation.objects.filter(post=post, organisation=interested).exists()
            ):
                continue
            _seed_conversation(post, interested, messages, demo_company, users, now)
        refresh_search_vectors(Post.objects.filter(search_vector__isnull=True))
        _link_from_the_menu()
    return created


def _link_from_the_menu() -> None:
    """Add "Opportunités" to the header menu, after the directory, unless the board is already linked."""
    from cms.models import NavigationSettings
    from demo.pages import site_path

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    navigation = NavigationSettings.for_site(site)
    url = site_path("partnerships:board", "/board/")
    links = list(navigation.header_links.raw_data)
    if not links or any(link["value"].get("url") == url for link in links):
        menu.translate_navigation(navigation)
        return
    position = next(
        (i + 1 for i, link in enumerate(links) if "members" in (link["value"].get("url") or "")), len(links)
    )
    links.insert(position, {"type": "link", "value": menu.link(url=url, label="Opportunités")})
    navigation.header_links = links
    navigation.save()


def _seed_conversation(post, interested, messages, demo_company, users, now):
    demo_user = users[CONVERSATION_DEMO_SENDER]
    conversation = Conversation.objects.create(
        post=post, organisation=interested, started_by=demo_user if interested == demo_company else None
    )
    for number, (from_interested, text) in enumerate(messages):
        company = interested if from_interested else post.organisation
        message = Message.objects.create(
            conversation=conversation,
            organisation=company,
            sender=demo_user if company == demo_company else None,
            body=text,
        )
        # Spread the messages over the last days, the latest still unread by the demo company.
        Message.objects.filter(pk=message.pk).update(created_at=now - dt.timedelta(days=len(messages) - number))
    conversation.last_message_at = conversation.messages.order_by("-created_at").values_list("created_at", flat=True)[0]
    conversation.save(update_fields=["last_message_at"])


# --- Bulk data for benchmarks -------------------------------------------------------------------------------


def seed_scale(count: int, sectors: dict) -> int:
    """Add generated published posts by the generated companies, `count` in all ("réf. B00001"…)."""
    rng = random.Random(6)
    existing = {
        int(title.rsplit("réf. B", 1)[1])
        for title in Post.objects.filter(title__contains="réf. B").values_list("title", flat=True)
        if title.rsplit("réf. B", 1)[1].isdigit()
    }
    companies = list(
        Organisation.objects.filter(slug__startswith="entreprise-", status=Organisation.Status.ACTIVE).values_list(
            "pk", "region"
        )
    )
    if not companies:
        return 0
    sector_list = list(sectors.values())
    regions = [value for value in Region.values if value != Region.FOREIGN]
    today = timezone.localdate()
    now = timezone.now()
    created = 0
    numbers = (number for number in range(1, count + 1) if number not in existing)
    while batch := list(itertools.islice(numbers, 1000)):
        posts, picks = [], []
        for number in batch:
            template = POSTS[number % len(POSTS)]
            company_pk, _region = companies[number % len(companies)]
            title = f"{template[6]} · réf. B{number:05d}"
            published = now - dt.timedelta(days=rng.randint(0, 80), hours=rng.randint(0, 23))
            posts.append(
                Post(
                    organisation_id=company_pk,
                    kind=rng.choice((OFFER, REQUEST)),
                    category=rng.choice(C.values),
                    title=title,
                    description=template[7],
                    partner_profile=template[8],
                    language="fr",
                    visibility=Post.Visibility.PUBLIC if number % 3 else Post.Visibility.MEMBERS,
                    status=S.PUBLISHED,
                    expires_on=today + dt.timedelta(days=rng.randint(1, 120)),
                    keywords=keywords_field(title, template[7], template[8]),
                    submitted_at=published,
                    published_at=published,
                )
            )
            picks.append(
                (
                    rng.sample(sector_list, k=min(rng.choice((1, 1, 2)), len(sector_list))),
                    rng.sample(regions, k=rng.choice((0, 1, 2))),
                )
            )
        with transaction.atomic():
            saved = Post.objects.bulk_create(posts, batch_size=500)
            if not all(post.pk for post in saved):  # backends without RETURNING
                by_title = dict(Post.objects.filter(title__in=[p.title for p in saved]).values_list("title", "pk"))
                for post in saved:
                    post.pk = by_title[post.title]
            Through = Post.sectors.through
            Through.objects.bulk_create(
                [
                    Through(post_id=post.pk, sector_id=s.pk)
                    for post, (chosen, _r) in zip(saved, picks, strict=True)
                    for s in chosen
                ],
                batch_size=1000,
            )
            PostRegion.objects.bulk_create(
                [
                    PostRegion(post_id=post.pk, region=r)
                    for post, (_s, chosen) in zip(saved, picks, strict=True)
                    for r in chosen
                ],
                batch_size=1000,
            )
            refresh_search_vectors(Post.objects.filter(pk__in=[post.pk for post in saved]))
        created += len(saved)
    return created
