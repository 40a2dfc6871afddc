"""Words of the Excel workbook that the other documents do not use: the CNIL model's
sheet-2 and sheet-3 labels (in French, as the model writes them) and the column headings
of the annex sheets. Shared words (section titles, values) come from ropa.export.labels."""

from __future__ import annotations

from ropa.export.labels import TEXT

Pair = tuple[str, str]  # (fr, en)

WORDS: dict[str, Pair] = {
    # sheet names (at most 31 characters)
    "sheet_list": ("Liste des traitements", "Processing activities"),
    "sheet_bases": ("Bases légales", "Legal bases"),
    "sheet_processors": ("Sous-traitants", "Processors"),
    "sheet_transfers": ("Transferts", "Transfers"),
    "sheet_measures": ("Mesures de sécurité", "Security measures"),
    "sheet_dpia": ("AIPD", "DPIA"),
    "sheet_compliance": ("Conformité", "Compliance"),
    "sheet_on_behalf": ("Registre sous-traitant", "Processor register"),
    # sheet 2 (list of processing activities)
    "controller_block": (("Coordonnées du responsable de l'organisme\n(responsable de traitement ou son "
                         "représentant si le responsable est situé en dehors de l'UE)"),
                         ("Contact details of the organisation's controller\n(the controller, or its "
                         "representative when the controller is outside the EU)")),
    "representative_block": (("Coordonnées du représentant\n(responsable de traitement ou son représentant "
                             "si le responsable est situé en dehors de l'UE)"),
                             ("Contact details of the representative\n(when the controller is outside "
                             "the EU)")),
    "dpo_block": ("Coordonnées du délégué à la protection des données (DPO)",
                  "Contact details of the data protection officer (DPO)"),
    "name_colon": ("Nom :", "Name:"),
    "first_name_colon": ("Prénom :", "First name:"),
    "address_colon": ("Adresse :", "Address:"),
    "email_colon": ("Adresse mél :", "Email:"),
    "postcode_colon": ("Code postal :", "Postcode:"),
    "city_colon": ("Ville :", "City:"),
    "phone_colon": ("Téléphone :", "Phone:"),
    "dpo_company_colon": ("Société (si DPO externe) :", "Company (external DPO):"),
    "identification": ("Identification du traitement", "Identification of the processing"),
    "purpose_column": ("Finalité du traitement", "Purpose of the processing"),
    "sensitive_question": ("Données sensibles ?", "Sensitive data?"),
    "sheet_created": ("Date de création de la fiche", "Date the record was created"),
    "sheet_updated": ("Dernière mise à jour de la fiche", "Last update of the record"),
    "purposes_short": ("Finalité(s)", "Purpose(s)"),
    "yes_no": ("Oui/non", "Yes/no"),
    "as_of": ("À jour au", "As of"),
    # sheet 3 (fiche)
    "fiche_title": ("Fiche de registre", "Record of processing"),
    "description_section": ("Description du traitement", "Description of the processing"),
    "owner": ("Service responsable", "Department in charge"),
    "status": ("Statut", "Status"),
    "kind": ("Type de traitement", "Kind of processing"),
    "actors": ("Acteurs", "Actors"),
    "name": ("Nom", "Name"),
    "address": ("Adresse", "Address"),
    "postcode": ("Code Postal", "Postcode"),
    "city": ("Ville", "City"),
    "phone": ("Téléphone", "Phone"),
    "email": ("Adresse mél", "Email"),
    "dpo_company": ("Société du DPO (si celui-ci est externe)", "DPO's company (external DPO)"),
    "subject_n": ("Catégorie de personnes {n}", "Category of data subjects {n}"),
    "recipient_n": ("Destinataire {n}", "Recipient {n}"),
    "measure_n": ("Mesure de sécurité {n}", "Security measure {n}"),
    "transfer_n": ("Organisme destinataire {n}", "Receiving organisation {n}"),
    # annex sheets
    "activity": ("Traitement", "Processing activity"),
    "purpose_or_data": ("Finalité ou donnée sensible", "Purpose or sensitive data"),
    "basis": ("Base légale (art. 6)", "Legal basis (Art. 6)"),
    "condition": ("Condition (art. 9) ou texte (art. 10)", "Condition (Art. 9) or law (Art. 10)"),
    "legitimate_interest": ("Intérêt légitime poursuivi", "Legitimate interest pursued"),
    "lia": ("Mise en balance (LIA)", "Balancing test (LIA)"),
    "legal_reference": ("Référence légale", "Legal reference"),
    "consent_record": ("Preuve du consentement", "Consent record"),
    "mandatory": ("Fourniture des données", "Providing the data"),
    "consequence": ("Conséquence d'un refus", "Consequence of not providing them"),
    "service": ("Service", "Service"),
    "establishment": ("Pays d'établissement", "Country of establishment"),
    "locations": ("Lieux de traitement", "Processing locations"),
    "dpa_signed": ("Contrat (art. 28) signé le", "Contract (Art. 28) signed"),
    "dpa_reference": ("Référence du contrat", "Contract reference"),
    "dpa_expires": ("Échéance du contrat", "Contract expires"),
    "certifications": ("Certifications", "Certifications"),
    "sub_processors": ("Sous-traitants ultérieurs", "Sub-processors"),
    "used_by": ("Utilisé par", "Used by"),
    "contact": ("Contact", "Contact"),
    "via": ("Traitement ou sous-traitant", "Activity or processor"),
    "importer": ("Destinataire (importateur)", "Recipient (importer)"),
    "country_code": ("Code pays", "Country code"),
    "mechanism": ("Mécanisme", "Mechanism"),
    "tia": ("Analyse d'impact du transfert (TIA)", "Transfer impact assessment (TIA)"),
    "identifier": ("Identifiant", "Identifier"),
    "category": ("Catégorie", "Category"),
    "scope": ("Traitements couverts", "Activities covered"),
    "dpia_status": ("Statut de l'AIPD", "DPIA status"),
    "dpia_criteria": ("Critères (lignes directrices du CEPD)", "Criteria (EDPB guidelines)"),
    "reference": ("Référence", "Reference"),
    "date": ("Date", "Date"),
    "residual_risk": ("Risque résiduel", "Residual risk"),
    "prior_consultation": ("Consultation préalable (art. 36)", "Prior consultation (Art. 36)"),
    "severity": ("Gravité", "Severity"),
    "rule": ("Règle", "Rule"),
    "message": ("Constat", "Finding"),
    "fix": ("Correction", "Fix"),
    "where": ("Emplacement", "Location"),
    "subject": ("Objet", "Subject"),
    "suppressed": ("Accepté (motif)", "Accepted (reason)"),
    "compliance_summary": (("Conformité au {date} : {errors} erreur(s), {warnings} avertissement(s), "
                           "{infos} information(s)"),
                           ("Compliance as of {date}: {errors} error(s), {warnings} warning(s), "
                           "{infos} info(s)")),
    "client": ("Responsable du traitement (client)", "Controller (client)"),
    "client_contact": ("Contact du client", "Client's contact"),
    "processing_categories": ("Catégories de traitements", "Categories of processing"),
    "error": ("Erreur", "Error"),
    "warning": ("Avertissement", "Warning"),
    "info": ("Information", "Info"),
}


def word(key: str, language: str, **values: object) -> str:
    """A workbook word in ``language``; falls back on the shared document texts."""
    pair = WORDS.get(key) or TEXT[key]
    words = pair[0] if language == "fr" else pair[1]
    return words.format(**values) if values else words


def all_languages(key: str, **values: object) -> tuple[str, str]:
    """The (fr, en) forms of a word, for readers that accept both."""
    return word(key, "fr", **values), word(key, "en", **values)
