"""The words of the demo site: a fictional association of digital companies, written for Majlis.

French is the working language; some items carry English and Arabic versions. Every organisation, person and
figure here is invented; the setting (Technopark, regional ecosystems, clusters, Digital Now) is real context.
"""

ASSOCIATION = {
    "name": "Majlis Tech",
    "full_name": "Majlis Tech — Association des entreprises du numérique",
    "full_name_en": "Majlis Tech — Association of digital companies",
    "full_name_ar": "مجلس تك — جمعية مقاولات الرقمي",
    "tagline": "Les entreprises du numérique, ensemble, de Casablanca aux douze régions.",
    "tagline_en": "Digital companies, together, from Casablanca to Morocco's twelve regions.",
    "tagline_ar": "مقاولات الرقمي معاً، من الدار البيضاء إلى الجهات الاثنتي عشرة.",
    "email": "contact@majlis.example",
    "phone": "+212 522 00 00 00",
    "address": "Technopark, Route de Nouaceur, angle RS 114 et CT 1029\n20150 Casablanca, Maroc",
    "ice": "",  # filled by the seeder with a valid number
}

# The people of the demo: only their roles matter, their names are invented.
ACCOUNTS = {
    "member": {
        "email": "amina.membre@majlis.example",
        "first_name": "Amina",
        "last_name": "Berrada",
        "label": "Membre (salariée d'une entreprise adhérente)",
    },
    "company_admin": {
        "email": "karim.admin@majlis.example",
        "first_name": "Karim",
        "last_name": "Alaoui",
        "label": "Administrateur d'une entreprise adhérente",
    },
    "editor": {
        "email": "salma.editrice@majlis.example",
        "first_name": "Salma",
        "last_name": "Idrissi",
        "label": "Éditrice du site (rôle « Rédacteur »)",
        "group": "Rédacteur",
    },
    "treasurer": {
        "email": "nadia.tresoriere@majlis.example",
        "first_name": "Nadia",
        "last_name": "Benjelloun",
        "label": "Trésorière (rôle « Trésorier » : commandes, paiements, factures)",
        "group": "Trésorier",
    },
    "event_manager": {
        "email": "omar.evenements@majlis.example",
        "first_name": "Omar",
        "last_name": "Chraibi",
        "label": "Responsable des événements (rôle « Responsable des événements » : inscriptions, billets, accueil)",
        "group": "Responsable des événements",
    },
    "secretariat": {
        "email": "secretariat@majlis.example",
        "first_name": "Youssef",
        "last_name": "Tazi",
        "label": "Secrétariat (superutilisateur, rôle « Secrétariat »)",
        "group": "Secrétariat",
    },
}

# slug: (French, English, Arabic). The members app creates the same sectors in a migration; these only fill in
# a database where they are missing (the seeder never renames what the secretariat edited).
SECTORS = {
    "it-digital": ("Informatique et numérique", "IT and digital", "المعلوميات والرقمي"),
    "electronics-mechatronics": (
        "Électronique et mécatronique",
        "Electronics and mechatronics",
        "الإلكترونيات والميكاترونيك",
    ),
    "automotive": ("Automobile", "Automotive", "صناعة السيارات"),
    "aeronautics": ("Aéronautique", "Aeronautics", "صناعة الطيران"),
    "textile": ("Textile et habillement", "Textile and clothing", "النسيج والألبسة"),
    "agri-food": ("Agroalimentaire", "Agri-food", "الصناعات الغذائية"),
    "sea-products": ("Produits de la mer", "Sea products", "المنتجات البحرية"),
    "solar-renewable-energy": (
        "Énergie solaire et renouvelables",
        "Solar and renewable energy",
        "الطاقة الشمسية والمتجددة",
    ),
    "construction-materials": ("Matériaux de construction", "Construction materials", "مواد البناء"),
    "environment": ("Environnement", "Environment", "البيئة"),
    "biotech": ("Biotechnologies", "Biotechnology", "التكنولوجيا الحيوية"),
    "smart-city": ("Ville intelligente", "Smart city", "المدينة الذكية"),
    "cosmetics": ("Cosmétique", "Cosmetics", "مستحضرات التجميل"),
}

