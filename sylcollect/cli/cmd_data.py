"""CLI commands for fieldwork data: participants, consent, records, observations."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from typing import Any

from sylcollect.cli.common import CliError, add_json, emit, open_unlocked
from sylcollect.domain.consent import Consent, ConsentMethod, ConsentScope, ConsentWho
from sylcollect.domain.observation import Observation
from sylcollect.domain.participant import Identity
from sylcollect.domain.record import RecordMode
from sylcollect.domain.study import Role
from sylcollect.errors import InvalidInput


def register(sub: Any) -> None:
    part = sub.add_parser("participant", help="enrol and manage participants").add_subparsers(
        dest="participant_cmd", metavar="ACTION", required=True
    )
    add = part.add_parser("add", help="enrol a participant")
    add.add_argument("--site", required=True)
    add.add_argument("--code", required=True, help="pseudonymous code, e.g. DH-001")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.YOUNG_PERSON.value)
    add.add_argument("--unit", help="unit id within the site")
    add.add_argument("--name", help="full name (stored encrypted)")
    add.add_argument("--dob", help="date of birth YYYY-MM-DD (stored encrypted)")
    add_json(add)
    add.set_defaults(handler=cmd_participant_add)
    ls = part.add_parser("list", help="participants (codes, sites, status)")
    ls.add_argument("--site")
    add_json(ls)
    ls.set_defaults(handler=cmd_participant_list)
    show = part.add_parser("show", help="one participant; --reveal shows identity (audited)")
    show.add_argument("code")
    show.add_argument("--reveal", action="store_true")
    add_json(show)
    show.set_defaults(handler=cmd_participant_show)
    wd = part.add_parser("withdraw", help="withdraw: their data becomes unreadable for good")
    wd.add_argument("code")
    wd.add_argument("--yes", action="store_true", help="confirm (required)")
    wd.set_defaults(handler=cmd_participant_withdraw)

    con = sub.add_parser("consent", help="consent records").add_subparsers(
        dest="consent_cmd", metavar="ACTION", required=True
    )
    cadd = con.add_parser("add", help="record consent")
    cadd.add_argument("code")
    cadd.add_argument("--who", choices=[w.value for w in ConsentWho], default="self")
    cadd.add_argument(
        "--scopes", required=True, help=f"comma list of {', '.join(s.value for s in ConsentScope)}"
    )
    cadd.add_argument("--sheet-version", required=True, help="information sheet version")
    cadd.add_argument("--method", choices=[m.value for m in ConsentMethod], default="paper")
    cadd.add_argument("--date", help="YYYY-MM-DD (default today)")
    add_json(cadd)
    cadd.set_defaults(handler=cmd_consent_add)
    cls = con.add_parser("list", help="a participant's consent history")
    cls.add_argument("code")
    add_json(cls)
    cls.set_defaults(handler=cmd_consent_list)

    rec = sub.add_parser("record", help="questionnaires and returns").add_subparsers(
        dest="record_cmd", metavar="ACTION", required=True
    )
    radd = rec.add_parser("add", help="save a record from an answers file (JSON)")
    radd.add_argument("--form", required=True, metavar="FORM_ID")
    radd.add_argument("--answers", required=True, metavar="FILE.json")
    radd.add_argument("--participant", metavar="CODE")
    radd.add_argument("--site")
    radd.add_argument("--wave")
    radd.add_argument("--mode", choices=[m.value for m in RecordMode], default="interviewer")
    radd.add_argument(
        "--paper-date",
        metavar="YYYY-MM-DD",
        help="with --mode paper_transcription: the date written on the paper form",
    )
    add_json(radd)
    from sylcollect.cli.cmd_forms import cmd_record_add  # the form-aware handler

    radd.set_defaults(handler=cmd_record_add)
    rls = rec.add_parser("list", help="records (ids, forms, sites, status)")
    add_json(rls)
    rls.set_defaults(handler=cmd_record_list)

    obs = sub.add_parser("observation", help="observations of activities").add_subparsers(
        dest="observation_cmd", metavar="ACTION", required=True
    )
    oadd = obs.add_parser("add", help="log an observed activity")
    oadd.add_argument("--site", required=True)
    oadd.add_argument("--activity", required=True, help="activity type")
    oadd.add_argument("--start", help="YYYY-MM-DDTHH:MM (default now)")
    oadd.add_argument("--minutes", type=int, required=True)
    oadd.add_argument("--who", default="", help="participant codes, comma separated")
    oadd.add_argument("--notes", default="")
    oadd.add_argument("--tags", default="")
    oadd.add_argument("--milestones", default="", help="milestone ids, comma separated")
    add_json(oadd)
    oadd.set_defaults(handler=cmd_observation_add)
    ols = obs.add_parser("list", help="logged observations")
    ols.add_argument("--site")
    add_json(ols)
    ols.set_defaults(handler=cmd_observation_list)


def _csv(text: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in text.split(",") if t.strip())


def _date(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{what} must be a date like 2025-03-31") from None


def _check_site(ws: Any, site_id: str) -> None:
    if ws.study.site(site_id) is None:
        sites = ", ".join(s.id for s in ws.study.sites)
        raise InvalidInput(f"unknown site '{site_id}' (sites: {sites})")


def cmd_participant_add(args: argparse.Namespace) -> int:
    identity = Identity(
        name=args.name or "", date_of_birth=_date(args.dob, "--dob") if args.dob else None
    )
    ws = open_unlocked(args)
    _check_site(ws, args.site)
    site = ws.study.site(args.site)
    if args.unit and site and args.unit not in {u.id for u in site.units}:
        raise InvalidInput(f"unknown unit '{args.unit}' at site {args.site}")
    with ws.transaction() as tx:
        p = tx.participants.add(args.code, args.site, Role(args.role), identity, args.unit)
    ws.lock()
    emit(args, {"code": p.code, "uuid": p.uuid, "site": p.site_id}, f"Enrolled {p.code}.")
    return 0


def cmd_participant_list(args: argparse.Namespace) -> int:
    ws = open_unlocked(args)
    with ws.transaction() as tx:
        people = tx.participants.list(site_id=args.site)
    ws.lock()
    rows = [
        {
            "code": p.code,
            "site": p.site_id,
            "role": p.role.value if p.role else None,
            "withdrawn": p.withdrawn,
        }
        for p in people
    ]
    text = "\n".join(
        f"{r['code']:16} {r['site']:20} {r['role'] or '-':16} "
        f"{'withdrawn' if r['withdrawn'] else ''}"
        for r in rows
    )
    emit(args, rows, text or "No participants yet.")
    return 0


def cmd_participant_show(args: argparse.Namespace) -> int:
    ws = open_unlocked(args)
    with ws.transaction() as tx:
        p = (
            tx.participants.reveal_identity(args.code)
            if args.reveal
            else tx.participants.get(args.code)
        )
        records = tx.records.list(participant_uuid=p.uuid, decrypt=False)
    ws.lock()
    data: dict[str, Any] = {
        "code": p.code,
        "site": p.site_id,
        "role": p.role.value if p.role else None,
        "withdrawn": p.withdrawn,
        "records": len(records),
    }
    if args.reveal and p.identity is not None:
        data["identity"] = p.identity.to_json()
    emit(args, data, "\n".join(f"{k}: {v}" for k, v in data.items()))
    return 0


def cmd_participant_withdraw(args: argparse.Namespace) -> int:
    if not args.yes:
        raise CliError("withdrawal can't be undone: add --yes to confirm")
    ws = open_unlocked(args)
    from sylcollect.sync.withdrawal import withdraw_participant

    scrubbed = withdraw_participant(ws, args.code).scrubbed
    ws.lock()
    print(f"Withdrew {args.code}. Their data can no longer be read by anyone.")
    if not scrubbed:
        print(
            "Note: another program was reading the workspace, so the old pages will be wiped "
            "from the file the next time it is opened.",
            file=sys.stderr,
        )
    return 0


def cmd_consent_add(args: argparse.Namespace) -> int:
    try:
        scopes = frozenset(ConsentScope(s) for s in _csv(args.scopes))
    except ValueError:
        raise InvalidInput(
            f"unknown scope in --scopes (use {', '.join(s.value for s in ConsentScope)})"
        ) from None
    given = _date(args.date, "--date") if args.date else date.today()
    ws = open_unlocked(args)
    with ws.transaction() as tx:
        p = tx.participants.get(args.code)
        c = tx.consents.add(
            Consent(
                "",
                p.uuid,
                ConsentWho(args.who),
                scopes,
                args.sheet_version,
                ConsentMethod(args.method),
                given,
                taken_by=ws.actor,
            )
        )
    ws.lock()
    emit(args, {"uuid": c.uuid}, f"Consent recorded for {args.code}.")
    return 0


def cmd_consent_list(args: argparse.Namespace) -> int:
    ws = open_unlocked(args)
    with ws.transaction() as tx:
        p = tx.participants.get(args.code)
        consents = tx.consents.for_participant(p.uuid)
    ws.lock()
    rows: list[dict[str, Any]] = [{"uuid": c.uuid, **c.to_json()} for c in consents]
    text = "\n".join(
        f"{c.given_on} {c.who.value} {','.join(sorted(c.scopes))}"
        + (f" (withdrawn {c.withdrawn_on})" if c.withdrawn_on else "")
        for c in consents
    )
    emit(args, rows, text or "No consent recorded.")
    return 0


def cmd_record_list(args: argparse.Namespace) -> int:
    ws = open_unlocked(args)
    with ws.transaction() as tx:
        records = tx.records.list(decrypt=False)
        codes = {p.uuid: p.code for p in tx.participants.list()}
    ws.lock()
    rows = [
        {
            "uuid": r.uuid,
            "form_id": r.form_id,
            "form_version": r.form_version,
            "site": r.site_id,
            "participant": codes.get(r.participant_uuid or ""),
            "status": r.status.value,
            "created_at": r.created_at,
            "shredded": r.shredded,
        }
        for r in records
    ]
    text = "\n".join(
        f"{r['uuid']}  {r['form_id']:18} v{r['form_version']:4} {r['site']:18} "
        f"{r['participant'] or '-':10} {r['status']}{' (withdrawn)' if r['shredded'] else ''}"
        for r in rows
    )
    emit(args, rows, text or "No records yet.")
    return 0


def cmd_observation_add(args: argparse.Namespace) -> int:
    try:
        start = datetime.fromisoformat(args.start) if args.start else datetime.now()
    except ValueError:
        raise InvalidInput("--start must look like 2025-03-31T14:30") from None
    if args.minutes <= 0:
        raise InvalidInput("--minutes must be more than 0")
    ws = open_unlocked(args)
    _check_site(ws, args.site)
    milestones = _csv(args.milestones)
    known = {m.id for m in ws.study.milestones}
    unknown = [m for m in milestones if m not in known]
    if unknown:
        raise InvalidInput(f"unknown milestone '{unknown[0]}'")
    with ws.transaction() as tx:
        o = tx.observations.add(
            Observation(
                "",
                args.site,
                args.activity,
                start,
                args.minutes,
                _csv(args.who),
                args.notes,
                _csv(args.tags),
                milestones,
                ws.actor,
            )
        )
    ws.lock()
    emit(args, {"uuid": o.uuid}, f"Logged observation {o.uuid}.")
    return 0


def cmd_observation_list(args: argparse.Namespace) -> int:
    ws = open_unlocked(args)
    with ws.transaction() as tx:
        items = tx.observations.list(args.site)
    ws.lock()
    rows = [{"uuid": o.uuid, "site": o.site_id, **o.content_json()} for o in items]
    emit(
        args,
        rows,
        "\n".join(
            f"{o.started_at:%Y-%m-%d %H:%M} {o.site_id:18} {o.activity_type:20} "
            f"{o.duration_minutes} min"
            for o in items
        )
        or "No observations yet.",
    )
    return 0
