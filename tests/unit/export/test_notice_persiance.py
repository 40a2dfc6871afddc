"""PERSIANCE's privacy notice from its register alone, compared row by row with the
tables of its published policy (sections 4, 5, 6 and 10), and what the policy left out.

The policy rows are transcribed below; where the policy itself is at hand (the shared
reference folder beside the repository), a test checks the transcription against it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa.export.notice import Notice, build_notice
from tests.gold.support import ROOT, prepared

UNKNOWN = "Non renseigné dans le registre"

# Section 4: (purpose, legal basis, mandatory / consequence) as the policy prints them.
POLICY_PURPOSES = [
    ("Création et gestion de votre compte", "Contrat (nous exécutons le contrat de service que vous avez accepté)",
     "Obligatoire — sans ces données, pas de compte possible"),
    ("Vente et exécution d'une commande", "Contrat et Obligation légale (pour la facturation)",
     "Obligatoire pour tout achat"),
    ("Support client et assistance technique", "Intérêt légitime (vous offrir un service de qualité)",
     "Sans ces données, notre aide serait très limitée"),
    ("Mesure d’audience et statistiques", "Consentement (sauf si exempté par la CNIL)",
     "Facultatif — votre refus n'a aucun impact sur le service"),
    ("Prospection commerciale et newsletters", "Consentement (B2C) / Intérêt légitime (B2B)",
     "Facultatif — vous pouvez vous désinscrire à tout moment"),
    ("Sécurité et lutte contre la fraude", "Intérêt légitime (protéger nos services et nos utilisateurs)",
     "Refus impossible — traitement strictement nécessaire"),
]

# The notice's rows for each policy row: (purpose, legal basis, mandatory / consequence).
NOTICE_PURPOSES = [
    [("Création et gestion de votre compte", "Exécution d'un contrat",
      "Obligatoire — sans ces données, pas de compte possible")],
    [("Vente et exécution d'une commande", "Exécution d'un contrat", "Obligatoire pour tout achat"),
     ("Facturation", "Obligation légale (Code de commerce, art. L123-22)", "Obligatoire pour tout achat")],
    [("Support client et assistance technique", "Intérêt légitime (Vous offrir un service de qualité)",
      f"{UNKNOWN} — Sans ces données, notre aide serait très limitée")],
    [("Mesure d'audience et statistiques", "Consentement",
      "Facultatif — votre refus n'a aucun impact sur le service")],
    [("Prospection commerciale et newsletters auprès des particuliers (B2C)", "Consentement",
      "Facultatif — vous pouvez vous désinscrire à tout moment"),
     ("Prospection commerciale et newsletters auprès des professionnels (B2B)", "Intérêt légitime (intérêt poursuivi non renseigné dans le registre)",
      "Facultatif — vous pouvez vous désinscrire à tout moment")],
    [("Sécurité et lutte contre la fraude", "Intérêt légitime (Protéger nos services et nos utilisateurs)",
      "Obligatoire — Refus impossible — traitement strictement nécessaire")],
]

BASES = {"contrat": "exécution d'un contrat", "obligation légale": "obligation légale",
         "intérêt légitime": "intérêt légitime", "consentement": "consentement"}

# Section 6: (data, retention) as the policy prints them, and the notice's rows for each.
POLICY_RETENTION = [
    ("Données de votre compte utilisateur", "Jusqu’à suppression du compte ou après 24 mois d'inactivité"),
    ("Données de commande et de facturation", "10 ans après la clôture de l'exercice comptable"),
    ("Logs de sécurité", "6 à 12 mois"),
    ("Données marketing (newsletters)",
     "3 ans après le dernier contact de votre part (ou jusqu'au retrait du consentement)"),
]
NOTICE_RETENTION = [
    [("Création et gestion des comptes",
      ("24 mois à compter de dernière activité sur le compte (jusqu'à la suppression du compte ou après 24 mois "
       "d'inactivité)"))],
    [("Vente et exécution des commandes",
      "10 ans à compter de clôture de l'exercice comptable — Code de commerce, art. L123-22")] * 2,
    [("Sécurité et lutte contre la fraude",
      "12 mois (6 à 12 mois) — Permet de détecter et d'analyser les incidents de sécurité")],
    [("Prospection commerciale et newsletters",
      ("3 ans à compter de dernier contact de votre part (3 ans après le dernier contact de votre part, ou jusqu'au "
       "retrait du consentement) — Recommandations de la CNIL"))] * 2,
]


def plain(text: str) -> str:
    return text.replace("’", "'").casefold()


@pytest.fixture(scope="module")
def notice() -> Notice:
    view, _ = prepared("persiance")
    return build_notice(view)


def test_section_4_purposes_row_by_row(notice: Notice) -> None:
    rows = [(purpose, basis, mandatory) for purpose, _, basis, mandatory in notice.table("purposes").rows]
    assert len(rows) == sum(len(expected) for expected in NOTICE_PURPOSES)
    for policy, expected in zip(POLICY_PURPOSES, NOTICE_PURPOSES, strict=True):
        purpose, basis, mandatory = policy
        assert all(row in rows for row in expected), purpose
        assert plain(expected[0][0]).startswith(plain(purpose)[:30]), purpose
        named = {word for word in BASES if word in plain(basis)}
        assert named == {word for word in BASES if any(BASES[word] in plain(row[1]) for row in expected)}, purpose
        policy_says = ("obligatoire" if "obligatoire" in plain(mandatory) or "refus impossible" in plain(mandatory)
                       else "facultatif" if "facultatif" in plain(mandatory) else plain(UNKNOWN))
        assert all(plain(row[2]).startswith(policy_says) for row in expected), purpose


def test_section_4_the_notice_names_the_data_used(notice: Notice) -> None:
    data = {purpose: used for purpose, used, _, _ in notice.table("purposes").rows}
    # the policy's column reads "Logs de connexion, adresses IP" and "Coordonnées, adresse, transaction"
    assert data["Sécurité et lutte contre la fraude"] == "logs de connexion, adresses IP, type de navigateur"
    assert data["Facturation"] == "nom, prénom, adresse e-mail; adresse postale, pays, identifiants de transaction"


def test_section_5_planned_services_are_named_not_hidden(notice: Notice) -> None:
    assert notice.table("purposes").note == ("Traitements prévus, pas encore mis en œuvre : Mesure d'audience et "
                                             "statistiques, Prospection commerciale et newsletters.")


def test_section_5_recipients_row_by_row_and_auth0_which_the_policy_left_out(notice: Notice) -> None:
    rows = {row[0]: row[1:] for row in notice.table("recipients").rows}
    # "Hébergement : Google Cloud Run, dont les serveurs sont situés en Belgique"
    assert rows["Google Cloud"][:4] == ["Sous-traitant", "Hébergement (Google Cloud Run)", UNKNOWN, "Belgique"]
    # "Paiement : Stripe, pour le traitement sécurisé des transactions"
    assert rows["Stripe Payments Europe, Ltd."][:4] == [
        "Sous-traitant", "Paiement en ligne (traitement sécurisé des transactions)", "Irlande", "États-Unis"]
    # Named in section 3 of the policy, missing from its list of processors in section 5.
    assert rows["Auth0"] == ["Sous-traitant", ("Fournisseur d'identité (connexion via un service tiers, par ex. "
                                               "Google)"), UNKNOWN, UNKNOWN, "Création et gestion des comptes"]
    processors = [name for name, rest in rows.items() if rest[0] == "Sous-traitant"]
    policy_processors = ["Google Cloud", "Stripe"]
    assert [p for p in processors if not any(p.startswith(q) for q in policy_processors)] == ["Auth0"]
    assert rows["Personnel habilité"][0] == "Service interne"


def test_section_6_retention_row_by_row_and_what_the_policy_left_out(notice: Notice) -> None:
    rows = [(activity, retention) for activity, _, retention in notice.table("retention").rows]
    for (data, period), expected in zip(POLICY_RETENTION, NOTICE_RETENTION, strict=True):
        assert all(rows.count(row) == expected.count(row) for row in expected), data
        number = period.split()[0] if period[0].isdigit() else "24"
        assert all(number in retention for _, retention in expected), data
    left_out = [(activity, data) for activity, data, retention in notice.table("retention").rows
                if retention == UNKNOWN]
    assert [activity for activity, _ in left_out] == [
        "Création et gestion des comptes", "Création et gestion des comptes", "Mesure d'audience et statistiques",
        "Support client et assistance technique", "Support client et assistance technique"]
    assert left_out[0][1].startswith("Données de profil reçues du fournisseur d'identité (Auth0)")
    assert len(rows) == sum(len(expected) for expected in NOTICE_RETENTION) + len(left_out)


def test_section_10_transfers(notice: Notice) -> None:
    # "Stripe aux États-Unis ... les Clauses Contractuelles Types de la Commission européenne"
    assert notice.table("transfers").rows == [
        ["Stripe, Inc.", "États-Unis", "Clauses contractuelles types (art. 46)", "—",
         "Vente et exécution des commandes"]]


def test_rights_contact_and_authority(notice: Notice) -> None:
    assert notice.table("rights").rows == [
        ["Responsable du traitement", "PERSIANCE"],
        ["Pour exercer vos droits", "contact@persiance.com"],
        ["Délégué à la protection des données", "Aucun DPO désigné"],
        ["Réclamation auprès de l'autorité de contrôle",
         "Commission nationale de l'informatique et des libertés (CNIL)"],
    ]


def _policy_text() -> str | None:
    for base in (ROOT.parent / "shared", Path("/work/shared")):
        path = base / "reference" / "seed-privacy-policy.txt"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return None


def test_the_transcription_is_the_policys_text() -> None:
    policy = _policy_text()
    if policy is None:
        pytest.skip("the published policy (shared/reference/seed-privacy-policy.txt) is not beside the repository")
    for purpose, basis, mandatory in POLICY_PURPOSES:
        assert f"{purpose} " in policy and f" {basis} {mandatory}" in policy, purpose
    for data, period in POLICY_RETENTION:
        assert f"{data} {period}" in policy, data
    assert "Hébergement : Google Cloud Run, dont les serveurs sont situés en Belgique" in policy
    assert "Paiement : Stripe, pour le traitement sécurisé des transactions" in policy
    assert "Auth0" in policy.split("5. Partage")[0] and "Auth0" not in policy.split("5. Partage")[1].split("6.")[0]
    assert "Stripe aux États-Unis" in policy and "Clauses Contractuelles Types" in policy