# (trade name, legal form, sector slugs, city, region, size band, featured, description FR, EN, AR)
# fmt: off
ORGANISATIONS = [
    ("Atlas Cloud Systems", "SARL", ["it-digital"], "Casablanca", "casablanca-settat", "medium", True,
     "Hébergement souverain et infogérance pour les PME et les administrations, depuis deux centres de données "
     "à Casablanca et Benguérir.",
     "Sovereign hosting and managed services for SMEs and public bodies, from two data centres in Casablanca "
     "and Benguerir.",
     "استضافة سيادية وخدمات معلوماتية مُدارة للمقاولات الصغرى والمتوسطة والإدارات."),
    ("Dar Data", "SARL", ["it-digital"], "Casablanca", "casablanca-settat", "small", True,
     "Conseil en données et intelligence artificielle : tableaux de bord, prévision des ventes, traitement "
     "automatique de l'arabe et du darija.",
     "Data and AI consulting: dashboards, sales forecasting, natural language processing for Arabic and Darija.",
     ""),
    ("Souss Logiciels", "SARL AU", ["it-digital", "agri-food"], "Agadir", "souss-massa", "small", False,
     "Éditeur d'un logiciel de traçabilité pour les stations de conditionnement d'agrumes et de primeurs.",
     "", ""),
    ("Fès Shore Services", "SA", ["it-digital"], "Fès", "fes-meknes", "large", True,
     "Centre de services numériques installé à Fès Shore : support applicatif, tests logiciels et relation "
     "client multilingue.",
     "Digital services centre at Fès Shore: application support, software testing and multilingual customer care.",
     "مركز خدمات رقمية بفاس شور: دعم التطبيقات واختبار البرمجيات وخدمة الزبناء بعدة لغات."),
    ("Oujda Smart Grid", "SARL", ["solar-renewable-energy", "smart-city"], "Oujda", "oriental", "small", False,
     "Capteurs et plateforme de pilotage pour l'éclairage public et les réseaux électriques des communes.",
     "", ""),
    ("Dakhla Digital Hub", "SARL", ["it-digital"], "Dakhla", "dakhla-oued-ed-dahab", "micro", False,
     "Jeune entreprise de développement web et mobile qui forme et recrute des talents du Sud.",
     "A young web and mobile studio training and hiring talent in southern Morocco.", ""),
    ("Mécatron Maroc", "SA", ["electronics-mechatronics", "automotive"], "Tanger", "tanger-tetouan-al-hoceima",
     "medium", True,
     "Conception et fabrication de cartes électroniques et de faisceaux pour l'automobile et l'industrie.",
     "Design and manufacturing of electronic boards and wiring harnesses for automotive and industry.", ""),
    ("AéroPrécision Nouaceur", "SARL", ["aeronautics", "electronics-mechatronics"], "Nouaceur", "casablanca-settat",
     "medium", False,
     "Usinage de précision et contrôle non destructif pour les équipementiers aéronautiques.", "", ""),
    ("Tissage Numérique du Nord", "SARL", ["textile", "it-digital"], "Tétouan", "tanger-tetouan-al-hoceima",
     "small", False,
     "Logiciel de planification de production et d'étiquetage RFID pour les ateliers de confection.", "", ""),
    ("Denim Lab Casablanca", "SA", ["textile"], "Casablanca", "casablanca-settat", "large", False,
     "Délavage et finition du denim à faible consommation d'eau, pour des marques européennes.",
     "Low-water denim washing and finishing for European brands.", ""),
    ("Menara Naturals", "SARL", ["cosmetics", "agri-food"], "Marrakech", "marrakech-safi", "small", True,
     "Cosmétiques à l'huile d'argan et aux plantes de l'Atlas, vendus en ligne au Maroc et en Europe.",
     "Argan oil and Atlas herbal cosmetics, sold online in Morocco and Europe.",
     "مستحضرات تجميل بزيت الأركان وأعشاب الأطلس تُباع عبر الإنترنت."),
    ("Haliotech Agadir", "SARL", ["sea-products", "it-digital"], "Agadir", "souss-massa", "small", False,
     "Chaîne du froid connectée et traçabilité des captures pour les armateurs et les conserveries.", "", ""),
    ("Océan Tan-Tan Valorisation", "SARL", ["sea-products"], "Tan-Tan", "guelmim-oued-noun", "medium",
     False, "Valorisation des coproduits de la pêche en farines et huiles de haute qualité.", "", ""),
    ("Sol'R Ouarzazate", "SA", ["solar-renewable-energy"], "Ouarzazate", "draa-tafilalet", "medium", True,
     "Installation et maintenance de centrales solaires pour les exploitations agricoles et les industriels.",
     "Installation and maintenance of solar plants for farms and manufacturers.",
     "تركيب وصيانة محطات الطاقة الشمسية للضيعات الفلاحية والمصانع."),
    ("Settat Béton Bas Carbone", "SARL", ["construction-materials", "environment"], "Settat",
     "casablanca-settat", "medium", False,
     "Bétons et blocs à faible empreinte carbone, et audits d'efficacité énergétique des bâtiments.", "", ""),
    ("EcoCycle Maroc", "SARL", ["environment"], "Mohammedia", "casablanca-settat", "small", False,
     "Collecte et recyclage des déchets électroniques des entreprises, avec certificats de destruction.",
     "Collection and recycling of corporate electronic waste, with destruction certificates.", ""),
    ("BioMeknès Innov", "SARL", ["biotech", "agri-food"], "Meknès", "fes-meknes", "small", False,
     "Ferments et biostimulants issus de la recherche universitaire, pour l'agro-industrie.", "", ""),
    ("Casa Smart Mobility", "SAS", ["smart-city", "it-digital"], "Casablanca", "casablanca-settat",
     "small", True,
     "Application de stationnement et de billettique pour les villes, intégrée aux paiements mobiles.",
     "Parking and ticketing app for cities, built on mobile payments.", ""),
    ("Rabat Cyber Défense", "SARL", ["it-digital"], "Rabat", "rabat-sale-kenitra", "medium", True,
     "Audit de sécurité, centre opérationnel de sécurité et formation des équipes à la cybersécurité.",
     "Security audits, a security operations centre and cybersecurity training.",
     "تدقيق أمني ومركز عمليات للأمن السيبراني وتكوين الفرق."),
    ("Kénitra Auto Composants", "SA", ["automotive"], "Kénitra", "rabat-sale-kenitra", "large", False,
     "Injection plastique et assemblage de sous-ensembles pour les constructeurs automobiles.", "", ""),
    ("Nador Logistique Connectée", "SARL", ["it-digital"], "Nador", "oriental", "small", False,
     "Plateforme de suivi des conteneurs et de dédouanement pour le port de Nador West Med.", "", ""),
    ("Béni Mellal AgriTech", "SARL AU", ["agri-food", "it-digital"], "Béni Mellal", "beni-mellal-khenifra",
     "micro", False, "Irrigation pilotée par capteurs et conseil agronomique par SMS pour les petits exploitants.",
     "Sensor-driven irrigation and agronomic advice by text message for smallholders.", ""),
    ("Laâyoune Énergies", "SARL", ["solar-renewable-energy", "environment"], "Laâyoune", "laayoune-sakia-el-hamra",
     "small", False, "Dessalement solaire et pompage photovoltaïque pour les collectivités du Sud.", "", ""),
    ("Hoceima Seafood Tech", "SARL", ["sea-products"], "Al Hoceïma", "tanger-tetouan-al-hoceima", "micro",
     False, "Petite conserverie artisanale qui vend en ligne des produits de la Méditerranée.", "", ""),
    ("Atlas Embedded", "SARL", ["electronics-mechatronics", "it-digital"], "Rabat", "rabat-sale-kenitra", "small",
     False,
     "Logiciel embarqué et objets connectés industriels, du prototype à la série.",
     "Embedded software and industrial IoT, from prototype to series.", ""),
    ("Tanger Aéro Services", "SA", ["aeronautics"], "Tanger", "tanger-tetouan-al-hoceima", "medium", False,
     "Câblage et intégration de harnais électriques pour l'aéronautique.", "", ""),
    ("Safran Argan Labs", "SARL", ["cosmetics", "biotech"], "Essaouira", "marrakech-safi", "micro",
     False, "Laboratoire de formulation cosmétique travaillant avec des coopératives féminines.",
     "", "مختبر لتركيب مستحضرات التجميل يعمل مع التعاونيات النسائية."),
    ("Medina Web Studio", "SARL AU", ["it-digital"], "Fès", "fes-meknes", "micro", False,
     "Sites web, boutiques en ligne et référencement pour les artisans et les hôtels de la médina.", "", ""),
    ("Numeria Formation", "SARL", ["it-digital"], "Casablanca", "casablanca-settat", "small", False,
     "Bootcamps de développement et de data, et reconversion de diplômés vers les métiers du numérique.",
     "Coding and data bootcamps, reskilling graduates into digital jobs.", ""),
    ("PayMaghreb", "SA", ["it-digital"], "Casablanca", "casablanca-settat", "medium", True,
     "Passerelle de paiement et terminaux pour le commerce de proximité, agréée par les autorités.",
     "Payment gateway and terminals for local shops.", "بوابة أداء ومحطات دفع للتجارة المحلية."),
    ("Oriental Textiles Techniques", "SARL", ["textile"], "Berkane", "oriental", "small", False,
     "Textiles techniques pour l'agriculture : filets d'ombrage et toiles de paillage.", "", ""),
    ("GreenBuild Marrakech", "SARL", ["construction-materials", "solar-renewable-energy"], "Marrakech",
     "marrakech-safi", "small", False,
     "Isolation en terre crue et matériaux biosourcés pour des bâtiments sobres en énergie.", "", ""),
    ("Agadir Cold Chain", "SARL", ["agri-food", "sea-products"], "Agadir", "souss-massa", "medium",
     False, "Entrepôts frigorifiques pilotés à distance et transport sous température dirigée.", "", ""),
    ("Smart Oujda Lab", "Association", ["smart-city", "environment"], "Oujda", "oriental", "micro",
     False, "Laboratoire d'innovation ouverte sur la ville durable, porté par des entreprises et l'université.",
     "An open-innovation lab for the sustainable city, run by companies and the university.", ""),
    ("Digitalia Conseil", "SARL", ["it-digital"], "Tanger", "tanger-tetouan-al-hoceima", "small", False,
     "Accompagnement des PME industrielles dans leur transformation numérique et l'industrie 4.0.", "", ""),
    ("Errachidia Solar Farms", "SARL", ["solar-renewable-energy", "agri-food"], "Errachidia", "draa-tafilalet",
     "micro", False, "Pompage solaire et stockage des dattes en atmosphère contrôlée.", "", ""),
    ("Kasbah Games", "SARL AU", ["it-digital"], "Rabat", "rabat-sale-kenitra", "micro", False,
     "Studio de jeux vidéo et de serious games pour l'éducation, en arabe, en amazighe et en français.",
     "Video game and serious game studio for education, in Arabic, Amazigh and French.", ""),
    ("Settat Mécanique de Précision", "SA", ["electronics-mechatronics", "aeronautics", "automotive"], "Berrechid",
     "casablanca-settat", "medium", False, "Pièces mécaniques de précision et prototypage rapide.", "", ""),
    ("Guelmim Argan Coop Tech", "Coopérative", ["cosmetics", "agri-food"], "Guelmim",
     "guelmim-oued-noun", "micro", False,
     "Coopérative qui modernise l'extraction de l'huile d'argan et vend en ligne.", "", ""),
    ("Paris-Casa Bridge", "SAS", ["it-digital"], "Paris", "foreign", "small", False,
     "Société française qui accompagne les entreprises marocaines du numérique sur le marché européen.",
     "A French firm helping Moroccan digital companies into the European market.", ""),
]
# fmt: on

