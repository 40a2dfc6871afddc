"""The closed vocabularies of the register format (register-format.md, version 1).

Each enum's values are the exact words users type in YAML. The JSON Schema shipped in
``ropa/schema`` lists the same values; a test keeps the two in step.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    CONTROLLER = "controller"
    JOINT_CONTROLLER = "joint_controller"


class ActivityKind(StrEnum):
    CUSTOMER_MANAGEMENT = "customer_management"
    PROSPECTING = "prospecting"
    ACCOUNTING = "accounting"
    PAYROLL = "payroll"
    STAFF_MANAGEMENT = "staff_management"
    RECRUITMENT = "recruitment"
    SECURITY_LOGS = "security_logs"
    VIDEO_SURVEILLANCE = "video_surveillance"
    AUDIENCE_MEASUREMENT = "audience_measurement"
    HEALTH_CARE = "health_care"
    RESEARCH = "research"
    OTHER = "other"


class Status(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    RETIRED = "retired"


class LegalBasis(StrEnum):
    """Art. 6(1) GDPR."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"


class SubjectCategory(StrEnum):
    EMPLOYEES = "employees"
    CANDIDATES = "candidates"
    CUSTOMERS = "customers"
    PROSPECTS = "prospects"
    USERS = "users"
    WEBSITE_VISITORS = "website_visitors"
    SUPPLIERS = "suppliers"
    CONTRACTORS = "contractors"
    PATIENTS = "patients"
    STUDENTS = "students"
    MEMBERS = "members"
    PUBLIC = "public"
    OTHER = "other"


class DataCategory(StrEnum):
    """The CNIL model's categories of personal data, plus three it lacks."""

    IDENTIFICATION = "identification"
    PERSONAL_LIFE = "personal_life"
    PROFESSIONAL_LIFE = "professional_life"
    FINANCIAL = "financial"
    CONNECTION = "connection"
    LOCATION = "location"
    INTERNET = "internet"
    NATIONAL_ID = "national_id"
    OTHER = "other"


class DataSource(StrEnum):
    """Where data come from (Art. 13 when from the person, Art. 14 otherwise)."""

    DATA_SUBJECT = "data_subject"
    THIRD_PARTY = "third_party"
    PUBLIC = "public"
    GENERATED = "generated"


class RetentionEnd(StrEnum):
    DELETION = "deletion"
    ANONYMISATION = "anonymisation"
    ARCHIVE = "archive"


class SpecialCategory(StrEnum):
    """Art. 9(1) categories, and Art. 10 data (criminal_offences)."""

    RACIAL_ETHNIC_ORIGIN = "racial_ethnic_origin"
    POLITICAL_OPINIONS = "political_opinions"
    RELIGIOUS_BELIEFS = "religious_beliefs"
    TRADE_UNION = "trade_union"
    GENETIC = "genetic"
    BIOMETRIC = "biometric"
    HEALTH = "health"
    SEX_LIFE = "sex_life"
    CRIMINAL_OFFENCES = "criminal_offences"


class Art9Condition(StrEnum):
    """Art. 9(2)(a)-(j) GDPR."""

    EXPLICIT_CONSENT = "explicit_consent"
    EMPLOYMENT = "employment"
    VITAL_INTERESTS = "vital_interests"
    NON_PROFIT = "non_profit"
    MADE_PUBLIC = "made_public"
    LEGAL_CLAIMS = "legal_claims"
    SUBSTANTIAL_PUBLIC_INTEREST = "substantial_public_interest"
    HEALTH_CARE = "health_care"
    PUBLIC_HEALTH = "public_health"
    ARCHIVING_RESEARCH = "archiving_research"


class RecipientType(StrEnum):
    INTERNAL = "internal"
    PROCESSOR = "processor"
    THIRD_PARTY = "third_party"
    AUTHORITY = "authority"
    JOINT_CONTROLLER = "joint_controller"


class Mechanism(StrEnum):
    """Chapter V transfer tools; the last two are recognised so that rules reject them."""

    ADEQUACY = "adequacy"
    SCC = "scc"
    BCR = "bcr"
    CODE_OF_CONDUCT = "code_of_conduct"
    CERTIFICATION = "certification"
    AD_HOC_CLAUSES = "ad_hoc_clauses"
    DEROGATION = "derogation"
    PRIVACY_SHIELD = "privacy_shield"
    SAFE_HARBOUR = "safe_harbour"


class Derogation(StrEnum):
    """Art. 49(1) GDPR."""

    EXPLICIT_CONSENT = "explicit_consent"
    CONTRACT_PERFORMANCE = "contract_performance"
    PRE_CONTRACT = "pre_contract"
    PUBLIC_INTEREST = "public_interest"
    THIRD_PARTY_CONTRACT = "third_party_contract"
    LEGAL_CLAIMS = "legal_claims"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_REGISTER = "public_register"
    COMPELLING_LEGITIMATE_INTERESTS = "compelling_legitimate_interests"


class Exporter(StrEnum):
    CONTROLLER = "controller"
    PROCESSOR = "processor"


class MeasureCategory(StrEnum):
    """The CNIL's families of security measures, plus physical and organisational."""

    ACCESS_CONTROL = "access_control"
    TRACEABILITY = "traceability"
    SOFTWARE_PROTECTION = "software_protection"
    BACKUP = "backup"
    ENCRYPTION = "encryption"
    PROCESSOR_CONTROL = "processor_control"
    PHYSICAL = "physical"
    ORGANISATIONAL = "organisational"
    OTHER = "other"


class DpiaStatus(StrEnum):
    NOT_REQUIRED = "not_required"
    REQUIRED = "required"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class DpiaCriterion(StrEnum):
    """The nine criteria of the EDPB (WP248 rev.01) DPIA guidelines."""

    EVALUATION_SCORING = "evaluation_scoring"
    AUTOMATED_DECISION = "automated_decision"
    SYSTEMATIC_MONITORING = "systematic_monitoring"
    SENSITIVE_DATA = "sensitive_data"
    LARGE_SCALE = "large_scale"
    MATCHING_DATASETS = "matching_datasets"
    VULNERABLE_SUBJECTS = "vulnerable_subjects"
    INNOVATIVE_TECHNOLOGY = "innovative_technology"
    PREVENTS_RIGHTS = "prevents_rights"


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Art22Exception(StrEnum):
    """Art. 22(2)(a)-(c) GDPR."""

    CONTRACT = "contract"
    LAW = "law"
    EXPLICIT_CONSENT = "explicit_consent"


class Language(StrEnum):
    FR = "fr"
    EN = "en"


class AppliesTo(StrEnum):
    ALL = "all"
