"""The clusters' sectors and the first privacy notice (version 2026-1), so that a fresh site is usable and lawful."""

import datetime

from django.db import migrations

SECTORS = [
    # slug, French, English, Arabic
    ("it-digital", "Informatique et numérique", "IT and digital", "المعلوميات والرقمنة"),
    ("electronics-mechatronics", "Électronique et mécatronique", "Electronics and mechatronics", "الإلكترونيات والميكاترونيك"),
    ("automotive", "Automobile", "Automotive", "صناعة السيارات"),
    ("aeronautics", "Aéronautique", "Aeronautics", "صناعة الطيران"),
    ("textile", "Textile et habillement", "Textile and clothing", "النسيج والألبسة"),
    ("agri-food", "Agroalimentaire", "Agri-food", "الصناعات الغذائية"),
    ("sea-products", "Produits de la mer", "Sea products", "المنتجات البحرية"),
    ("solar-renewable-energy", "Solaire et énergies renouvelables", "Solar and renewable energy", "الطاقة الشمسية والطاقات المتجددة"),
    ("construction-materials", "Matériaux de construction", "Construction materials", "مواد البناء"),
    ("environment", "Environnement et développement durable", "Environment and sustainable development", "البيئة والتنمية المستدامة"),
    ("biotech", "Biotechnologies", "Biotechnology", "التكنولوجيا الحيوية"),
    ("smart-city", "Ville intelligente", "Smart city", "المدينة الذكية"),
    ("cosmetics", "Cosmétique", "Cosmetics", "مستحضرات التجميل"),
]

VERSION = "2026-1"

TITLE = "Notice d'information sur la protection des données personnelles"

BODY_FR = """Cette notice vous informe, conformément à l'article 5 de la loi n° 09-08 relative à la protection des personnes physiques à l'égard du traitement des données à caractère personnel, de l'usage que fait l'association de vos données.

1. Responsable du traitement
Le responsable du traitement est l'association qui exploite ce site, représentée par son secrétariat, dont les coordonnées figurent en bas de chaque page. Pour toute question relative à vos données, écrivez au secrétariat.

2. Données traitées
- Votre compte : adresse électronique, nom, prénom, mot de passe (conservé sous forme chiffrée et irréversible), langue préférée, téléphone et fonction si vous les indiquez, réglages de sécurité (double authentification).
- Votre rattachement à une entreprise membre : l'entreprise, votre rôle (administrateur ou membre), les invitations que vous avez envoyées ou reçues.
- Le profil de votre entreprise : raison sociale, forme juridique, ICE, RC, IF, secteurs, taille, adresse, site, logo, description, coordonnées de contact, demande d'adhésion et décision du secrétariat.
- Vos consentements : ce que vous avez accepté, quand, et la version de la notice concernée.
- Les inscriptions aux événements, les cotisations et les factures, lorsque ces services sont utilisés.

3. Finalités et fondement
Vos données servent à gérer l'adhésion de votre entreprise et vos accès à l'espace membre, à publier l'annuaire des membres, à organiser les événements, à établir les factures de cotisation et à vous adresser les informations de l'association. Ces traitements reposent sur l'exécution de l'adhésion, sur les obligations légales de l'association (comptabilité) et, pour l'affichage de vos coordonnées dans l'annuaire et les lettres d'information, sur votre consentement, que vous pouvez retirer à tout moment depuis « Mon espace ».

4. Destinataires
Le secrétariat de l'association et, pour les données de votre entreprise, ses administrateurs. L'annuaire public montre uniquement le profil des entreprises membres qui ont choisi d'y figurer ; vos coordonnées personnelles n'y apparaissent que pour les membres connectés, et seulement si vous l'avez accepté. Les prestataires techniques de l'association (hébergement, envoi de courriels, paiement) n'y accèdent que pour rendre leur service. Si l'un d'eux est établi hors du Maroc, le transfert a lieu dans les conditions prévues par les articles 43 et 44 de la loi n° 09-08.

5. Durées de conservation
Les données du compte sont conservées tant que le compte existe. Lorsque vous supprimez votre compte, vos données personnelles sont effacées ou anonymisées immédiatement ; la trace de vos consentements est conservée sous forme pseudonymisée comme preuve. Les demandes d'adhésion refusées sont conservées un an. Les factures et pièces comptables sont conservées dix ans, comme l'exige le Code de commerce.

6. Vos droits
Vous disposez d'un droit d'accès, de rectification et d'opposition (articles 7 à 9 de la loi n° 09-08). Depuis « Mon espace », vous pouvez corriger votre profil, télécharger toutes vos données et supprimer votre compte. Pour toute autre demande, adressez-vous au secrétariat. Vous pouvez introduire une réclamation auprès de la Commission nationale de contrôle de la protection des données à caractère personnel (CNDP), www.cndp.ma.

7. Formalités
L'association accomplit auprès de la CNDP les formalités préalables prévues par la loi n° 09-08 ; la référence du récépissé est communiquée sur simple demande au secrétariat.

8. Modifications
Toute modification de cette notice donne lieu à une nouvelle version datée ; la version en vigueur est toujours consultable sur cette page."""