# Standard pages under the home page: slug -> (title, intro, [(heading, paragraph), ...])
STANDARD_PAGES = {
    "a-propos": (
        "À propos",
        "Majlis Tech réunit des entreprises du numérique et des industries qui s'en servent, partout au Maroc.",
        [
            (
                "Notre histoire",
                "L'association est née de la volonté de quelques dirigeants installés dans un technoparc : se "
                "connaître, partager leurs contacts et parler d'une seule voix. Elle compte aujourd'hui des "
                "entreprises de toutes tailles, des très petites aux filiales de groupes, dans les douze régions.",
            ),
            (
                "Notre gouvernance",
                "Un conseil d'administration élu pour trois ans par l'assemblée générale fixe les orientations. "
                "Un secrétariat permanent suit les adhésions, organise les événements et répond aux membres.",
            ),
        ],
    ),
    "missions": (
        "Nos missions",
        "Quatre missions guident notre action depuis la création de l'association.",
        [
            (
                "Créer des synergies",
                "Faire se rencontrer les entreprises membres, favoriser les partenariats et le partage "
                "d'expérience entre jeunes pousses et entreprises établies.",
            ),
            (
                "Développer les affaires de nos membres",
                "Présenter les TPE et PME membres aux donneurs d'ordre nationaux et internationaux, lors de "
                "rencontres d'affaires, de salons et de missions à l'étranger.",
            ),
            (
                "Conseiller les technoparcs",
                "Proposer aux gestionnaires des technoparcs des services utiles à la communauté : hébergement, "
                "formation, accès au financement, espaces de rencontre.",
            ),
            (
                "Diffuser le numérique",
                "Promouvoir l'usage des technologies de l'information dans la société marocaine, avec les "
                "fédérations professionnelles, les associations d'utilisateurs et les pouvoirs publics.",
            ),
        ],
    ),
    "adherer": (
        "Pourquoi adhérer",
        "Adhérer, c'est rejoindre un réseau d'entreprises qui se recommandent et se font grandir.",
        [
            (
                "Un annuaire qui vous rend visible",
                "Votre fiche entreprise apparaît dans l'annuaire public des membres, avec vos secteurs, votre "
                "région et vos contacts.",
            ),
            (
                "Des événements à tarif membre",
                "Conférences, ateliers, rencontres B2B et webinaires : vos équipes s'inscrivent au tarif membre.",
            ),
            (
                "Des contenus réservés",
                "Études de marché, comptes rendus des commissions et appels d'offres relayés sont réservés aux "
                "entreprises à jour de cotisation.",
            ),
            (
                "Une voix auprès des institutions",
                "L'association porte les propositions de ses membres auprès des ministères, des centres "
                "régionaux d'investissement et des fédérations.",
            ),
        ],
    ),
    "contact": (
        "Contact",
        "Le secrétariat vous répond du lundi au vendredi, de 9 h à 17 h (horaires adaptés pendant le Ramadan).",
        [
            ("Nous écrire", "contact@majlis.example — nous répondons sous deux jours ouvrés."),
            (
                "Nous rendre visite",
                "Technopark, Route de Nouaceur, Casablanca. Sur rendez-vous, au rez-de-chaussée du bâtiment B.",
            ),
        ],
    ),
}

