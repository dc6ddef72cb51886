"""The HTCDS v2.0 columns Signaal exports, and how answers become HTCDS values.

HTCDS is IOM's Human Trafficking Case Data Standard (UNMigration/HTCDS, "HTCDS Field Standards
2.0.ods"). A column named with an HTCDS table prefix (``prs_``, ``vic_``, …) holds exactly what
HTCDS defines: its name, its type and its picklist values. Everything else Signaal exports is an
extension under ``sig_`` (or ``ind_`` for checklist indicators). tests/forms/fixtures/
htcds_v2_fields.json is a copy of the standard's field list; a test checks this table and every
exported value against it.

A field feeds an HTCDS column in one of two ways (forms/definitions/README.md, "Export"):

* its ``export_name`` is the HTCDS name: the column holds the HTCDS value of the answer; when that
  loses information (an option without an HTCDS value, or two options with the same one), the
  column ``sig_<field id>`` holds Signaal's own codes beside it (:func:`companion_column`);
* its ``htcds`` names an HTCDS column it feeds as well: its ``export_name`` column keeps
  Signaal's codes.

The HTCDS value of an option is its ``htcds`` code; for an HTCDS *Text* column without one, its
Dutch label (a place name). Several answers for a single-valued column (Picklist, Text): the first
in option order. Several fields feeding one column: a multi-select holds the union (in form
order), a single-valued column the first answered field's value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from forms import legal
from forms import model as m

PREFIXES = ("org_", "prs_", "vic_", "per_", "cas_", "cco_", "hte_", "spl_", "con_")
"""The HTCDS table prefixes: a column named with one is an HTCDS field."""

EXTENSION_PREFIX = "sig_"
"""Signaal's own columns (and ``ind_`` for checklist indicators)."""

ISO_639_2 = "ISO 639-2"
ISO_3166 = "ISO 3166-1"


@dataclass(frozen=True)
class Column:
    """An HTCDS v2.0 field: its name, type (as the standard writes it) and allowed values."""

    name: str
    type: str
    values: tuple[str, ...] = ()
    standard: str | None = None
    label: str = ""

    @property
    def multiple(self) -> bool:
        return self.type == "Multiselect Picklist"

    @property
    def checkbox(self) -> bool:
        return self.type == "Checkbox"


_ISIC = (
    "A_AgricultureForestryAndFishing", "B_MiningAndQuarrying", "C_Manufacturing",
    "D_ElectricityGasSteamAndAirConditioningSupply", "E_WaterSupplySewerageWasteManagement",
    "F_Construction", "G_WholesaleAndRetailTradeRepairOfMotorVehicles", "H_TransportationAndStorage",
    "I_AccommodationAndFoodServiceActivities", "J_InformationAndCommunication",
    "K_FinancialAndInsuranceActivities", "L_RealEstateActivities",
    "M_ProfessionalScientificAndTechnicalActivities", "N_AdministrativeAndSupportServiceActivities",
    "O_PublicAdministrationAndDefence", "P_Education", "Q_HumanHealthAndSocialWorkActivities",
    "R_ArtsEntertainmentAndRecreation", "S_OtherServiceActivities", "T_ActivitiesOfHouseholdsAsEmployers",
    "U_ActivitiesOfExtraterritorialOrganizations",
)

