"""The certificate catalog: types, their form fields and charter terms, loaded from data files.

Adding a certificate type is adding a JSON file under chalicelib/data/certificate_types/; this
module validates each file on first use so a broken file fails loudly (and in the unit tests).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
CATEGORIES = {
    "identity",
    "family",
    "marital",
    "social",
    "economic",
    "occupation",
    "property",
    "business",
    "permit",
    "misc",
}
FIELD_TYPES = {"text", "textarea", "date", "nid", "brn", "phone", "number", "money", "year", "select", "email", "table"}
POLICY_KINDS = {"none", "unique_subject", "conflict_group", "renewable"}
VALIDITY_KINDS = {"none", "days", "fiscal_year"}
SIGNATORIES = {"head", "ward"}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# The HTML autocomplete a field of a type may ask for (the web app splits "bday" over its three date fields).
AUTOCOMPLETE: dict[str, set[str | None]] = {"date": {None, "bday"}}


class CatalogError(ValueError):
    """A catalog data file is malformed."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label_bn: str
    label_en: str
    type: str
    required: bool
    validation: dict[str, Any] = field(default_factory=dict)
    options: tuple[dict[str, str], ...] = ()
    columns: tuple[FieldSpec, ...] = ()
    autocomplete: str | None = None  # "bday": the browser may offer the user's own birthday

    def public(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "label_bn": self.label_bn,
            "label_en": self.label_en,
            "type": self.type,
            "required": self.required,
        }
        if self.validation:
            out["validation"] = dict(self.validation)
        if self.options:
            out["options"] = [dict(o) for o in self.options]
        if self.columns:
            out["columns"] = [c.public() for c in self.columns]
        if self.autocomplete:
            out["autocomplete"] = self.autocomplete
        return out


@dataclass(frozen=True)
class CertificateType:
    code: str
    name_bn: str
    name_en: str
    category: str
    description_bn: str
    description_en: str
    fields: tuple[FieldSpec, ...]
    require_one_of: tuple[tuple[str, ...], ...]
    documents: tuple[dict[str, Any], ...]
    fee_poisha: int
    sla_days: int
    workflow: str
    signatory: str
    validity: dict[str, Any]
    subject_fields: tuple[str, ...]
    policy: dict[str, Any]
    requires_heir_consent: bool
    template_bn: str
    template_en: str

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    def summary(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name_bn": self.name_bn,
            "name_en": self.name_en,
            "category": self.category,
            "fee": {"office_fee": self.fee_poisha, "currency": "BDT"},
            "sla_days": self.sla_days,
        }

    def public(self) -> dict[str, Any]:
        return {
            **self.summary(),
            "description_bn": self.description_bn,
            "description_en": self.description_en,
            "fields": [f.public() for f in self.fields],
            "require_one_of": [list(g) for g in self.require_one_of],
            "documents": [dict(d) for d in self.documents],
            "workflow": self.workflow,
            "signatory": self.signatory,
            "validity": dict(self.validity),
            "policy": dict(self.policy),
            "requires_heir_consent": self.requires_heir_consent,
        }


def _require(cond: bool, where: str, msg: str) -> None:
    if not cond:
        raise CatalogError(f"{where}: {msg}")


def _parse_field(raw: dict[str, Any], where: str, allow_table: bool = True) -> FieldSpec:
    name = raw.get("name", "")
    here = f"{where}.{name or '?'}"
    _require(bool(_NAME.match(name)), here, "field name must match [a-z][a-z0-9_]*")
    ftype = raw.get("type")
    _require(ftype in FIELD_TYPES, here, f"unknown field type {ftype!r}")
    _require(allow_table or ftype != "table", here, "tables cannot nest")
    _require(bool(raw.get("label_bn")) and bool(raw.get("label_en")), here, "label_bn and label_en are required")
    options = tuple(raw.get("options", ()))
    _require(ftype != "select" or bool(options), here, "a select needs options")
    columns = tuple(_parse_field(c, here, allow_table=False) for c in raw.get("columns", ()))
    _require(ftype != "table" or bool(columns), here, "a table needs columns")
    autocomplete = raw.get("autocomplete")
    _require(autocomplete in AUTOCOMPLETE.get(str(ftype), {None}), here, f"autocomplete {autocomplete!r} does not fit")
    return FieldSpec(
        name=name,
        label_bn=raw["label_bn"],
        label_en=raw["label_en"],
        type=str(ftype),
        required=bool(raw.get("required", False)),
        validation=dict(raw.get("validation", {})),
        options=options,
        columns=columns,
        autocomplete=autocomplete,
    )