STANDARD_PAGES_TRANSLATED = {
    "en": {
        "a-propos": ("About us", "Majlis Tech brings together digital companies and the industries that use them."),
        "missions": ("Our missions", "Four missions have guided our work since the association was founded."),
    },
    "ar": {
        "a-propos": ("من نحن", "يجمع مجلس تك مقاولات الرقمي والصناعات التي تعتمد عليه في كل جهات المغرب."),
        "missions": ("مهامنا", "أربع مهام توجه عملنا منذ تأسيس الجمعية."),
    },
}

HOME = {
    "title": "Accueil",
    "hero_title": "Les entreprises du numérique, ensemble",
    "hero_text": "Annuaire des membres, actualités, événements et rencontres d'affaires : l'association au service "
    "de ses entreprises, de Casablanca aux douze régions du Maroc.",
    "en": ("Home", "Digital companies, together"),
    "ar": ("الرئيسية", "مقاولات الرقمي، معاً"),
    # language: (hero button label: the calendar, call to join: title, text)
    "join": {
        "en": (
            "See the upcoming events",
            "Join the network",
            "A directory listing, member rates at events, members-only content and a voice with the authorities.",
        ),
        "ar": (
            "اكتشفوا الفعاليات القادمة",
            "انضموا إلى الشبكة",
            "ظهور في دليل الأعضاء، وتعريفة الأعضاء في الفعاليات، ومحتويات خاصة، وصوت لدى المؤسسات.",
        ),
    },
}

