"""The corpus format's values (tests/data/corpus/README.md) and what they mean in the vocabulary.

Shared by the importer and `casus pseudonymise`, which must not need the importer's services
(or a database) to read a case line.
"""

from __future__ import annotations

from casus.vocabulary.enums import BehaviourCategory, Channel, Ground, Party, Role

SOURCES = {
    "extern": (Channel.EXTERNAL_REPORTING_POINT, Party.DISCRIMINATIE_NL),
    "intern": (Channel.INTERNAL_REPORTING_POINT, Party.INTEGRITY_BUREAU),
    "po": (Channel.HR, Party.HR),
    "id": (Channel.DIVERSITY_BUREAU, Party.DIVERSITY_BUREAU),
}
CATEGORIES = {
    "discriminatie": BehaviourCategory.DISCRIMINATION,
    "racisme": BehaviourCategory.RACISM,
    "subtiel_racisme": BehaviourCategory.SUBTLE_RACISM,
    "seksuele_intimidatie": BehaviourCategory.SEXUAL_HARASSMENT,
    "agressie": BehaviourCategory.AGGRESSION,
    "geweld": BehaviourCategory.VIOLENCE,
    "bedreiging": BehaviourCategory.THREAT,
    "pesten": BehaviourCategory.BULLYING,
    "uitsluiting": BehaviourCategory.EXCLUSION,
    "overig": BehaviourCategory.OTHER,
}
# The corpus is finer than the national form; each value lands on the form's ground that covers
# it (skin colour is origin/race; pregnancy and gender identity fall under sex in Dutch law).
GROUNDS = {
    "herkomst": Ground.ORIGIN_RACE,
    "huidskleur": Ground.ORIGIN_RACE,
    "godsdienst": Ground.RELIGION,
    "levensovertuiging": Ground.BELIEF,
    "geslacht": Ground.SEX,
    "genderidentiteit": Ground.SEX,
    "zwangerschap": Ground.SEX,
    "seksuele_gerichtheid": Ground.SEXUAL_ORIENTATION,
    "handicap": Ground.DISABILITY_CHRONIC_ILLNESS,
    "chronische_ziekte": Ground.DISABILITY_CHRONIC_ILLNESS,
    "leeftijd": Ground.AGE,
    "nationaliteit": Ground.NATIONALITY,
    "antisemitisme": Ground.ANTISEMITISM,
    None: Ground.UNKNOWN,
}
ROLES = {
    "melder": Role.REPORTER,
    "betrokkene": Role.ACCUSED,
    "omstander": Role.BYSTANDER,
    "leidinggevende": Role.MANAGER,
    "getuige": Role.WITNESS,
    "vertrouwenspersoon": Role.CONFIDENTIAL_ADVISER,
}
