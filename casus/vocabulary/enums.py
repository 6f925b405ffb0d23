"""Enumerations of the domain, with their Dutch labels and the national registration form.

Values are stable English code names (GLOSSARY.md): they are stored in the vault, so renaming one
is a migration. Dutch labels live beside them in `label()`, for the interface and exports.
"""

from __future__ import annotations

from enum import StrEnum


class DutchEnum(StrEnum):
    """A StrEnum whose members know their Dutch label.

    The labels are looked up by enumeration and value: members are strings, so
    `OrgUnitKind.CLUSTER` and `UnitGeneralisation.CLUSTER` (both "cluster") are equal as dict
    keys and a table keyed by the member alone gave one of them the other's label."""

    @property
    def label(self) -> str:
        return _LABELS_BY_KIND[(type(self), self.value)]


class Channel(DutchEnum):
    """How the report came in (the case's source)."""

    EXTERNAL_REPORTING_POINT = "external_reporting_point"
    INTERNAL_REPORTING_POINT = "internal_reporting_point"
    HR = "hr"
    DIVERSITY_BUREAU = "diversity_bureau"

    @property
    def is_external(self) -> bool:
        return self is Channel.EXTERNAL_REPORTING_POINT


class Party(DutchEnum):
    """The organisations that take part in the meeting and own cases."""

    DISCRIMINATIE_NL = "discriminatie_nl"
    INTEGRITY_BUREAU = "integrity_bureau"
    DIVERSITY_BUREAU = "diversity_bureau"
    HR = "hr"