# The menu's and footer's labels, typed in French in the navigation settings, with their English and Arabic
# versions: by French label, and by page slug for a link that shows its page's title (a page the demo does not
# translate would otherwise show its French title in /en/ and /ar/).
NAVIGATION_LABELS = {
    "Annuaire des membres": ("Member directory", "دليل الأعضاء"),
    "Adhérer": ("Join", "انضموا إلينا"),
    "Opportunités": ("Opportunities", "فرص الأعمال"),
    "L'association": ("The association", "الجمعية"),
    "Suivre": ("Follow us", "تابعونا"),
}
NAVIGATION_PAGE_LABELS = {
    "adherer": ("Why join", "لماذا الانضمام؟"),
    "contact": ("Contact", "اتصلوا بنا"),
}

NEWS_CATEGORIES = {
    "vie-associative": ("Vie associative", "Association life", "حياة الجمعية"),
    "ecosystemes-regionaux": ("Écosystèmes régionaux", "Regional ecosystems", "المنظومات الجهوية"),
    "clusters": ("Clusters", "Clusters", "العناقيد الصناعية"),
    "evenements": ("Événements", "Events", "الفعاليات"),
    "etudes-commissions": ("Études et commissions", "Studies and committees", "الدراسات واللجان"),
}

# (slug, title, days ago, category, tags, members_only, intro, [paragraphs])
# fmt: off
NEWS = [
    ("fondation-de-l-association", "Une association pour les entreprises du numérique", 420, "vie-associative",
     ["association", "technopark"], False,
     "Réunies en assemblée constitutive, une trentaine d'entreprises ont fondé Majlis Tech.",
     ["Installées pour la plupart dans le même technoparc, ces entreprises se croisaient tous les jours sans "
      "toujours se connaître. L'assemblée constitutive a adopté les statuts et élu un premier bureau.",
      "Les fondateurs veulent d'abord faire travailler ensemble les membres, puis porter leur voix auprès des "
      "institutions et des grands donneurs d'ordre."]),
    ("technoparc-vingt-ans", "Vingt ans de technoparc : ce que les entreprises en retiennent", 360,
     "vie-associative", ["technopark", "startups"], False,
     "Depuis l'ouverture du premier technoparc à Casablanca, des milliers de jeunes entreprises y ont fait "
     "leurs premiers pas.",
     ["Les dirigeants interrogés citent la proximité entre entreprises comme le premier atout : un client, un "
      "associé ou un recrutement se trouvent souvent à l'étage du dessous.",
      "Revers du succès, les entreprises qui grandissent doivent parfois partir faute de place. L'association "
      "plaide pour des espaces de croissance à proximité."]),
    ("ecosysteme-fes-meknes", "Fès-Meknès pose les bases d'un écosystème numérique régional", 300,
     "ecosystemes-regionaux", ["régions", "fès-meknès"], False,
     "Une convention avec le centre régional d'investissement prévoit un écosystème pilote et une antenne locale.",
     ["La région compte déjà un parc d'activités dédié à l'offshoring et une prime à l'embauche pour les "
      "entreprises qui s'y installent.",
      "L'antenne régionale fédérera les entreprises locales du numérique et accompagnera les projets de "
      "transformation des PME industrielles de la région."]),
    ("oriental-numerique-levier", "Dans l'Oriental, le numérique comme levier d'attractivité", 250,
     "ecosystemes-regionaux", ["régions", "oriental"], False,
     "À Oujda, entreprises, université et collectivités veulent faire du numérique un argument pour la région.",
     ["Ville intelligente, économie verte et services aux entreprises sont les trois pistes retenues.",
      "Un programme de formation doit permettre aux jeunes diplômés de rester travailler dans la région."]),
    ("dakhla-talents-du-sud", "Dakhla mise sur les talents du Sud", 200, "ecosystemes-regionaux",
     ["régions", "dakhla", "formation"], False,
     "Le troisième écosystème régional s'organise autour de la formation et du travail à distance.",
     ["Plusieurs entreprises membres ouvrent des postes accessibles à distance depuis Dakhla.",
      "Un espace de travail partagé accueillera les indépendants et les jeunes entreprises."]),
    ("maroc-cluster-midest", "Les clusters marocains adoptent une feuille de route commune au MIDEST", 170,
     "clusters", ["clusters", "midest", "industrie"], False,
     "Réunis en marge du salon de la sous-traitance industrielle, les treize clusters du réseau ont arrêté "
     "leur stratégie.",
     ["Au programme : un plan d'action à moyen terme, des permanents et un statut juridique pour le réseau.",
      "Les clusters comptent sur des rencontres avec leurs homologues européens pour nouer des partenariats "
      "technologiques."]),
    ("rencontres-inter-clusters", "Quarante clusters européens à la rencontre des clusters marocains", 140,
     "clusters", ["clusters", "europe", "b2b"], False,
     "Des rencontres inter-clusters ont permis de signer plusieurs accords de partenariat.",
     ["Des clusters suisses, espagnols et français ont signé des accords avec leurs homologues marocains.",
      "Des échanges sont en cours avec des clusters turcs, italiens, belges et tunisiens."]),
    ("digital-now-retour", "Digital Now : l'intelligence artificielle au cœur des débats", 110, "evenements",
     ["digital now", "ia", "cloud"], False,
     "La conférence Digital Now a réuni à Casablanca dirigeants, chercheurs et décideurs publics.",
     ["Cloud souverain, intelligence artificielle et industrie 4.0 ont occupé l'essentiel des échanges.",
      "Nos membres ont présenté leurs réalisations sur l'espace exposants de l'association."]),
    ("startup-act", "Start-up Act : nos propositions pour le rendre opérationnel", 80, "vie-associative",
     ["startups", "plaidoyer"], False,
     "L'association a remis aux pouvoirs publics une note de propositions issue de la consultation des membres.",
     ["Statut de la jeune entreprise innovante, commande publique ouverte aux startups et simplification des "
      "paiements internationaux figurent en tête des demandes.",
      "La note complète est disponible dans l'espace membres."]),
    ("etude-salaires-numerique", "Étude 2025 des rémunérations dans le numérique", 45, "etudes-commissions",
     ["étude", "rh"], True,
     "Réservée aux membres : les grilles de salaires par métier, par région et par taille d'entreprise.",
     ["L'étude porte sur près de deux mille postes déclarés par les entreprises membres.",
      "Les écarts entre Casablanca et les autres régions se réduisent pour les profils expérimentés."]),
    ("compte-rendu-commission-export", "Compte rendu de la commission export", 20, "etudes-commissions",
     ["export", "commission"], True,
     "Réservé aux membres : les décisions de la commission export et le calendrier des missions à l'étranger.",
     ["La commission propose deux missions en Afrique de l'Ouest et une à Paris au prochain semestre.",
      "Les entreprises intéressées peuvent se signaler auprès du secrétariat."]),
    ("nouveaux-membres", "Bienvenue à nos nouveaux membres", 7, "vie-associative", ["adhésions"], False,
     "Huit entreprises ont rejoint l'association ce trimestre, dont trois installées hors de Casablanca.",
     ["Leurs fiches sont à découvrir dans l'annuaire des membres.",
      "Le prochain petit-déjeuner d'accueil des nouveaux membres se tiendra au technoparc."]),
]
# fmt: on