COLUMNS: dict[str, Column] = {c.name: c for c in (
    Column("org_Type", "Picklist", (
        "NGO", "LawEnforcement", "HealthServiceOrganisation", "CentralGovernmentOrganisation",
        "LocalGovernmentOrganisation", "ImmigrationService", "LegalService", "CorporateBusiness",
        "SchoolOrCollege"), label="Type"),
    Column("prs_Gender", "Picklist", (
        "Feminine", "Masculine", "TransgenderFeminine", "TransgenderMasculine", "NonConforming",
        "NonSpecifiedUnknown"), label="Gender"),
    Column("prs_PrimaryLanguage", "Picklist", standard=ISO_639_2, label="Primary Language"),
    Column("prs_SecondaryLanguage", "Picklist", standard=ISO_639_2, label="Secondary Language"),
    Column("prs_Citizenship", "Multiselect Picklist", standard=ISO_3166, label="Citizenship"),
    Column("vic_TraffickingStatus", "Picklist", (
        "PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking"),
        label="Trafficking Status"),
    Column("vic_RelationshipToTrafficker", "Picklist", ("Familial", "Acquainted", "Unaquainted"),
           label="Relationship To Trafficker"),
    Column("vic_MethodOfRecruitment", "Multiselect Picklist", (
        "AtAPlaceOfBusiness", "AtAnEducationalInstitution", "AtWork", "ThroughOnlineSocialNetworks",
        "ThroughAnOnlineAdvertisement", "ThroughATelevisionAdvert", "ThroughANewspaperAdvert",
        "ThroughFamilyOrFamilyEvents", "ThroughFriendsOrSocialEvents", "Other"),
        label="Method Of Recruitment"),
    Column("vic_MethodsOfControl", "Multiselect Picklist", (
        "PhysicalThreats", "ThreatsLawEnforcement", "ThreatensChildrenFamily", "DebtBondage",
        "FalsePromises", "PhysicalAbuse", "SexualAbuse", "TakesEarnings", "RestrictsFinancialAccess",
        "RestrictsMedicalCare", "WithholdsNecessities", "PsychologicalAbuse", "PsychoactiveSubstance",
        "ExcessiveWorkingHours", "WithholdsDocuments", "Other"), label="Methods Of Control"),
    Column("vic_TypeOfExploitation", "Multiselect Picklist", (
        "ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage", "Servitude",
        "ForcedMilitaryByNonStateActors", "OrganRemoval", "ForcedBegging", "ForcedAdoption",
        "Surrogacy", "Other"), label="Type Of Exploitation"),
    Column("vic_ForcedLabourIndustry", "Picklist", _ISIC, label="Forced Labour Industry"),
    Column("vic_TypeOfSexExploitation", "Multiselect Picklist", (
        "Prostitution", "Pornography", "RemoteInteractiveServices", "PrivateSexualServices"),
        label="Type Of Sex Exploitation"),
    Column("cas_ReferringOrganisation", "Lookup [to organisation]", label="Referring Organisation"),
    Column("cas_IncomingReferralDate", "Date", label="Incoming Referral Date"),
    Column("hte_City", "Text", label="City"),
    Column("hte_State", "Text", label="State"),
    Column("hte_Country", "Text", label="Country"),
    Column("hte_Type", "Picklist", ("Recruitment", "Transit", "Exploitation"), label="Type"),
    Column("spl_Type", "Picklist", (
        "Education", "Financial", "Health", "LabourExploitationRehabilitation", "Legal", "Livelihood",
        "RightsBasedTraining", "SexualExploitationRehabilitation", "SocialCare"), label="Type"),
    Column("con_Consent", "Checkbox", ("true", "false"), label="Consent"),
)}
"""The HTCDS v2.0 fields Signaal fills (a subset of the standard, copied from it)."""

HTE_TYPE = "hte_Type"
HTE_EXPLOITATION = "Exploitation"
"""Every ``hte_`` column Signaal fills describes where the exploitation took place."""


def is_htcds(name: str | None) -> bool:
    return bool(name) and str(name).startswith(PREFIXES)


def column(name: str) -> Column:
    """The HTCDS column of this name; KeyError when Signaal does not know it."""
    return COLUMNS[name]


def export_name(form: m.Form, f: Any) -> str | None:
    """The column of a field's answer. A version that borrows its legal route (a v1 form, whose
    file never changes) borrows the HTCDS name too where its own is not an HTCDS field (v1's
    ``prs_Language`` is exported as the newer ``prs_PrimaryLanguage``)."""
    name = f.export_name
    if is_htcds(name) and name not in COLUMNS:
        other = legal.marked(form, f)
        if other is not f and other.export_name in COLUMNS:
            return str(other.export_name)
    return name if name is None else str(name)


def feeds(form: m.Form, f: Any) -> str | None:
    """The HTCDS column a field also feeds: its own ``htcds``, or (a borrowing version) that of the
    same field in the version whose route it borrows."""
    own = f.htcds
    if own is None:
        other = legal.marked(form, f)
        own = other.htcds if other is not f else None
    return own if own is None else str(own)