BODY_EN = """In accordance with article 5 of Moroccan law no. 09-08 on the protection of individuals with regard to the processing of personal data, this notice explains how the association uses your data.

1. Controller
The controller is the association that runs this website, represented by its secretariat, whose contact details appear at the bottom of every page. Write to the secretariat with any question about your data.

2. Data processed
- Your account: e-mail address, first and last name, password (stored only as an irreversible hash), preferred language, phone and job title if you give them, security settings (two-factor authentication).
- Your link to a member company: the company, your role (administrator or member), the invitations you sent or received.
- Your company's profile: legal name, legal form, ICE, RC, IF, sectors, size, address, website, logo, description, contact details, membership application and the secretariat's decision.
- Your consents: what you agreed to, when, and to which version of this notice.
- Event registrations, dues and invoices, when you use those services.

3. Purposes and legal basis
Your data is used to manage your company's membership and your access to the member area, to publish the member directory, to organise events, to issue dues invoices and to send you the association's news. This relies on the membership agreement, on the association's legal obligations (accounting) and, for showing your contact details in the directory and for newsletters, on your consent, which you can withdraw at any time from "My space".

4. Recipients
The association's secretariat and, for your company's data, its administrators. The public directory shows only the profiles of member companies that chose to be listed; your personal contact details appear only to logged-in members, and only if you agreed. The association's technical providers (hosting, e-mail delivery, payment) access data only to provide their service. If one of them is established outside Morocco, the transfer takes place under the conditions of articles 43 and 44 of law no. 09-08.

5. Retention
Account data is kept as long as the account exists. When you delete your account, your personal data is erased or anonymised at once; the record of your consents is kept in pseudonymised form as evidence. Rejected membership applications are kept for one year. Invoices and accounting records are kept for ten years, as the Commercial Code requires.

6. Your rights
You have the rights of access, rectification and objection (articles 7 to 9 of law no. 09-08). From "My space" you can correct your profile, download all your data and delete your account. For any other request, contact the secretariat. You may lodge a complaint with the National Commission for the Control of Personal Data Protection (CNDP), www.cndp.ma.

7. Formalities
The association completes with the CNDP the prior formalities required by law no. 09-08; the receipt reference is available from the secretariat on request.

8. Changes
Any change to this notice is published as a new, dated version; the version in force can always be read on this page."""

