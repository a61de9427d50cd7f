"""What a certificate says, as strings in its language: the renderer only lays these out.

Kept apart from the PDF code so that wording, digits and dates are testable without a PDF, and
so that the Jinja2 sandbox is the one place the type's template is evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.catalog import CertificateType, FieldSpec
from chalicelib.domain.certificate import CertificateDocument, OfficeHeader
from chalicelib.rendering.dates import bangla_date, format_date, parse_iso

if TYPE_CHECKING:
    from jinja2 import Template

LANGS = ("bn", "en")
# Union names come bare from the administrative map ("সুবিল"); pourashava and city corporation
# names already carry their kind. The suffix is added only when it is not there yet.
KIND_NAMES = {
    "union": ("ইউনিয়ন পরিষদ", "Union Parishad"),
    "pourashava": ("পৌরসভা", "Pourashava"),
    "city_corporation": ("সিটি কর্পোরেশন", "City Corporation"),
}
# Table columns not printed: heirs' phone numbers are for consent SMS, not facts the certificate
# attests, and a certificate travels to land offices, banks and courts (data minimisation).
HIDDEN_COLUMN_TYPES = frozenset({"phone"})
LABELS = {
    "bn": {
        "number": "সনদ নং",
        "date": "তারিখ",
        "bangla_era": "বঙ্গাব্দ",
        "gregorian_era": "খ্রিষ্টাব্দ",
        "serial": "ক্রমিক",
        "valid_until": "এই সনদ {date} তারিখ পর্যন্ত বৈধ।",
        "page": "পৃষ্ঠা {page}/{pages}",
    },
    "en": {
        "number": "Certificate No.",
        "date": "Date",
        "serial": "No.",
        "valid_until": "This certificate is valid until {date}.",
        "page": "Page {page} of {pages}",
    },
}
SCAN_CAPTION = "যাচাই করতে স্ক্যান করুন / Scan to verify"
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class TableView:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # per column: digits-only content, drawn without wrapping words


@dataclass(frozen=True)
class CertificateView:
    lang: str
    office_bn: str
    office_en: str
    area: str
    title: str
    number_line: str
    date_lines: tuple[str, ...]
    body: tuple[str, ...]  # paragraphs
    tables: tuple[TableView, ...]
    validity: str
    signatory: tuple[str, ...]  # name, designation, office
    scan_caption: str
    certificate_no: str
    page_label: str  # with {page} and {pages}


def office_names(office: OfficeHeader) -> tuple[str, str]:
    suffix_bn, suffix_en = KIND_NAMES.get(office.kind, ("", ""))
    name_bn = office.name_bn.strip()
    name_en = office.name_en.strip()
    if suffix_bn and not name_bn.endswith(suffix_bn):
        name_bn = f"{name_bn} {suffix_bn}"
    if suffix_en and not name_en.lower().endswith(suffix_en.lower()):
        name_en = f"{name_en} {suffix_en}"
    return name_bn, name_en


def localise_digits(text: str, lang: str) -> str:
    """Bengali digits in a Bengali certificate, except inside codes mixing Latin letters and digits
    (certificate numbers, passport numbers, e-mail addresses), which are read out as written."""
    if lang != "bn":
        return text
    return _TOKEN.sub(lambda m: m.group(0) if _LATIN_LETTER.search(m.group(0)) else bn_digits(m.group(0)), text)


def display_value(spec: FieldSpec | None, value: Any, lang: str) -> str:
    """A form value as printed: option labels for selects, dates in words, digits per language."""
    if value is None or value == "":
        return ""
    if spec is not None and spec.type == "select":
        option = next((o for o in spec.options if o.get("value") == value), None)
        if option is not None:
            return str(option.get(f"label_{lang}") or option.get("label_en") or value)
    if spec is not None and spec.type == "date":
        day = parse_iso(value)
        if day is not None:
            return format_date(day, lang)
    return localise_digits(str(value), lang)


def template_fields(ctype: CertificateType, fields: dict[str, Any], lang: str) -> dict[str, Any]:
    """The `f` a template sees: dates already in words; other values raw, because templates compare
    select values (`f.gender == 'female'`) and compute with money (`(f.capital | int) // 100`)."""
    out = dict(fields)
    for spec in ctype.fields:
        if spec.type == "date" and out.get(spec.name):
            out[spec.name] = display_value(spec, out[spec.name], lang)
    return out


@lru_cache(maxsize=256)
def _compiled(source: str) -> Template:
    from jinja2 import ChainableUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # Templates are data that people other than developers will edit: the sandbox keeps a template
    # from reaching Python internals (citizens' values are only ever passed in, never evaluated).
    # ChainableUndefined prints a missing field, or an attribute of one, as "".
    # No autoescape: the output is PDF text, not HTML, and escaping would print "&amp;".
    env = SandboxedEnvironment(undefined=ChainableUndefined, autoescape=False)
    return env.from_string(source)


def render_body(doc: CertificateDocument, ctype: CertificateType) -> tuple[str, ...]:
    office_bn, office_en = office_names(doc.office)
    source = ctype.template_bn if doc.lang == "bn" else ctype.template_en
    text = _compiled(source).render(
        f=template_fields(ctype, doc.fields, doc.lang),
        office={
            "name_bn": office_bn,
            "name_en": office_en,
            "area_bn": doc.office.area_bn,
            "area_en": doc.office.area_en,
            "kind": doc.office.kind,
        },
        ward=doc.ward,
    )
    # Digits computed inside the template (money in taka, counts) come out ASCII: localise all.
    paragraphs = (" ".join(p.split()) for p in localise_digits(text, doc.lang).split("\n"))
    return tuple(p for p in paragraphs if p)


def _label(spec: FieldSpec, lang: str) -> str:
    return spec.label_bn if lang == "bn" else spec.label_en


def _column_is_numeric(spec: FieldSpec) -> bool:
    return spec.type in {"nid", "brn", "phone", "number", "money", "year"}


def table_views(doc: CertificateDocument, ctype: CertificateType) -> tuple[TableView, ...]:
    lang = doc.lang
    views = []
    for spec in ctype.fields:
        rows = doc.fields.get(spec.name)
        if spec.type != "table" or not isinstance(rows, list) or not rows:
            continue
        columns = [c for c in spec.columns if c.type not in HIDDEN_COLUMN_TYPES]
        header = (LABELS[lang]["serial"], *(_label(c, lang) for c in columns))
        body = tuple(
            (
                localise_digits(str(i), lang),
                *(display_value(c, row.get(c.name) if isinstance(row, dict) else None, lang) for c in columns),
            )
            for i, row in enumerate(rows, start=1)
        )
        numeric = (True, *(_column_is_numeric(c) for c in columns))
        views.append(TableView(_label(spec, lang), header, body, numeric))
    return tuple(views)


def build_view(doc: CertificateDocument, ctype: CertificateType) -> CertificateView:
    if doc.lang not in LANGS:
        raise ValueError(f"unsupported certificate language {doc.lang!r}")
    lang, labels = doc.lang, LABELS[doc.lang]
    office_bn, office_en = office_names(doc.office)
    dates: tuple[str, ...]
    if lang == "bn":
        dates = (
            f"{labels['date']}: {bangla_date(doc.issued_on)} {labels['bangla_era']}",
            f"{format_date(doc.issued_on, lang)} {labels['gregorian_era']}",
        )
        signatory = (doc.signatory.name_bn, doc.signatory.designation_bn, office_bn)
    else:
        dates = (f"{labels['date']}: {format_date(doc.issued_on, lang)}",)
        signatory = (doc.signatory.name_en, doc.signatory.designation_en, office_en)
    validity = ""
    if doc.valid_until is not None:
        validity = labels["valid_until"].format(date=format_date(doc.valid_until, lang))
    return CertificateView(
        lang=lang,
        office_bn=office_bn,
        office_en=office_en,
        area=" | ".join(a for a in (doc.office.area_bn, doc.office.area_en) if a),
        title=ctype.name_bn if lang == "bn" else ctype.name_en,
        number_line=f"{labels['number']}: {doc.certificate_no}",
        date_lines=dates,
        body=render_body(doc, ctype),
        tables=table_views(doc, ctype),
        validity=validity,
        signatory=tuple(s for s in signatory if s),
        scan_caption=SCAN_CAPTION,
        certificate_no=doc.certificate_no,
        page_label=labels["page"],
    )