def targets(form: m.Form, f: Any) -> list[str]:
    """The HTCDS columns a field feeds (its HTCDS export name, its ``htcds``)."""
    name = export_name(form, f)
    out = [name] if name is not None and name in COLUMNS else []
    extra = feeds(form, f)
    if extra and extra not in out and extra in COLUMNS:
        out.append(extra)
    return out


def option_value(f: Any, opt: m.Option, col: Column) -> str | None:
    """The HTCDS value of one option for this column (None: no equivalent)."""
    if opt.htcds is not None:
        return opt.htcds
    if col.type == "Text":
        return opt.label.nl
    return None


def lossy(form: m.Form, f: Any) -> bool:
    """True when the field's HTCDS export column cannot say every answer (see the module text)."""
    col = COLUMNS.get(export_name(form, f) or "")
    if col is None:
        return False
    values = [option_value(f, o, col) for o in f.choices()]
    return None in values or len(set(values)) != len(values)


def companion_column(form: m.Form, f: Any) -> str | None:
    """``sig_<field id>``: Signaal's codes beside a lossy HTCDS export column, else None."""
    return f"{EXTENSION_PREFIX}{f.id}" if lossy(form, f) else None


def values_of(f: Any, value: Any, col: Column) -> list[str]:
    """The HTCDS values of an answer (codes in option order, without duplicates)."""
    codes = value if isinstance(value, list) else [value]
    wanted = set(codes)
    out: list[str] = []
    for opt in f.choices():
        if opt.code in wanted:
            v = option_value(f, opt, col)
            if v is not None and v not in out:
                out.append(v)
    return out


def cell(col: Column, values: Sequence[str]) -> object:
    """The export value of a column: a list for a multi-select, a bool for a checkbox, else one value."""
    if not values:
        return None
    if col.multiple:
        return list(values)
    if col.checkbox:
        return values[0] == "true"
    return values[0]


def merge(col: Column, parts: Iterable[list[str]]) -> object:
    """Several fields feeding one column (see the module text)."""
    merged: list[str] = []
    for values in parts:
        if not values:
            continue
        if not col.multiple:
            return cell(col, values)
        merged.extend(v for v in values if v not in merged)
    return cell(col, merged)


def check(form: m.Form) -> list[tuple[str, str, str]]:
    """Definition errors: ``(field id, sub path, message)`` for HTCDS names and values."""
    problems: list[tuple[str, str, str]] = []
    for f in form.all_fields():
        for sub, name in ((".export_name", f.export_name), (".htcds", f.htcds)):
            if name is None:
                continue
            if sub == ".htcds" and not is_htcds(name):
                problems.append((f.id, sub, f"{name!r} is not an HTCDS column "
                                            f"(prefixes {', '.join(PREFIXES)})"))
                continue
            if not is_htcds(name):
                continue
            col = COLUMNS.get(name)
            if col is None and form.legal is None and sub == ".export_name":
                continue  # a version without a route of its own borrows the name (export_name)
            if col is None:
                problems.append((f.id, sub, f"{name!r} is not an HTCDS v2.0 field Signaal knows "
                                            "(forms/htcds.py); use a sig_ name for an extension"))
                continue
            if f.kind not in m.CHOICE_KINDS:
                problems.append((f.id, sub, f"only a choice can feed the HTCDS column {name!r}"))
                continue
            for opt in f.choices():
                v = option_value(f, opt, col)
                if v is None or not col.values or v in col.values:
                    continue
                problems.append((f.id, sub, f"option {opt.code!r}: {v!r} is not an HTCDS value of {name}"))
    problems.extend(check_columns(form, [f.export_name for f in form.all_fields() if f.export_name]))
    return problems


def check_columns(form: m.Form, taken: Iterable[str]) -> list[tuple[str, str, str]]:
    """A companion column ``sig_<field id>`` must not be another field's export name."""
    names = set(taken)
    return [
        (f.id, ".export_name", f"the column {name!r} for Signaal's codes beside {f.export_name} is "
                               "already another field's export name")
        for f in form.all_fields()
        if (name := companion_column(form, f)) is not None and name in names
    ]