def _parse_type(
    raw: dict[str, Any], fieldsets: dict[str, tuple[FieldSpec, ...]], workflows: set[str]
) -> CertificateType:
    code = raw.get("code", "")
    _require(bool(_NAME.match(code)), code or "?", "code must match [a-z][a-z0-9_]*")
    fields: list[FieldSpec] = []
    for name in raw.get("fieldsets", []):
        _require(name in fieldsets, code, f"unknown fieldset {name!r}")
        fields.extend(fieldsets[name])
    fields.extend(_parse_field(f, code) for f in raw.get("fields", []))
    names = [f.name for f in fields]
    _require(len(names) == len(set(names)), code, "field names repeat")
    subject = raw.get("subject_field", [])
    subject_fields = tuple([subject] if isinstance(subject, str) else subject)
    groups = tuple(tuple(g) for g in raw.get("require_one_of", []))
    for ref in [*subject_fields, *(n for g in groups for n in g)]:
        _require(ref in names, code, f"refers to unknown field {ref!r}")
    # A group of one is a field this type requires although its fieldset leaves it optional: say so
    # in the type's form (required, "is required"), so no client marks it "(optional)".
    alone = {g[0] for g in groups if len(g) == 1}
    fields = [replace(f, required=True) if f.name in alone else f for f in fields]
    groups = tuple(g for g in groups if len(g) > 1)
    _require(raw.get("category") in CATEGORIES, code, "unknown category")
    _require(raw.get("workflow") in workflows, code, "unknown workflow variant")
    _require(raw.get("signatory") in SIGNATORIES, code, "signatory must be head or ward")
    policy = dict(raw.get("policy", {"kind": "none"}))
    _require(policy.get("kind") in POLICY_KINDS, code, "unknown policy kind")
    _require(policy["kind"] == "none" or bool(subject_fields), code, "a policy needs subject_field")
    validity = dict(raw.get("validity", {"kind": "none"}))
    _require(validity.get("kind") in VALIDITY_KINDS, code, "unknown validity kind")
    fee, sla = raw.get("fee_poisha"), raw.get("sla_days")
    _require(isinstance(fee, int) and fee >= 0, code, "fee_poisha must be an integer >= 0")
    _require(isinstance(sla, int) and sla >= 1, code, "sla_days must be an integer >= 1")
    return CertificateType(
        code=code,
        name_bn=raw["name_bn"],
        name_en=raw["name_en"],
        category=raw["category"],
        description_bn=raw.get("description_bn", ""),
        description_en=raw.get("description_en", ""),
        fields=tuple(fields),
        require_one_of=groups,
        documents=tuple(raw.get("documents", ())),
        fee_poisha=int(fee or 0),
        sla_days=int(sla or 1),
        workflow=raw["workflow"],
        signatory=raw["signatory"],
        validity=validity,
        subject_fields=subject_fields,
        policy=policy,
        requires_heir_consent=bool(raw.get("requires_heir_consent", False)),
        template_bn=raw.get("template_bn", ""),
        template_en=raw.get("template_en", ""),
    )


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


class Catalog:
    def __init__(self, types: dict[str, CertificateType]):
        self._types = types

    def get(self, code: str) -> CertificateType | None:
        return self._types.get(code)

    def all(self) -> list[CertificateType]:
        return list(self._types.values())

    @classmethod
    def from_dir(cls, data_dir: Path) -> Catalog:
        fieldsets = {
            name: tuple(_parse_field(f, f"fieldset {name}") for f in items)
            for name, items in _read(data_dir / "fieldsets.json").items()
        }
        workflows = set(_read(data_dir / "workflows.json")["variants"])
        types: dict[str, CertificateType] = {}
        for path in sorted((data_dir / "certificate_types").glob("*.json")):
            ctype = _parse_type(_read(path), fieldsets, workflows)
            _require(ctype.code == path.stem, str(path.name), "code must equal the file name")
            types[ctype.code] = ctype
        return cls(types)


@dataclass(frozen=True)
class SmsHold:
    """A status's notice waits `seconds`; it is dropped if the case enters `replaced_by` meanwhile."""

    seconds: int
    replaced_by: str


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The packaged catalog, read once per Lambda container."""
    return Catalog.from_dir(DATA_DIR)


@lru_cache(maxsize=1)
def profile_fields() -> tuple[FieldSpec, ...]:
    """The citizen profile form (GET|PUT /v1/me), data like the catalog."""
    return tuple(_parse_field(f, "profile") for f in _read(DATA_DIR / "profile.json"))


@lru_cache(maxsize=1)
def sms_texts() -> dict[str, str]:
    return {k: v for k, v in _read(DATA_DIR / "sms.json").items() if isinstance(v, str) and not k.startswith("_")}


@lru_cache(maxsize=1)
def sms_holds() -> dict[str, SmsHold]:
    """Status notices held back so that a later status can replace them (sms.json `hold`)."""
    raw = _read(DATA_DIR / "sms.json").get("hold", {})
    return {status: SmsHold(int(rule["seconds"]), str(rule["replaced_by"])) for status, rule in raw.items()}
