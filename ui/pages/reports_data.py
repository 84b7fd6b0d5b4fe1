"""What the Reports page reads and renders, on the worker thread: the choices (participants,
sites, forms) and each document as PDF bytes in memory, with how a save of it is audited."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sylcollect.crypto.slots import parse_recovery_key
from sylcollect.domain.participant import Participant
from sylcollect.errors import InvalidInput
from sylcollect.reports import (
    ConsentRequest,
    TemplateSet,
    Variant,
    choose_variant,
    participant_summary,
    render_consent,
    render_participant_summary,
    render_questionnaire,
    render_recovery_sheet,
    render_site_summary,
    site_summary,
)
from sylcollect.reports.support_card import render_support_card
from sylcollect.reports.templates import study_templates
from sylcollect.services.records import form_for
from sylcollect.storage.workspace import UnlockedWorkspace
from ui.printing import PdfAudit

PARTICIPANT, SITE, CONSENT, FORM, RECOVERY = (
    "participant",
    "site",
    "consent",
    "form",
    "recovery",
)


@dataclass(frozen=True)
class PersonChoice:
    """A participant as the page lists them: code, site, withdrawn or not."""

    uuid: str
    code: str
    site_id: str
    withdrawn: bool


@dataclass(frozen=True)
class ReportChoices:
    """Everything the page's pickers offer; read on the worker."""

    people: tuple[PersonChoice, ...]
    sites: tuple[tuple[str, str], ...]  # id, name
    forms: tuple[tuple[str, str, tuple[str, ...]], ...]  # id, title, versions (newest first)
    templates: TemplateSet = field(repr=False)


@dataclass(frozen=True)
class Rendered:
    """One document: PDF bytes, a file name to suggest, and how saving it is audited."""

    data: bytes = field(repr=False)
    file_name: str
    audit: PdfAudit | None = None
    can_save: bool = True


def load_choices(ws: UnlockedWorkspace) -> ReportChoices:
    with ws.transaction() as tx:
        people = tx.participants.list()
    forms: dict[str, tuple[str, list[str]]] = {}
    for ref in ws.study.forms:
        _title, versions = forms.setdefault(ref.id, (ref.title or ref.id, []))
        versions.append(ref.version)
    return ReportChoices(
        tuple(PersonChoice(p.uuid, p.code, p.site_id, p.withdrawn) for p in people),
        tuple((s.id, s.name) for s in ws.study.sites),
        tuple((fid, title, tuple(reversed(v))) for fid, (title, v) in forms.items()),
        study_templates(ws),
    )


def render_participant(ws: UnlockedWorkspace, code: str) -> Rendered:
    summary = participant_summary(ws, code)
    with ws.transaction() as tx:
        uuid = tx.participants.get(code).uuid
    audit = PdfAudit("participant", uuid, {"document": "participant summary"})
    return Rendered(render_participant_summary(summary), f"summary-{code}.pdf", audit)


def render_site(ws: UnlockedWorkspace, site_id: str) -> Rendered:
    data = render_site_summary(site_summary(ws, site_id))
    audit = PdfAudit("site", None, {"document": "site summary", "site": site_id})
    return Rendered(data, f"site-summary-{site_id}.pdf", audit)


def consent_target(
    ws: UnlockedWorkspace, code: str, chosen: Variant | None, *, with_name: bool = False
) -> tuple[Participant, Variant, str]:
    """The participant, their form (chosen, else from role and age on the day) and their name
    when asked; reading the date of birth or name is audited (view_identity)."""
    with ws.transaction() as tx:
        p = tx.participants.get(code)
        if p.withdrawn:
            raise InvalidInput(f"participant {code} has withdrawn: there is no form to print")
        need_identity = chosen is None or with_name
        identity = tx.participants.reveal_identity(code).identity if need_identity else None
    age = identity.age_on(date.today()) if identity else None
    variant = chosen or choose_variant(p.role, age)
    name = identity.name if identity and with_name else ""
    return p, variant, name


def render_consent_form(
    ws: UnlockedWorkspace,
    templates: TemplateSet,
    code: str | None,
    chosen: Variant | None,
    with_name: bool,
    with_sheet: bool,
) -> Rendered:
    if code is None:
        if chosen is None:
            raise InvalidInput("a blank form needs a form chosen (not 'from age and role')")
        req = ConsentRequest(chosen, include_sheet=with_sheet)
        return Rendered(render_consent(ws.study, templates, req), f"consent-{chosen.value}.pdf")
    p, variant, name = consent_target(ws, code, chosen, with_name=with_name)
    req = ConsentRequest(variant, p.code, name, p.site_id, include_sheet=with_sheet)
    audit = PdfAudit(
        "participant",
        p.uuid,
        {"document": f"consent form ({variant.value})", "name_printed": bool(name)},
    )
    data = render_consent(ws.study, templates, req)
    return Rendered(data, f"consent-{p.code}.pdf", audit)


def render_form(ws: UnlockedWorkspace, form_id: str, version: str | None) -> Rendered:
    form = form_for(ws, form_id, version)
    ref = ws.study.form(form_id, version)
    subject = ref.subject if ref else "participant"
    data = render_questionnaire(form, ws.study.name, subject)
    return Rendered(data, f"{form.id}-v{form.version}.pdf")


def render_recovery(ws: UnlockedWorkspace, typed_key: str) -> Rendered:
    """The recovery sheet from a key typed in (checked for typos first; never stored)."""
    parse_recovery_key(typed_key)
    clean = "".join(ch for ch in typed_key.upper() if ch.isalnum())
    grouped = "-".join(clean[i : i + 6] for i in range(0, len(clean), 6))
    folder = ws.workspace.data_dir.name
    data = render_recovery_sheet(grouped, ws.study.name, folder, date.today(), ws.actor)
    return Rendered(data, "recovery-sheet.pdf", None, can_save=False)


CARD = "card"


def render_card(ws: UnlockedWorkspace, site_id: str | None, adult: str) -> Rendered:
    """The support cards (no personal data; a save or print is audited as a site document)."""
    data = render_support_card(ws.study, site_id, adult)
    details = {"document": "support card", "site": site_id, "adult_named": bool(adult.strip())}
    name = f"support-cards-{site_id}.pdf" if site_id else "support-cards.pdf"
    return Rendered(data, name, PdfAudit("site", None, details))