class CaseStatus(DutchEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    RELEASED = "released"
    DISCUSSED = "discussed"
    CLOSED = "closed"
    DESTROYED = "destroyed"


class NationalNature(DutchEnum):
    """The *aard* of the national registration form."""

    DISPUTED_TREATMENT = "disputed_treatment"
    HOSTILE_TREATMENT = "hostile_treatment"
    VIOLENCE = "violence"
    THREAT = "threat"
    OTHER = "other"


class BehaviourCategory(DutchEnum):
    DISCRIMINATION = "discrimination"
    RACISM = "racism"
    SUBTLE_RACISM = "subtle_racism"
    SEXUAL_HARASSMENT = "sexual_harassment"
    AGGRESSION = "aggression"
    VIOLENCE = "violence"
    THREAT = "threat"
    BULLYING = "bullying"
    EXCLUSION = "exclusion"
    OTHER = "other"

    @property
    def national_nature(self) -> NationalNature:
        return _NATIONAL_NATURE[self]


class Ground(DutchEnum):
    """Discrimination grounds, exactly those of the national registration form."""

    ORIGIN_RACE = "origin_race"
    ANTISEMITISM = "antisemitism"
    NATIONALITY = "nationality"
    DISABILITY_CHRONIC_ILLNESS = "disability_chronic_illness"
    AGE = "age"
    SEXUAL_ORIENTATION = "sexual_orientation"
    SEX = "sex"
    WORKING_HOURS = "working_hours"
    EMPLOYMENT_CONTRACT = "employment_contract"
    MARITAL_STATUS = "marital_status"
    RELIGION = "religion"
    BELIEF = "belief"
    POLITICAL_OPINION = "political_opinion"
    OTHER = "other"
    UNKNOWN = "unknown"


class Handling(DutchEnum):
    """*Wijze van behandeling* of the national form."""

    REGISTRATION = "registration"
    ADVICE_INFORMATION = "advice_information"
    MEDIATION = "mediation"
    ASSISTANCE_IN_PROCEDURES = "assistance_in_procedures"
    REFERRAL = "referral"
    OWN_INVESTIGATION = "own_investigation"
    POLICY_INFLUENCE = "policy_influence"
    OTHER = "other"


class Role(DutchEnum):
    REPORTER = "reporter"
    ACCUSED = "accused"
    BYSTANDER = "bystander"
    MANAGER = "manager"
    WITNESS = "witness"
    CONFIDENTIAL_ADVISER = "confidential_adviser"


class OrgUnitKind(DutchEnum):
    CLUSTER = "cluster"
    DIRECTORATE = "directorate"
    DISTRICT = "district"
    DEPARTMENT = "department"
    TEAM = "team"


class InterventionType(DutchEnum):
    WARNING_CONVERSATION = "warning_conversation"
    WRITTEN_WARNING = "written_warning"
    FINAL_WARNING = "final_warning"
    ADDITIONAL_AGREEMENTS = "additional_agreements"
    SUSPENSION = "suspension"
    TRANSFER = "transfer"
    NOTICE = "notice"
    DISSOLUTION_BY_COURT = "dissolution_by_court"
    SUMMARY_DISMISSAL = "summary_dismissal"
    DISCUSSED_WITH_MANAGER = "discussed_with_manager"
    LEGAL_ADVICE = "legal_advice"
    COACHING = "coaching"
    TRAINING = "training"
    PEER_SUPERVISION = "peer_supervision"
    MEDIATION = "mediation"
    OTHER = "other"


class InterventionStatus(DutchEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class RepairType(DutchEnum):
    RESTORATIVE_CONVERSATION = "restorative_conversation"
    MEDIATION = "mediation"
    APOLOGY_ACKNOWLEDGEMENT = "apology_acknowledgement"
    SUPPORT_AFTERCARE = "support_aftercare"
    PEER_CONTACT = "peer_contact"
    TEAM_SESSION = "team_session"
    DISCUSSION_LEADER = "discussion_leader"
    LETTER_ASSISTANCE = "letter_assistance"
    OTHER = "other"


class RepairStatus(DutchEnum):
    ISSUED = "issued"
    FOLLOWED = "followed"
    NOT_FOLLOWED = "not_followed"


class ActionStatus(DutchEnum):
    OPEN = "open"
    DONE = "done"
    NOT_DONE = "not_done"
    DROPPED = "dropped"


class UnitGeneralisation(DutchEnum):
    """How much of the organisation unit the meeting sees (the case owner's choice)."""

    CODE = "code"
    CLUSTER = "cluster"
    NONE = "none"


class RetentionOutcome(DutchEnum):
    """How a case ended, as far as how long it is kept depends on it (the vault's rules)."""

    NO_VIOLATION = "no_violation"
    VIOLATION = "violation"
    REPAIR_ONLY = "repair_only"


class SpanKind(DutchEnum):
    """What a pseudonymised span hides; the values are the corpus contract's kinds."""

    PERSON = "person"
    ORG = "org"
    EMAIL = "email"
    PHONE = "phone"
    DATE = "date"
    LOCATION = "location"
    ID = "id"


class ReviewDecision(DutchEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    ADDED = "added"


_NATIONAL_NATURE = {
    BehaviourCategory.DISCRIMINATION: NationalNature.DISPUTED_TREATMENT,
    BehaviourCategory.EXCLUSION: NationalNature.DISPUTED_TREATMENT,
    BehaviourCategory.RACISM: NationalNature.HOSTILE_TREATMENT,
    BehaviourCategory.SUBTLE_RACISM: NationalNature.HOSTILE_TREATMENT,
    BehaviourCategory.SEXUAL_HARASSMENT: NationalNature.HOSTILE_TREATMENT,
    BehaviourCategory.AGGRESSION: NationalNature.HOSTILE_TREATMENT,
    BehaviourCategory.BULLYING: NationalNature.HOSTILE_TREATMENT,
    BehaviourCategory.VIOLENCE: NationalNature.VIOLENCE,
    BehaviourCategory.THREAT: NationalNature.THREAT,
    BehaviourCategory.OTHER: NationalNature.OTHER,
}


class FindingKind(DutchEnum):
    """What the disclosure gate found in a text that is about to leave Casus. All refuse the
    export except CHECK, the second line's question ("controleer")."""

    NAME = "name"
    UNREGISTERED_NAME = "unregistered_name"
    EMAIL = "email"
    PHONE = "phone"
    STAFF_NUMBER = "staff_number"
    CASE_REFERENCE = "case_reference"
    UNIT = "unit"
    INCIDENT_DATE = "incident_date"
    IBAN = "iban"
    POSTCODE = "postcode"
    PLATE = "plate"
    FILE_NUMBER = "file_number"
    CHECK = "check"

    @property
    def refuses(self) -> bool:
        return self is not FindingKind.CHECK


_LABELS: list[tuple[DutchEnum, str]] = [
    (Channel.EXTERNAL_REPORTING_POINT, "Extern meldpunt (discriminatie.nl)"),
    (Channel.INTERNAL_REPORTING_POINT, "Intern meldpunt (Bureau Integriteit)"),
    (Channel.HR, "P&O"),
    (Channel.DIVERSITY_BUREAU, "Bureau Inclusie & Diversiteit"),
    (Party.DISCRIMINATIE_NL, "discriminatie.nl"),
    (Party.INTEGRITY_BUREAU, "Bureau Integriteit"),
    (Party.DIVERSITY_BUREAU, "Bureau Inclusie & Diversiteit"),
    (Party.HR, "P&O"),
    (CaseStatus.NEW, "Nieuw"),
    (CaseStatus.IN_PROGRESS, "In behandeling"),
    (CaseStatus.RELEASED, "Vrijgegeven voor overleg"),
    (CaseStatus.DISCUSSED, "Besproken"),
    (CaseStatus.CLOSED, "Afgesloten"),
    (CaseStatus.DESTROYED, "Vernietigd"),
    (RetentionOutcome.NO_VIOLATION, "Afgesloten zonder vastgestelde schending"),
    (RetentionOutcome.VIOLATION, "Afgesloten met vastgestelde schending"),
    (RetentionOutcome.REPAIR_ONLY, "Alleen heling en herstel"),
    (NationalNature.DISPUTED_TREATMENT, "Omstreden behandeling"),
    (NationalNature.HOSTILE_TREATMENT, "Vijandige bejegening"),
    (NationalNature.VIOLENCE, "Geweld"),
    (NationalNature.THREAT, "Bedreiging"),
    (NationalNature.OTHER, "Overig"),
    (BehaviourCategory.DISCRIMINATION, "Discriminatie"),
    (BehaviourCategory.RACISM, "Racisme"),
    (BehaviourCategory.SUBTLE_RACISM, "Subtiel racisme"),
    (BehaviourCategory.SEXUAL_HARASSMENT, "Seksuele intimidatie"),
    (BehaviourCategory.AGGRESSION, "Agressie"),
    (BehaviourCategory.VIOLENCE, "Geweld"),
    (BehaviourCategory.THREAT, "Bedreiging"),
    (BehaviourCategory.BULLYING, "Pesten"),
    (BehaviourCategory.EXCLUSION, "Uitsluiting"),
    (BehaviourCategory.OTHER, "Overig"),
    (Ground.ORIGIN_RACE, "Herkomst/ras"),
    (Ground.ANTISEMITISM, "Antisemitisme"),
    (Ground.NATIONALITY, "Nationaliteit"),
    (Ground.DISABILITY_CHRONIC_ILLNESS, "Handicap/chronische ziekte"),
    (Ground.AGE, "Leeftijd"),
    (Ground.SEXUAL_ORIENTATION, "Seksuele gerichtheid"),
    (Ground.SEX, "Geslacht (incl. genderidentiteit)"),
    (Ground.WORKING_HOURS, "Arbeidsduur"),
    (Ground.EMPLOYMENT_CONTRACT, "Arbeidscontract"),
    (Ground.MARITAL_STATUS, "Burgerlijke staat"),
    (Ground.RELIGION, "Godsdienst"),
    (Ground.BELIEF, "Levensovertuiging"),
    (Ground.POLITICAL_OPINION, "Politieke gezindheid"),
    (Ground.OTHER, "Overig"),
    (Ground.UNKNOWN, "Onbekend"),
    (Handling.REGISTRATION, "Registratie"),
    (Handling.ADVICE_INFORMATION, "Advies/informatie"),
    (Handling.MEDIATION, "Bemiddeling"),
    (Handling.ASSISTANCE_IN_PROCEDURES, "Bijstaan in procedures"),
    (Handling.REFERRAL, "Doorverwijzing"),
    (Handling.OWN_INVESTIGATION, "Eigen onderzoek"),
    (Handling.POLICY_INFLUENCE, "Beïnvloeding beleid"),
    (Handling.OTHER, "Overig"),
    (Role.REPORTER, "Melder"),
    (Role.ACCUSED, "Betrokkene"),
    (Role.BYSTANDER, "Omstander"),
    (Role.MANAGER, "Leidinggevende"),
    (Role.WITNESS, "Getuige"),
    (Role.CONFIDENTIAL_ADVISER, "Vertrouwenspersoon"),
    (OrgUnitKind.CLUSTER, "Cluster"),
    (OrgUnitKind.DIRECTORATE, "Directie"),
    (OrgUnitKind.DISTRICT, "Stadsdeel"),
    (OrgUnitKind.DEPARTMENT, "Afdeling"),
    (OrgUnitKind.TEAM, "Team"),
    (InterventionType.WARNING_CONVERSATION, "Waarschuwend gesprek"),
    (InterventionType.WRITTEN_WARNING, "Schriftelijke waarschuwing (P-dossier)"),
    (InterventionType.FINAL_WARNING, "Laatste waarschuwing"),
    (InterventionType.ADDITIONAL_AGREEMENTS, "Aanvullende afspraken"),
    (InterventionType.SUSPENSION, "Schorsing of non-actiefstelling"),
    (InterventionType.TRANSFER, "Overplaatsing"),
    (InterventionType.NOTICE, "Opzegging"),
    (InterventionType.DISSOLUTION_BY_COURT, "Ontbinding via de kantonrechter"),
    (InterventionType.SUMMARY_DISMISSAL, "Ontslag op staande voet"),
    (InterventionType.DISCUSSED_WITH_MANAGER, "Besproken met leidinggevende"),
    (InterventionType.LEGAL_ADVICE, "Juridisch advies ingewonnen"),
    (InterventionType.COACHING, "Coaching"),
    (InterventionType.TRAINING, "Training"),
    (InterventionType.PEER_SUPERVISION, "Intervisie"),
    (InterventionType.MEDIATION, "Mediation"),
    (InterventionType.OTHER, "Overig"),
    (InterventionStatus.PLANNED, "Voorgenomen"),
    (InterventionStatus.DONE, "Uitgevoerd"),
    (InterventionStatus.CANCELLED, "Vervallen"),
    (RepairType.RESTORATIVE_CONVERSATION, "Herstelgesprek"),
    (RepairType.MEDIATION, "Bemiddeling"),
    (RepairType.APOLOGY_ACKNOWLEDGEMENT, "Excuses en erkenning"),
    (RepairType.SUPPORT_AFTERCARE, "Opvang en nazorg melder"),
    (RepairType.PEER_CONTACT, "Lotgenotencontact"),
    (RepairType.TEAM_SESSION, "Teamsessie"),
    (RepairType.DISCUSSION_LEADER, "Gespreksleider"),
    (RepairType.LETTER_ASSISTANCE, "Hulp bij brief"),
    (RepairType.OTHER, "Overig"),
    (RepairStatus.ISSUED, "Uitgebracht"),
    (RepairStatus.FOLLOWED, "Opgevolgd"),
    (RepairStatus.NOT_FOLLOWED, "Niet opgevolgd"),
    (ActionStatus.OPEN, "Open"),
    (ActionStatus.DONE, "Gelukt"),
    (ActionStatus.NOT_DONE, "Niet gelukt"),
    (ActionStatus.DROPPED, "Vervallen"),
    (UnitGeneralisation.CODE, "Code per overleg (bijvoorbeeld 'directie K')"),
    (UnitGeneralisation.CLUSTER, "Alleen het cluster"),
    (UnitGeneralisation.NONE, "Geen onderdeel"),
    (SpanKind.PERSON, "Persoon"),
    (SpanKind.ORG, "Organisatieonderdeel"),
    (SpanKind.EMAIL, "E-mailadres"),
    (SpanKind.PHONE, "Telefoonnummer"),
    (SpanKind.DATE, "Datum"),
    (SpanKind.LOCATION, "Locatie"),
    (SpanKind.ID, "Nummer of account"),
    (ReviewDecision.PROPOSED, "Voorgesteld"),
    (ReviewDecision.ACCEPTED, "Geaccepteerd"),
    (ReviewDecision.REJECTED, "Afgewezen"),
    (ReviewDecision.ADDED, "Toegevoegd"),
    (FindingKind.NAME, "naam"),
    (FindingKind.UNREGISTERED_NAME, "naam (niet geregistreerd)"),
    (FindingKind.EMAIL, "e-mailadres"),
    (FindingKind.PHONE, "telefoonnummer"),
    (FindingKind.STAFF_NUMBER, "personeelsnummer"),
    (FindingKind.CASE_REFERENCE, "kenmerk van een casus"),
    (FindingKind.UNIT, "organisatieonderdeel"),
    (FindingKind.INCIDENT_DATE, "exacte datum van een voorval"),
    (FindingKind.IBAN, "rekeningnummer"),
    (FindingKind.POSTCODE, "postcode"),
    (FindingKind.PLATE, "kenteken"),
    (FindingKind.FILE_NUMBER, "zaak- of dossiernummer"),
    (FindingKind.CHECK, "controleer: mogelijk een naam, plaats of onderdeel"),
]
_LABELS_BY_KIND: dict[tuple[type, str], str] = {
    (type(member), member.value): label for member, label in _LABELS
}
