"""Words documents show, in French and English: section titles and the labels of every
value of the format's vocabularies. French labels follow the CNIL's register model."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache

from ropa.model import enums as E

Pair = tuple[str, str]  # (fr, en)

VALUE_LABELS: dict[type[StrEnum], dict[str, Pair]] = {
    E.LegalBasis: {
        "consent": ("Consentement", "Consent"),
        "contract": ("Exécution d'un contrat", "Performance of a contract"),
        "legal_obligation": ("Obligation légale", "Legal obligation"),
        "vital_interests": ("Sauvegarde des intérêts vitaux", "Vital interests"),
        "public_task": ("Mission d'intérêt public", "Public task"),
        "legitimate_interests": ("Intérêt légitime", "Legitimate interests"),
    },
    E.Art9Condition: {
        "explicit_consent": ("Consentement explicite", "Explicit consent"),
        "employment": ("Droit du travail et de la protection sociale", "Employment and social protection law"),
        "vital_interests": ("Sauvegarde des intérêts vitaux", "Vital interests"),
        "non_profit": ("Organisme à but non lucratif", "Not-for-profit body"),
        "made_public": ("Données manifestement rendues publiques", "Manifestly made public"),
        "legal_claims": ("Droits en justice", "Legal claims"),
        "substantial_public_interest": ("Intérêt public important", "Substantial public interest"),
        "health_care": ("Médecine, soins et prise en charge sanitaire ou sociale", "Health or social care"),
        "public_health": ("Intérêt public dans le domaine de la santé publique", "Public health"),
        "archiving_research": ("Archives, recherche scientifique ou historique, statistiques",
                               "Archiving, research or statistics"),
    },
    E.DataCategory: {
        "identification": ("État civil, identité, données d'identification, images…",
                           "Identity and identification data, images…"),
        "personal_life": ("Vie personnelle (habitudes de vie, situation familiale, etc.)",
                          "Personal life (habits, family situation, etc.)"),
        "professional_life": ("Vie professionnelle (CV, scolarité, formation, distinctions, etc.)",
                              "Professional life (CV, education, training, etc.)"),
        "financial": (("Informations d'ordre économique et financier (revenus, situation financière, "
                      "situation fiscale, etc.)"), ("Economic and financial information (income, "
                      "financial and tax situation, etc.)")),
        "connection": ("Données de connexion (adresse IP, logs, etc.)", "Connection data (IP address, logs, etc.)"),
        "location": ("Données de localisation (déplacements, données GPS, GSM, etc.)",
                     "Location data (movements, GPS, GSM, etc.)"),
        "internet": ("Données d'usage d'internet (navigation, cookies, etc.)",
                     "Internet usage data (browsing, cookies, etc.)"),
        "national_id": ("Numéro de Sécurité Sociale (ou NIR)", "National identification number"),
        "other": ("Autres données", "Other data"),
    },
    E.SpecialCategory: {
        "racial_ethnic_origin": ("Données révélant l'origine raciale ou ethnique",
                                 "Data revealing racial or ethnic origin"),
        "political_opinions": ("Données révélant les opinions politiques", "Data revealing political opinions"),
        "religious_beliefs": ("Données révélant les convictions religieuses ou philosophiques",
                              "Data revealing religious or philosophical beliefs"),
        "trade_union": ("Données révélant l'appartenance syndicale", "Data revealing trade union membership"),
        "genetic": ("Données génétiques", "Genetic data"),
        "biometric": ("Données biométriques aux fins d'identifier une personne physique de manière unique",
                      "Biometric data for the purpose of uniquely identifying a natural person"),
        "health": ("Données concernant la santé", "Data concerning health"),
        "sex_life": ("Données concernant la vie sexuelle ou l'orientation sexuelle",
                     "Data concerning sex life or sexual orientation"),
        "criminal_offences": ("Données relatives à des condamnations pénales ou infractions",
                              "Data relating to criminal convictions and offences"),
    },
    E.SubjectCategory: {
        "employees": ("Salariés", "Employees"),
        "candidates": ("Candidats", "Job applicants"),
        "customers": ("Clients", "Customers"),
        "prospects": ("Prospects", "Prospects"),
        "users": ("Usagers", "Users"),
        "website_visitors": ("Visiteurs du site", "Website visitors"),
        "suppliers": ("Fournisseurs", "Suppliers"),
        "contractors": ("Prestataires", "Contractors"),
        "patients": ("Patients", "Patients"),
        "students": ("Élèves, étudiants", "Students"),
        "members": ("Adhérents", "Members"),
        "public": ("Public", "General public"),
        "other": ("Autres", "Other"),
    },
    E.RecipientType: {
        "internal": ("Service interne", "Internal department"),
        "processor": ("Sous-traitant", "Processor"),
        "third_party": ("Tiers", "Third party"),
        "authority": ("Autorité", "Public authority"),
        "joint_controller": ("Responsable conjoint", "Joint controller"),
    },
    E.Mechanism: {
        "adequacy": ("Décision d'adéquation (art. 45)", "Adequacy decision (Art. 45)"),
        "scc": ("Clauses contractuelles types (art. 46)", "Standard contractual clauses (Art. 46)"),
        "bcr": ("Règles d'entreprise contraignantes (art. 47)", "Binding corporate rules (Art. 47)"),
        "code_of_conduct": ("Code de conduite (art. 46)", "Code of conduct (Art. 46)"),
        "certification": ("Certification (art. 46)", "Certification (Art. 46)"),
        "ad_hoc_clauses": ("Clauses contractuelles ad hoc (art. 46(3))", "Ad hoc contractual clauses (Art. 46(3))"),
        "derogation": ("Dérogation (art. 49)", "Derogation (Art. 49)"),
        "privacy_shield": ("Privacy Shield (invalidé)", "Privacy Shield (invalidated)"),
        "safe_harbour": ("Safe Harbour (invalidé)", "Safe Harbour (invalidated)"),
    },
    E.Derogation: {
        "explicit_consent": ("Consentement explicite (art. 49(1)(a))", "Explicit consent (Art. 49(1)(a))"),
        "contract_performance": ("Exécution d'un contrat (art. 49(1)(b))", "Performance of a contract (Art. 49(1)(b))"),
        "pre_contract": ("Mesures précontractuelles (art. 49(1)(b))", "Pre-contractual measures (Art. 49(1)(b))"),
        "public_interest": ("Motifs importants d'intérêt public (art. 49(1)(d))",
                            "Important reasons of public interest (Art. 49(1)(d))"),
        "third_party_contract": ("Contrat dans l'intérêt de la personne (art. 49(1)(c))",
                                 "Contract in the data subject's interest (Art. 49(1)(c))"),
        "legal_claims": ("Droits en justice (art. 49(1)(e))", "Legal claims (Art. 49(1)(e))"),
        "vital_interests": ("Intérêts vitaux (art. 49(1)(f))", "Vital interests (Art. 49(1)(f))"),
        "public_register": ("Registre public (art. 49(1)(g))", "Public register (Art. 49(1)(g))"),
        "compelling_legitimate_interests": ("Intérêts légitimes impérieux (art. 49(1) al. 2)",
                                            "Compelling legitimate interests (Art. 49(1) 2nd subpara.)"),
    },
    E.MeasureCategory: {
        "access_control": ("Contrôle d'accès des utilisateurs", "User access control"),
        "traceability": ("Mesures de traçabilité", "Traceability"),
        "software_protection": ("Mesures de protection des logiciels", "Software protection"),
        "backup": ("Sauvegarde des données", "Data backup"),
        "encryption": ("Chiffrement des données", "Encryption"),
        "processor_control": ("Contrôle des sous-traitants", "Processor control"),
        "physical": ("Sécurité physique", "Physical security"),
        "organisational": ("Mesures organisationnelles", "Organisational measures"),
        "other": ("Autres mesures", "Other measures"),
    },
    E.DpiaStatus: {
        "not_required": ("Non requise", "Not required"),
        "required": ("Requise, non commencée", "Required, not started"),
        "in_progress": ("En cours", "In progress"),
        "done": ("Réalisée", "Done"),
    },
    E.DpiaCriterion: {
        "evaluation_scoring": ("Évaluation ou notation", "Evaluation or scoring"),
        "automated_decision": ("Décision automatisée avec effet juridique", "Automated decision with legal effect"),
        "systematic_monitoring": ("Surveillance systématique", "Systematic monitoring"),
        "sensitive_data": ("Données sensibles ou à caractère hautement personnel", "Sensitive or highly personal data"),
        "large_scale": ("Traitement à grande échelle", "Large-scale processing"),
        "matching_datasets": ("Croisement d'ensembles de données", "Matching or combining datasets"),
        "vulnerable_subjects": ("Personnes vulnérables", "Vulnerable data subjects"),
        "innovative_technology": ("Usage innovant ou nouvelle technologie", "Innovative use or new technology"),
        "prevents_rights": ("Exclusion du bénéfice d'un droit ou d'un contrat",
                            "Prevents exercising a right or using a service"),
    },
    E.RiskLevel: {"low": ("Faible", "Low"), "medium": ("Moyen", "Medium"), "high": ("Élevé", "High")},
    E.Status: {"planned": ("Prévu", "Planned"), "active": ("En cours", "Active"), "retired": ("Arrêté", "Retired")},
    E.Role: {"controller": ("Responsable du traitement", "Controller"),
             "joint_controller": ("Responsable conjoint", "Joint controller")},
    E.ActivityKind: {
        "customer_management": ("Gestion des clients", "Customer management"),
        "prospecting": ("Prospection", "Prospecting"),
        "accounting": ("Comptabilité", "Accounting"),
        "payroll": ("Paie", "Payroll"),
        "staff_management": ("Gestion du personnel", "Staff management"),
        "recruitment": ("Recrutement", "Recruitment"),
        "security_logs": ("Journalisation de sécurité", "Security logging"),
        "video_surveillance": ("Vidéosurveillance", "Video surveillance"),
        "audience_measurement": ("Mesure d'audience", "Audience measurement"),
        "health_care": ("Prise en charge médicale", "Health care"),
        "research": ("Recherche", "Research"),
        "other": ("Autre", "Other"),
    },
    E.DataSource: {
        "data_subject": ("Collectées auprès de la personne", "Collected from the data subject"),
        "third_party": ("Reçues d'un tiers", "Received from a third party"),
        "public": ("Sources publiques", "Public sources"),
        "generated": ("Produites par le traitement", "Generated by the processing"),
    },
    E.RetentionEnd: {
        "deletion": ("suppression", "deletion"),
        "anonymisation": ("anonymisation", "anonymisation"),
        "archive": ("archivage", "archiving"),
    },
    E.Exporter: {"controller": ("Responsable du traitement", "Controller"),
                 "processor": ("Sous-traitant", "Processor")},
    E.Art22Exception: {
        "contract": ("Nécessaire à un contrat (art. 22(2)(a))", "Necessary for a contract (Art. 22(2)(a))"),
        "law": ("Autorisée par la loi (art. 22(2)(b))", "Authorised by law (Art. 22(2)(b))"),
        "explicit_consent": ("Consentement explicite (art. 22(2)(c))", "Explicit consent (Art. 22(2)(c))"),
    },
}

TEXT: dict[str, Pair] = {
    "register_title": ("Registre des activités de traitement", "Record of processing activities"),
    "list_sheet": ("Liste des traitements", "List of processing activities"),
    "controller": ("Responsable du traitement", "Controller"),
    "representative": ("Représentant", "Representative"),
    "dpo": ("Délégué à la protection des données", "Data protection officer"),
    "no_dpo": ("Aucun DPO désigné", "No DPO designated"),
    "no_representative": ("Aucun représentant (établi dans l'UE)", "No representative (established in the EU)"),
    "joint_controllers": ("Responsable(s) conjoint(s)", "Joint controller(s)"),
    "activity_name": ("Nom du traitement", "Name of the processing"),
    "ref": ("N° / RÉF", "No. / REF"),
    "created": ("Date de création du traitement", "Date the processing was created"),
    "updated": ("Mise à jour du traitement", "Last update of the processing"),
    "reviewed": ("Dernière revue", "Last review"),
    "purposes": ("Finalité(s) du traitement effectué", "Purpose(s) of the processing"),
    "main_purpose": ("Finalité principale", "Main purpose"),
    "sub_purpose": ("Sous-finalité", "Sub-purpose"),
    "sensitive": ("Données sensibles", "Sensitive data"),
    "yes": ("Oui", "Yes"),
    "no": ("Non", "No"),
    "unknown": ("Non renseigné", "Not stated"),
    "personal_data": ("Catégories de données personnelles concernées", "Categories of personal data"),
    "description": ("Description", "Description"),
    "retention": ("Durée de conservation", "Retention period"),
    "subjects": ("Catégories de personnes concernées", "Categories of data subjects"),
    "details": ("Précisions", "Details"),
    "recipients": ("Destinataires", "Recipients"),
    "recipient_type": ("Type de destinataire", "Type of recipient"),
    "measures": ("Mesures de sécurité", "Security measures"),
    "measure_type": ("Type de mesure de sécurité", "Type of security measure"),
    "transfers": ("Transferts hors UE", "Transfers outside the EU"),
    "recipient": ("Destinataire", "Recipient"),
    "country": ("Pays", "Country"),
    "safeguards": ("Type de garanties", "Safeguards"),
    "documentation": ("Liens vers la documentation", "Links to documentation"),
    "legal_bases": ("Bases légales", "Legal bases"),
    "processors": ("Sous-traitants", "Processors"),
    "dpia": ("AIPD", "DPIA"),
    "compliance": ("Conformité", "Compliance"),
    "indefinite": ("Durée indéterminée", "Indefinite"),
    "from": ("à compter de", "from"),
    "then": ("puis", "then"),
    "minors": ("mineurs possibles", "minors possible"),
    "from_age": ("à partir de {age} ans", "from age {age}"),
    "parental_consent": ("consentement parental", "parental consent"),
    "mandatory": ("Obligatoire", "Mandatory"),
    "optional": ("Facultatif", "Optional"),
    "automated_decision": ("Décision individuelle automatisée", "Automated individual decision"),
    "none": ("Aucune", "None"),
    "on_behalf": ("Registre du sous-traitant (art. 30(2))", "Register as a processor (Art. 30(2))"),
    "findings": ("Constats", "Findings"),
}


def label(value: StrEnum | None, language: str) -> str:
    """The label of an enum value in ``language`` ('fr' or 'en'); '' for None."""
    if value is None:
        return ""
    return _label(value, language)


@lru_cache(maxsize=None, typed=True)  # typed: members of two enums with one value are equal strings
def _label(value: StrEnum, language: str) -> str:
    pair = VALUE_LABELS.get(type(value), {}).get(value.value)
    if pair is None:
        return value.value
    return pair[0] if language == "fr" else pair[1]


def text(key: str, language: str, **values: object) -> str:
    pair = TEXT[key]
    words = pair[0] if language == "fr" else pair[1]
    return words.format(**values) if values else words
