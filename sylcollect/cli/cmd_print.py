"""`sylcollect print`: consent forms, summaries, paper forms, the support card and the
recovery sheet as PDF.

PDFs are built in memory; the only file written is the one named by --out (atomically).
Saving a PDF with a participant's or a site's data is recorded in the audit log.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from sylcollect.cli.common import add_json, data_dir, emit, open_unlocked, password
from sylcollect.domain.audit import AuditAction
from sylcollect.errors import InvalidInput
from sylcollect.reports import (
    ConsentRequest,
    Variant,
    choose_variant,
    load_templates,
    participant_summary,
    render_consent_batch,
    render_participant_summary,
    render_questionnaire,
    render_recovery_sheet,
    render_site_summary,
    site_summary,
)
from sylcollect.reports.support_card import render_support_card
from sylcollect.reports.templates import study_templates
from sylcollect.storage.files import atomic_write
from sylcollect.storage.keyring import WORKSPACE_KEY_ID
from sylcollect.storage.tx import Tx
from sylcollect.storage.workspace import UnlockedWorkspace, Workspace


def register(sub: Any) -> None:
    pr = sub.add_parser("print", help="PDFs: consent forms, summaries, paper forms").add_subparsers(
        dest="print_cmd", metavar="WHAT", required=True
    )
    con = pr.add_parser("consent", help="information sheet and consent (or assent) form")
    who = con.add_mutually_exclusive_group()
    who.add_argument("--participant", metavar="CODE", help="pre-fill for this participant")
    who.add_argument("--site", help="one form for every active participant at the site")
    con.add_argument("--out", required=True, metavar="FILE.pdf")
    con.add_argument(
        "--variant",
        choices=[v.value for v in Variant],
        help="which form (default: from the participant's role and age)",
    )
    con.add_argument("--blank", action="store_true", help="no participant code printed")
    con.add_argument(
        "--with-name",
        action="store_true",
        help="print the participant's name on the form (audited)",
    )
    con.add_argument("--no-sheet", action="store_true", help="the form without the sheet")
    con.add_argument(
        "--templates",
        metavar="DIR",
        help="a template folder to use instead of the study's templates (default: those its "
        "package carries, else the built-in set)",
    )
    add_json(con)
    con.set_defaults(handler=cmd_print_consent)
    summ = pr.add_parser("summary", help="participant or site summary")
    which = summ.add_mutually_exclusive_group(required=True)
    which.add_argument("--participant", metavar="CODE")
    which.add_argument("--site")
    summ.add_argument("--out", required=True, metavar="FILE.pdf")
    add_json(summ)
    summ.set_defaults(handler=cmd_print_summary)
    form = pr.add_parser("form", help="a paper version of a form")
    form.add_argument("form_id", metavar="FORM_ID")
    form.add_argument("--out", required=True, metavar="FILE.pdf")
    form.add_argument("--version", help="form version (default: the newest)")
    form.add_argument("--lang", help="language of a translated form")
    add_json(form)
    form.set_defaults(handler=cmd_print_form)
    card = pr.add_parser(
        "card", help="the support card: people a young person can talk to, to cut out and keep"
    )
    card.add_argument("--site", help="the site the cards are for")
    card.add_argument(
        "--adult",
        default="",
        metavar="NAME",
        help="the unit's named adult (else a line to fill in)",
    )
    card.add_argument("--out", required=True, metavar="FILE.pdf")
    add_json(card)
    card.set_defaults(handler=cmd_print_card)
    rec = pr.add_parser("recovery", help="the recovery sheet (key from SYLCOLLECT_RECOVERY_KEY)")
    rec.add_argument("--out", required=True, metavar="FILE.pdf")
    add_json(rec)
    rec.set_defaults(handler=cmd_print_recovery)


def _out(path: str) -> Path:
    out = Path(path).expanduser()
    if out.suffix.lower() != ".pdf":
        raise InvalidInput("--out must name a .pdf file")
    if not out.parent.is_dir():
        raise InvalidInput(f"the folder {out.parent} does not exist")
    if out.is_dir():
        raise InvalidInput(f"{out} is a folder")
    return out


def _done(args: argparse.Namespace, out: Path, data: bytes, what: str) -> int:
    emit(args, {"out": str(out), "bytes": len(data)}, f"Saved {what} to {out}.")
    return 0


def _audit_participant(tx: Tx, uuid: str, details: dict[str, Any]) -> None:
    key_id = tx.participants.row_by_uuid(uuid).key_id
    tx.audit(AuditAction.EXPORT, "participant", uuid, details, key_id)


def _requests(
    ws: UnlockedWorkspace, tx: Tx, args: argparse.Namespace, out: Path
) -> list[ConsentRequest]:
    chosen = Variant(args.variant) if args.variant else None
    if args.participant:
        people = [tx.participants.get(args.participant)]
    elif args.site:
        if ws.study.site(args.site) is None:
            raise InvalidInput(f"unknown site '{args.site}'")
        people = tx.participants.list(site_id=args.site, include_withdrawn=False)
        if not people:
            raise InvalidInput(f"no active participants at {args.site}")
    else:
        if chosen is None:
            raise InvalidInput(
                "a blank form needs --variant (yp16, assent, parent, parent_own, la or staff)"
            )
        return [ConsentRequest(chosen, include_sheet=not args.no_sheet)]
    today = date.today()
    out_list = []
    for p in people:
        if p.withdrawn:
            raise InvalidInput(f"participant {p.code} has withdrawn: there is no form to print")
        need_identity = chosen is None or args.with_name
        identity = tx.participants.reveal_identity(p.code).identity if need_identity else None
        age = identity.age_on(today) if identity else None
        try:
            variant = chosen or choose_variant(p.role, age)
        except InvalidInput as exc:
            raise InvalidInput(f"{p.code}: {exc}") from None
        name = identity.name if identity and args.with_name else ""
        out_list.append(
            ConsentRequest(
                variant,
                "" if args.blank else p.code,
                "" if args.blank else name,
                p.site_id,
                include_sheet=not args.no_sheet,
            )
        )
        if not args.blank:
            _audit_participant(
                tx,
                p.uuid,
                {
                    "document": f"consent form ({variant.value})",
                    "name_printed": bool(name),
                    "file": out.name,
                },
            )
    return out_list


def cmd_print_consent(args: argparse.Namespace) -> int:
    out = _out(args.out)
    # --templates DIR overrides the study's own templates (checked before the password)
    templates = load_templates(Path(args.templates)) if args.templates else None
    ws = open_unlocked(args)
    try:
        if templates is None:
            templates = study_templates(ws)
        with ws.transaction() as tx:
            requests = _requests(ws, tx, args, out)
            data = render_consent_batch(ws.study, templates, requests)
            atomic_write(out, data)  # inside the transaction: no audit without the file
    finally:
        ws.lock()
    n = len(requests)
    return _done(args, out, data, "the consent form" if n == 1 else f"{n} consent forms")


def cmd_print_summary(args: argparse.Namespace) -> int:
    out = _out(args.out)
    ws = open_unlocked(args)
    try:
        if args.participant:
            summary = participant_summary(ws, args.participant)
            data = render_participant_summary(summary)
            with ws.transaction() as tx:
                p = tx.participants.get(args.participant)
                _audit_participant(
                    tx, p.uuid, {"document": "participant summary", "file": out.name}
                )
                atomic_write(out, data)
            what = "the participant summary"
        else:
            site = site_summary(ws, args.site)
            data = render_site_summary(site)
            with ws.transaction() as tx:
                tx.audit(
                    AuditAction.EXPORT,
                    "site",
                    None,
                    {"document": "site summary", "site": args.site, "file": out.name},
                    WORKSPACE_KEY_ID,
                )
                atomic_write(out, data)
            what = "the site summary"
    finally:
        ws.lock()
    return _done(args, out, data, what)


def cmd_print_form(args: argparse.Namespace) -> int:
    from sylcollect.services.records import form_for

    out = _out(args.out)
    ws = open_unlocked(args)
    try:
        form = form_for(ws, args.form_id, args.version)
        ref = ws.study.form(args.form_id, args.version)
        subject = ref.subject if ref else "participant"
        data = render_questionnaire(form, ws.study.name, subject, args.lang)
    finally:
        ws.lock()
    atomic_write(out, data)  # a blank form: no personal data, nothing to audit
    return _done(args, out, data, f"the paper form {form.id} (version {form.version})")


def cmd_print_card(args: argparse.Namespace) -> int:
    out = _out(args.out)
    ws = open_unlocked(args)
    try:
        data = render_support_card(ws.study, args.site, args.adult)
        with ws.transaction() as tx:  # audited as the app audits it; no personal data
            details = {
                "document": "support card",
                "site": args.site,
                "adult_named": bool(args.adult.strip()),
                "file": out.name,
            }
            tx.audit(AuditAction.EXPORT, "site", None, details, WORKSPACE_KEY_ID)
            atomic_write(out, data)
    finally:
        ws.lock()
    return _done(args, out, data, "the support cards")


def cmd_print_recovery(args: argparse.Namespace) -> int:
    from sylcollect.crypto.slots import parse_recovery_key

    out = _out(args.out)
    folder = data_dir(args)
    ws = Workspace.open(folder)
    key = password("Recovery key: ", env="SYLCOLLECT_RECOVERY_KEY").strip()
    parse_recovery_key(key)  # a typing mistake is caught before anything is printed
    clean = "".join(ch for ch in key.upper() if ch.isalnum())
    grouped = "-".join(clean[i : i + 6] for i in range(0, len(clean), 6))
    data = render_recovery_sheet(grouped, ws.study_id(), folder.name, date.today())
    atomic_write(out, data)
    return _done(args, out, data, "the recovery sheet")