BODY_AR = """طبقا للمادة 5 من القانون رقم 09-08 المتعلق بحماية الأشخاص الذاتيين تجاه معالجة المعطيات ذات الطابع الشخصي، يوضح هذا الإشعار كيفية استعمال الجمعية لمعطياتكم.

1. المسؤول عن المعالجة
المسؤول عن المعالجة هو الجمعية التي تدير هذا الموقع، ممثلة في كتابتها العامة، وتظهر بيانات الاتصال بها أسفل كل صفحة. يمكنكم مراسلة الكتابة العامة بشأن أي سؤال يتعلق بمعطياتكم.

2. المعطيات المعالجة
- حسابكم: البريد الإلكتروني، الاسم الشخصي والعائلي، كلمة المرور (محفوظة في شكل مشفر لا رجعة فيه)، اللغة المفضلة، الهاتف والوظيفة إن أدليتم بهما، إعدادات الأمان (المصادقة الثنائية).
- ارتباطكم بمقاولة عضو: المقاولة، دوركم (مسؤول أو عضو)، الدعوات التي أرسلتموها أو تلقيتموها.
- ملف مقاولتكم: الاسم القانوني، الشكل القانوني، التعريف الموحد للمقاولة، السجل التجاري، التعريف الضريبي، القطاعات، الحجم، العنوان، الموقع الإلكتروني، الشعار، الوصف، بيانات الاتصال، طلب الانخراط وقرار الكتابة العامة.
- موافقاتكم: ما وافقتم عليه، ومتى، وعلى أي نسخة من هذا الإشعار.
- التسجيل في التظاهرات والاشتراكات والفواتير عند استعمال هذه الخدمات.

3. الأغراض والأساس القانوني
تستعمل معطياتكم لتدبير انخراط مقاولتكم وولوجكم إلى فضاء الأعضاء، ونشر دليل الأعضاء، وتنظيم التظاهرات، وإصدار فواتير الاشتراكات، وموافاتكم بأخبار الجمعية. وتستند هذه المعالجات إلى تنفيذ الانخراط، وإلى الالتزامات القانونية للجمعية (المحاسبة)، وإلى موافقتكم فيما يخص عرض بيانات اتصالكم في الدليل والنشرات الإخبارية، ويمكنكم سحب هذه الموافقة في أي وقت من «فضائي».

4. المرسل إليهم
الكتابة العامة للجمعية، ومسؤولو مقاولتكم بالنسبة لمعطياتها. لا يعرض الدليل العمومي إلا ملفات المقاولات الأعضاء التي اختارت الظهور فيه، ولا تظهر بيانات اتصالكم الشخصية إلا للأعضاء المتصلين وبموافقتكم فقط. ولا يطلع مقدمو الخدمات التقنية للجمعية (الاستضافة، إرسال البريد، الأداء) على المعطيات إلا لتقديم خدماتهم. وإذا كان أحدهم مقيما خارج المغرب، يتم النقل وفق الشروط المنصوص عليها في المادتين 43 و44 من القانون رقم 09-08.

5. مدة الحفظ
تحفظ معطيات الحساب ما دام الحساب قائما. وعند حذف حسابكم، تمحى معطياتكم الشخصية أو تجعل مجهولة الهوية فورا، ويحتفظ بأثر موافقاتكم في شكل مستعار كدليل. تحفظ طلبات الانخراط المرفوضة لمدة سنة واحدة، وتحفظ الفواتير والوثائق المحاسبية لمدة عشر سنوات كما تقتضي مدونة التجارة.

6. حقوقكم
لكم حق الولوج والتصحيح والتعرض (المواد من 7 إلى 9 من القانون رقم 09-08). يمكنكم من «فضائي» تصحيح ملفكم، وتحميل جميع معطياتكم، وحذف حسابكم. ولأي طلب آخر، يرجى الاتصال بالكتابة العامة. كما يمكنكم تقديم شكاية إلى اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي (CNDP)، www.cndp.ma.

7. الإجراءات
تقوم الجمعية لدى اللجنة الوطنية بالإجراءات المسبقة التي يفرضها القانون رقم 09-08، ويمكن الحصول على مرجع الوصل بطلب من الكتابة العامة.

8. التعديلات
كل تعديل لهذا الإشعار ينشر في نسخة جديدة مؤرخة، ويمكن دائما الاطلاع على النسخة السارية في هذه الصفحة."""


def create(apps, schema_editor):
    Sector = apps.get_model("members", "Sector")
    PrivacyNotice = apps.get_model("members", "PrivacyNotice")
    for slug, name, name_en, name_ar in SECTORS:
        Sector.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "name_ar": name_ar})
    PrivacyNotice.objects.get_or_create(
        version=VERSION,
        defaults={
            "title": TITLE,
            "body": BODY_FR,
            "body_en": BODY_EN,
            "body_ar": BODY_AR,
            "published_at": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("members", "0005_people_invitations_applications")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
