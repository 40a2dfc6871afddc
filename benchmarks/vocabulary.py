"""Word pools of the synthetic register: the kinds of activity a large French organisation
keeps, with purposes, data and retention drawn from the CNIL's reference periods."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Purpose:
    description: str
    basis: str
    extra: str = ""  # legal reference, interest or consent record, by basis


@dataclass(frozen=True)
class Template:
    kind: str
    names: tuple[str, ...]
    owner: str
    purposes: tuple[Purpose, ...]
    subjects: tuple[tuple[str, str], ...]
    retention: tuple[str, str, str]  # duration, start, justification


TEMPLATES: tuple[Template, ...] = (
    Template(
        "customer_management",
        ("Gestion des comptes clients", "Suivi des commandes", "Service après-vente",
         "Programme de fidélité", "Gestion des réclamations", "Facturation des clients"),
        "Direction commerciale",
        (Purpose("Gestion du compte et de la relation client", "contract"),
         Purpose("Exécution des commandes et livraison", "contract"),
         Purpose("Facturation et tenue de la comptabilité", "legal_obligation",
                 "Code de commerce, art. L123-22"),
         Purpose("Amélioration de la qualité du service", "legitimate_interests",
                 "Mesurer la satisfaction pour améliorer le service rendu aux clients"),
         Purpose("Gestion des réclamations et des litiges", "legitimate_interests",
                 "Défendre les droits de l'entreprise en cas de litige")),
        (("customers", "Clients particuliers"), ("customers", "Clients professionnels"),
         ("users", "Utilisateurs inscrits sur le site"), ("public", "Personnes ayant écrit au service client")),
        ("P5Y", "fin de la relation commerciale", "Prescription commerciale (Code de commerce, art. L110-4)"),
    ),
    Template(
        "prospecting",
        ("Prospection commerciale", "Envoi de newsletters", "Organisation de salons et d'événements",
         "Jeux-concours", "Campagnes de marketing direct"),
        "Direction marketing",
        (Purpose("Envoi de prospection par courrier électronique", "consent",
                 "Case à cocher du formulaire, horodatée dans l'outil d'emailing"),
         Purpose("Prospection des professionnels", "legitimate_interests",
                 "Développer l'activité auprès de contacts professionnels intéressés"),
         Purpose("Organisation d'opérations promotionnelles", "consent",
                 "Accord recueilli lors de l'inscription, conservé avec sa date"),
         Purpose("Segmentation des envois selon les centres d'intérêt", "consent",
                 "Préférences enregistrées dans le centre de préférences")),
        (("prospects", "Prospects ayant rempli un formulaire"), ("customers", "Clients abonnés à la lettre"),
         ("prospects", "Contacts rencontrés sur un salon"), ("website_visitors", "Visiteurs du site")),
        ("P3Y", "dernier contact du prospect", "Référentiel CNIL gestion commerciale"),
    ),
    Template(
        "staff_management",
        ("Gestion administrative du personnel", "Gestion des congés et absences", "Formation professionnelle",
         "Entretiens annuels", "Gestion des habilitations", "Annuaire interne", "Télétravail"),
        "Ressources humaines",
        (Purpose("Gestion administrative des salariés", "legal_obligation", "Code du travail, art. L1221-13"),
         Purpose("Organisation du travail et des plannings", "contract"),
         Purpose("Suivi des carrières et de la formation", "contract"),
         Purpose("Déclarations sociales obligatoires", "legal_obligation",
                 "Code de la sécurité sociale, art. L133-5-3"),
         Purpose("Communication interne", "legitimate_interests",
                 "Informer le personnel de la vie de l'entreprise")),
        (("employees", "Salariés"), ("employees", "Stagiaires et alternants"),
         ("contractors", "Intérimaires et prestataires présents sur site")),
        ("P5Y", "départ du salarié", "Référentiel CNIL gestion du personnel"),
    ),
    Template(
        "payroll",
        ("Paie", "Notes de frais", "Épargne salariale", "Mutuelle et prévoyance"),
        "Ressources humaines",
        (Purpose("Établissement des bulletins de paie", "legal_obligation", "Code du travail, art. L3243-2"),
         Purpose("Versement des salaires et remboursement des frais", "contract"),
         Purpose("Déclaration sociale nominative", "legal_obligation",
                 "Code de la sécurité sociale, art. L133-5-3")),
        (("employees", "Salariés"), ("employees", "Anciens salariés")),
        ("P5Y", "versement de la paie", "Code du travail, art. L3243-4"),
    ),
    Template(
        "recruitment",
        ("Recrutement", "Gestion de la CVthèque", "Cooptation", "Recrutement des stagiaires"),
        "Ressources humaines",
        (Purpose("Examen des candidatures et entretiens", "legitimate_interests",
                 "Choisir le candidat le plus adapté au poste"),
         Purpose("Constitution d'un vivier de candidats", "consent",
                 "Accord du candidat recueilli par courriel, archivé dans l'outil de recrutement")),
        (("candidates", "Candidats à un emploi"), ("candidates", "Candidats à un stage")),
        ("P2Y", "dernier contact avec le candidat", "Référentiel CNIL recrutement"),
    ),
    Template(
        "accounting",
        ("Comptabilité fournisseurs", "Recouvrement", "Gestion des contrats fournisseurs"),
        "Direction financière",
        (Purpose("Tenue de la comptabilité générale", "legal_obligation", "Code de commerce, art. L123-22"),
         Purpose("Paiement des fournisseurs", "contract"),
         Purpose("Recouvrement des créances", "legitimate_interests",
                 "Obtenir le paiement des sommes dues")),
        (("suppliers", "Contacts chez les fournisseurs"), ("customers", "Clients débiteurs")),
        ("P10Y", "clôture de l'exercice comptable", "Code de commerce, art. L123-22"),
    ),
    Template(
        "security_logs",
        ("Journalisation des accès au système d'information", "Gestion des incidents de sécurité",
         "Contrôle d'accès aux locaux", "Supervision du réseau"),
        "Direction des systèmes d'information",
        (Purpose("Sécurité du système d'information", "legitimate_interests",
                 "Protéger le système d'information contre les intrusions"),
         Purpose("Détection et traitement des incidents", "legal_obligation",
                 "RGPD, art. 32 et 33")),
        (("employees", "Utilisateurs du système d'information"), ("contractors", "Prestataires habilités"),
         ("users", "Utilisateurs des services en ligne")),
        ("P12M", "date de l'événement", "Recommandation CNIL journalisation"),
    ),
    Template(
        "video_surveillance",
        ("Vidéoprotection des locaux", "Vidéoprotection des entrepôts"),
        "Services généraux",
        (Purpose("Sécurité des biens et des personnes", "legitimate_interests",
                 "Prévenir les vols et les atteintes aux personnes dans les locaux"),
         Purpose("Constitution de preuves en cas d'incident", "legitimate_interests",
                 "Pouvoir établir les faits et défendre les droits de l'entreprise")),
        (("employees", "Salariés"), ("public", "Visiteurs des locaux")),
        ("P30D", "enregistrement des images", "Code de la sécurité intérieure, art. L252-5"),
    ),
    Template(
        "audience_measurement",
        ("Mesure d'audience du site", "Tests A/B", "Statistiques de l'application mobile"),
        "Direction digitale",
        (Purpose("Mesure de la fréquentation du site", "consent",
                 "Choix enregistré par la plateforme de gestion du consentement"),
         Purpose("Amélioration de l'ergonomie", "consent",
                 "Choix enregistré par la plateforme de gestion du consentement")),
        (("website_visitors", "Visiteurs du site"), ("users", "Utilisateurs de l'application")),
        ("P13M", "dépôt du traceur", "Lignes directrices CNIL cookies et traceurs"),
    ),
    Template(
        "health_care",
        ("Médecine du travail", "Gestion des accidents du travail", "Aménagement des postes"),
        "Service de santé au travail",
        (Purpose("Suivi de l'état de santé des salariés", "legal_obligation",
                 "Code du travail, art. L4624-1"),
         Purpose("Déclaration des accidents du travail", "legal_obligation",
                 "Code de la sécurité sociale, art. L441-2")),
        (("employees", "Salariés suivis"), ("patients", "Personnes reçues en consultation")),
        ("P20Y", "dernier passage", "Code de la santé publique, art. R1112-7"),
    ),
    Template(
        "research",
        ("Études de satisfaction", "Enquêtes d'opinion", "Études statistiques internes"),
        "Direction des études",
        (Purpose("Réalisation d'études statistiques", "legitimate_interests",
                 "Connaître les attentes des clients pour adapter l'offre"),
         Purpose("Publication de résultats anonymisés", "consent",
                 "Accord recueilli dans le questionnaire, horodaté")),
        (("customers", "Clients interrogés"), ("members", "Membres du panel")),
        ("P2Y", "fin de l'étude", "Référentiel CNIL études"),
    ),
)

DATA_ITEMS: dict[str, tuple[str, ...]] = {
    "identification": ("nom", "prénom", "adresse e-mail", "téléphone", "adresse postale",
                       "date de naissance", "civilité", "identifiant client"),
    "personal_life": ("situation familiale", "nombre d'enfants", "centres d'intérêt", "habitudes de vie",
                      "préférences de contact"),
    "professional_life": ("fonction", "service", "entreprise", "diplômes", "expérience professionnelle",
                          "date d'embauche", "évaluations"),
    "financial": ("coordonnées bancaires", "historique des paiements", "factures", "salaire",
                  "moyen de paiement", "montant des commandes"),
    "connection": ("adresse IP", "identifiant de connexion", "journaux de connexion", "horodatage",
                   "type de terminal"),
    "location": ("adresse de livraison", "données de géolocalisation", "site de rattachement",
                 "lieu d'intervention"),
    "internet": ("cookies", "pages consultées", "identifiant publicitaire", "navigateur",
                 "historique de navigation"),
    "national_id": ("numéro de sécurité sociale", "numéro de pièce d'identité"),
    "other": ("échanges avec le service client", "enregistrements d'appels", "photographie",
              "réponses aux questionnaires"),
}

DATA_DESCRIPTIONS: dict[str, str] = {
    "identification": "Données d'identification nécessaires au suivi du dossier",
    "personal_life": "Informations utiles à la personnalisation du service",
    "professional_life": "Informations relatives à la vie professionnelle",
    "financial": "Informations d'ordre économique et financier",
    "connection": "Données de connexion aux services en ligne",
    "location": "Données de localisation",
    "internet": "Données de navigation collectées par les traceurs",
    "national_id": "Numéro d'identification national, dans les cas prévus par la loi",
    "other": "Autres informations transmises par la personne",
}

INTERNAL_RECIPIENTS = ("Service client", "Ressources humaines", "Direction financière", "Service juridique",
                       "Direction commerciale", "Équipe informatique", "Direction générale",
                       "Contrôle de gestion", "Service communication")
THIRD_PARTIES = (("Commissaire aux comptes", "FR"), ("Transporteur partenaire", "FR"),
                 ("Organisme de prévoyance", "FR"), ("Partenaire commercial", "DE"),
                 ("Cabinet d'avocats", "FR"), ("Assureur", "BE"), ("Banque", "FR"))
FOREIGN_PARTNERS = (("Filiale de distribution", "US"), ("Centre de services partagés", "IN"),
                    ("Partenaire logistique", "CH"), ("Cabinet de conseil", "GB"), ("Distributeur", "CA"))
AUTHORITIES = (("Administration fiscale", "FR"), ("URSSAF", "FR"), ("Inspection du travail", "FR"),
               ("Autorités judiciaires, sur réquisition", "FR"))

SERVICES = ("Hébergement", "Envoi de courriels", "Logiciel de paie", "Centre d'appels", "Sauvegarde",
            "Logiciel de gestion de la relation client", "Paiement en ligne", "Archivage", "Messagerie",
            "Signature électronique", "Outil de recrutement", "Maintenance informatique",
            "Plateforme de gestion du consentement", "Routage postal", "Impression des documents")
COMPANY_WORDS = ("Nova", "Atlas", "Orion", "Cumulus", "Vega", "Helios", "Boreal", "Lyra", "Sirius", "Altair",
                 "Kappa", "Delta", "Zephyr", "Opale", "Azur", "Quartz", "Nimbus", "Prisme", "Onyx", "Iris")
COMPANY_SUFFIXES = ("Cloud", "Data", "Services", "Systems", "Solutions", "Mail", "Pay", "Logic", "Soft", "Net")
EEA_COUNTRIES = ("FR", "FR", "FR", "DE", "IE", "NL", "BE", "ES", "IT", "LU", "SE", "PL")
NON_EEA = (("US", "scc"), ("US", "adequacy"), ("GB", "adequacy"), ("CH", "adequacy"), ("IN", "scc"),
           ("CA", "adequacy"), ("MA", "scc"), ("SG", "scc"), ("JP", "adequacy"), ("TN", "scc"))
CERTIFICATIONS = ("ISO27001", "HDS", "SOC 2 Type II", "SecNumCloud", "ISO27701")

MEASURES: tuple[tuple[str, str, str, str], ...] = (
    # id, category, name, description
    ("tls", "encryption", "Chiffrement en transit", "Tous les échanges sont chiffrés (TLS 1.2 ou plus)."),
    ("encryption-at-rest", "encryption", "Chiffrement au repos",
     "Bases de données et sauvegardes chiffrées au repos (AES-256)."),
    ("password-hashing", "encryption", "Hachage des mots de passe",
     "Mots de passe hachés avec un algorithme à l'état de l'art ; jamais conservés en clair."),
    ("sso-mfa", "access_control", "Authentification forte",
     "Authentification unique avec double facteur pour tout le personnel."),
    ("role-based-access", "access_control", "Droits par rôle",
     "Droits attribués par rôle selon le besoin d'en connaître, revus chaque trimestre."),
    ("access-review", "access_control", "Revue des habilitations",
     "Revue semestrielle des comptes et des habilitations ; retrait au départ."),
    ("access-logging", "traceability", "Journalisation des accès",
     "Journalisation des accès aux données, conservée douze mois et revue chaque mois."),
    ("admin-logging", "traceability", "Journalisation des administrateurs",
     "Actions des administrateurs journalisées dans un puits de journaux séparé."),
    ("antivirus", "software_protection", "Protection contre les logiciels malveillants",
     "Antivirus et détection des menaces sur les postes et les serveurs."),
    ("patch-management", "software_protection", "Gestion des correctifs",
     "Correctifs de sécurité appliqués sous 7 jours, 48 heures pour les failles critiques."),
    ("pentest", "software_protection", "Tests d'intrusion", "Test d'intrusion annuel par un tiers."),
    ("backups", "backup", "Sauvegardes", "Sauvegardes quotidiennes chiffrées, restauration testée."),
    ("offsite-backups", "backup", "Sauvegardes externalisées",
     "Copie hebdomadaire hors ligne chez un second prestataire dans l'Union européenne."),
    ("processor-review", "processor_control", "Revue des sous-traitants",
     "Revue annuelle de chaque sous-traitant : contrat art. 28, certifications, audits."),
    ("processor-clauses", "processor_control", "Clauses de sécurité",
     "Clauses de sécurité et de confidentialité dans chaque contrat de sous-traitance."),
    ("badge-access", "physical", "Contrôle d'accès aux locaux", "Accès aux locaux par badge nominatif."),
    ("server-room", "physical", "Salle serveur protégée", "Salle serveur fermée, climatisée et surveillée."),
    ("security-policy", "organisational", "Politique de sécurité",
     "Politique de sécurité et charte informatique signée par chaque utilisateur."),
    ("awareness", "organisational", "Sensibilisation", "Sensibilisation annuelle du personnel à la sécurité."),
    ("breach-procedure", "organisational", "Procédure de violation",
     "Procédure de gestion des violations de données, testée chaque année."),
    ("pseudonymisation", "other", "Pseudonymisation",
     "Pseudonymisation des données utilisées pour les statistiques et les tests."),
    ("data-minimisation", "other", "Minimisation", "Revue annuelle des champs collectés et purge automatique."),
)
ALL_MEASURES = ("tls", "security-policy", "breach-procedure")  # applies_to: all

SPECIAL: dict[str, tuple[tuple[str, str, str], ...]] = {
    # kind: (category, Art. 9(2) condition, items)
    "health_care": (("health", "health_care", "dossier médical, comptes rendus de consultation"),
                    ("health", "employment", "aptitude au poste, restrictions médicales")),
    "staff_management": (("health", "employment", "arrêts de travail, reconnaissance du handicap"),
                         ("trade_union", "employment", "mandats de représentant du personnel")),
    "payroll": (("trade_union", "employment", "heures de délégation syndicale"),
                ("health", "employment", "indemnités journalières, temps partiel thérapeutique")),
    "security_logs": (("biometric", "explicit_consent", "gabarit d'empreinte digitale"),),
    "research": (("health", "explicit_consent", "état de santé déclaré"),
                 ("religious_beliefs", "explicit_consent", "pratiques alimentaires liées aux convictions")),
}

FILLER = (
    "Le traitement est mis en œuvre dans le respect de la politique de protection des données du groupe.",
    "Les personnes sont informées par une mention d'information au moment de la collecte.",
    "Les droits s'exercent auprès du référent données personnelles de la direction concernée.",
    "Les accès sont limités aux personnes habilitées, selon leur besoin d'en connaître.",
    "Le traitement a été revu lors de la dernière campagne annuelle de mise à jour du registre.",
    "Les données sont saisies dans l'outil métier de la direction puis archivées selon le plan de classement.",
    "Aucune décision automatisée n'est prise sur le seul fondement de ce traitement.",
    "Les données ne sont pas réutilisées pour une autre finalité sans information préalable.",
)
