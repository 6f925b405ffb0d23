"""The grounds of the Wet open overheid (Woo) on which part of a document is withheld, as a
municipality marks each redaction ("5.1.2e"). Articles 5.1 (first and second paragraph) and
5.2; the owner chooses one per blacked-out span, or none for a span that may be public."""

from __future__ import annotations

from enum import Enum

from casus.vocabulary.enums import SpanKind


class WooGround(Enum):
    CROWN = "5.1.1a"
    STATE_SECURITY = "5.1.1b"
    CONFIDENTIAL_BUSINESS = "5.1.1c"
    SPECIAL_PERSONAL_DATA = "5.1.1d"
    IDENTIFICATION_NUMBER = "5.1.1e"
    INTERNATIONAL_RELATIONS = "5.1.2a"
    ECONOMIC_INTERESTS = "5.1.2b"
    CRIMINAL_INVESTIGATION = "5.1.2c"
    INSPECTION = "5.1.2d"
    PRIVACY = "5.1.2e"
    BUSINESS_DATA = "5.1.2f"
    ENVIRONMENT = "5.1.2g"
    SECURITY = "5.1.2h"
    PROPER_FUNCTIONING = "5.1.2i"
    POLICY_VIEWS = "5.2.1"
    PUBLIC = "openbaar"  # not withheld: the owner decided this span may be read

    @property
    def code(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    WooGround.CROWN: "de eenheid van de Kroon",
    WooGround.STATE_SECURITY: "de veiligheid van de Staat",
    WooGround.CONFIDENTIAL_BUSINESS: "vertrouwelijk verstrekte bedrijfs- en fabricagegegevens",
    WooGround.SPECIAL_PERSONAL_DATA: "bijzondere persoonsgegevens",
    WooGround.IDENTIFICATION_NUMBER: "identificatienummers",
    WooGround.INTERNATIONAL_RELATIONS: "de betrekkingen met andere staten en internationale organisaties",
    WooGround.ECONOMIC_INTERESTS: "de economische of financiële belangen van de Staat",
    WooGround.CRIMINAL_INVESTIGATION: "de opsporing en vervolging van strafbare feiten",
    WooGround.INSPECTION: "inspectie, controle en toezicht door bestuursorganen",
    WooGround.PRIVACY: "de eerbiediging van de persoonlijke levenssfeer",
    WooGround.BUSINESS_DATA: "concurrentiegevoelige bedrijfs- en fabricagegegevens",
    WooGround.ENVIRONMENT: "de bescherming van het milieu",
    WooGround.SECURITY: "de beveiliging van personen en bedrijven",
    WooGround.PROPER_FUNCTIONING: "het goed functioneren van de Staat of bestuursorganen",
    WooGround.POLICY_VIEWS: "persoonlijke beleidsopvattingen in intern beraad",
    WooGround.PUBLIC: "niet weggelakt",
}


def default_ground(kind: SpanKind) -> WooGround:
    """Personal data is withheld for privacy; a number that identifies someone as such."""
    return WooGround.IDENTIFICATION_NUMBER if kind is SpanKind.ID else WooGround.PRIVACY