NEWS_TRANSLATED = {
    "fondation-de-l-association": {
        "en": (
            "An association for digital companies",
            "At their founding meeting, some thirty companies created Majlis Tech.",
        ),
        "ar": ("جمعية لمقاولات الرقمي", "أسست نحو ثلاثين مقاولة جمعية مجلس تك خلال جمعها العام التأسيسي."),
    },
    "digital-now-retour": {
        "en": (
            "Digital Now: artificial intelligence at the heart of the debate",
            "Digital Now brought business leaders, researchers and policymakers together in Casablanca.",
        ),
        "ar": (
            "ديجيتال ناو: الذكاء الاصطناعي في صلب النقاش",
            "جمع مؤتمر ديجيتال ناو بالدار البيضاء المسيرين والباحثين وصناع القرار.",
        ),
    },
}

SPEAKERS = [
    ("Nadia El Fassi", "Directrice générale, Atlas Cloud Systems"),
    ("Omar Benjelloun", "Président de la commission export"),
    ("Leïla Chraïbi", "Chercheuse en intelligence artificielle"),
    ("Hicham Ouazzani", "Coordinateur d'un cluster électronique et mécatronique"),
    ("Sophie Martin", "Chargée de mission, réseau européen de clusters"),
]

# (slug, title, days from now, duration hours, city, venue, online, members_only, intro, parent slug)
# fmt: off
EVENTS = [
    ("digital-now", "Digital Now 2026", 40, 9, "Casablanca", "Palais des congrès, Casablanca", False, False,
     "La conférence annuelle du numérique : cloud souverain, IA, industrie 4.0 et talents.", None),
    ("midest-maroc", "Salon MIDEST Maroc", 75, 8, "Casablanca", "Foire internationale de Casablanca", False,
     False, "Le salon de la sous-traitance industrielle, avec un programme de rencontres en marge.", None),
    ("midest-rencontre-clusters", "Réunion du réseau des clusters", 76, 3, "Casablanca",
     "Salle B, Foire internationale de Casablanca", False, True,
     "Les treize clusters font le point sur leur plan d'action, en marge du salon.", "midest-maroc"),
    ("midest-rendez-vous-b2b", "Rendez-vous d'affaires donneurs d'ordre", 77, 4, "Casablanca",
     "Espace B2B, Foire internationale de Casablanca", False, False,
     "Des rendez-vous de vingt minutes entre sous-traitants et donneurs d'ordre, préparés à l'avance.",
     "midest-maroc"),
    ("forum-inter-clusters", "Forum inter-clusters université-entreprise", 110, 7, "Rabat",
     "Faculté des sciences, Rabat", False, False,
     "Chercheurs et industriels présentent leurs projets communs et cherchent des partenaires.", None),
    ("webinaire-cybersecurite", "Webinaire : la cybersécurité des PME", 14, 1.5, "", "", True, False,
     "Une heure et demie pour connaître les attaques les plus courantes et les gestes qui protègent.", None),
    ("petit-dejeuner-nouveaux-membres", "Petit-déjeuner des nouveaux membres", 21, 2, "Casablanca",
     "Technopark, salle du conseil", False, True,
     "Un moment d'accueil pour les entreprises qui ont rejoint l'association ce trimestre.", None),
    ("mission-paris", "Mission d'affaires à Paris", 140, 48, "Paris", "Paris, France", False, True,
     "Trois jours de rendez-vous avec des clients et des partenaires européens.", None),
]
# fmt: on
