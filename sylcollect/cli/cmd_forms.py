"""CLI commands about forms (`form inspect`) and the form-aware record commands
(`record add` with safeguarding acknowledgement and files, `record show`, `record finalise`).

In `record add`'s answers file, the answer of an image, audio, video or file question may be
`"@/path/to/file"`: the file is read, checked against the question and stored encrypted with
the record (a relative path is taken from the current folder).
"""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sylcollect.cli.common import add_json, emit, open_unlocked, read_answers
from sylcollect.domain.record import Record, RecordMode, RecordStatus
from sylcollect.errors import InvalidInput
from sylcollect.forms.xlsform import SUFFIXES


def register(sub: Any) -> None:
    form = sub.add_parser("form", help="XLSForms: check and try out").add_subparsers(
        dest="form_cmd", metavar="ACTION", required=True
    )
    ins = form.add_parser(
        "inspect", help="evaluate a form (a file, or a form id of the study) against answers"
    )
    ins.add_argument("target", metavar="FILE|FORM_ID")
    ins.add_argument("--answers", metavar="FILE.json", help="answers to evaluate (default none)")
    ins.add_argument("--lang", metavar="LANG", help="language of labels and messages")
    ins.add_argument("--version", help="form version (FORM_ID only; default the newest)")
    add_json(ins)
    ins.set_defaults(handler=cmd_form_inspect)
    _extend_record(sub)


def _subcommands(parser: argparse.ArgumentParser) -> Any:
    """The subcommand action of a parser registered by another module."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise LookupError(parser.prog)


def _extend_record(sub: Any) -> None:
    """`record add --ack-alerts`, `record show`, `record finalise` (record is cmd_data's)."""
    record = _subcommands(sub.choices["record"])
    add = record.choices["add"]
    add.add_argument(
        "--ack-alerts",
        metavar="ACTION",
        help="acknowledge any safeguarding alert now, saying what was done (else: a draft)",
    )
    add.add_argument("--draft", action="store_true", help="save as a draft (may be incomplete)")
    add.add_argument("--form-version", metavar="VERSION", help="default: the newest version")
    add.epilog = (
        'For an image, audio, video or file question, give "@/path/to/file" as the answer: '
        "the file is stored encrypted with the record (at most 50 MB)."
    )
    show = record.add_parser("show", help="one record: answers, scores, alerts")
    show.add_argument("uuid")
    show.add_argument("--lang", metavar="LANG", help="language of the labels")
    add_json(show)
    show.set_defaults(handler=cmd_record_show)
    fin = record.add_parser("finalise", help="make a draft final (alerts acknowledged first)")
    fin.add_argument("uuid")
    fin.add_argument(
        "--ack-alerts", metavar="ACTION", help="acknowledge alerts, saying what was done"
    )
    add_json(fin)
    fin.set_defaults(handler=cmd_record_finalise)


def _looks_like_file(target: str) -> bool:
    return Path(target).suffix.lower() in SUFFIXES or Path(target).exists()


def cmd_form_inspect(args: argparse.Namespace) -> int:
    from sylcollect.forms.compiled import compile_form
    from sylcollect.forms.inspect import inspect_form, inspect_text
    from sylcollect.forms.xlsform import load_form

    answers = read_answers(args.answers) if args.answers else {}
    if _looks_like_file(args.target):
        path = Path(args.target)
        compiled = compile_form(load_form(path), path.name)
    else:
        from sylcollect.services.records import compiled_for

        ws = open_unlocked(args)
        try:
            compiled = compiled_for(ws, args.target, args.version)
        finally:
            ws.lock()
    data = inspect_form(compiled, answers, args.lang)
    emit(args, data, inspect_text(data))
    return 0


def _record_json(rec: Record) -> dict[str, Any]:
    return {
        "uuid": rec.uuid,
        "form_id": rec.form_id,
        "form_version": rec.form_version,
        "status": rec.status.value,
        "scores": rec.scores,
        "alerts": [a.to_json() for a in rec.alerts],
    }


def _saved_text(rec: Record, verb: str) -> str:
    lines = [f"{verb} record {rec.uuid} ({rec.form_id} v{rec.form_version}), {rec.status.value}."]
    waiting = [a for a in rec.alerts if not a.acknowledged]
    if waiting:
        lines.append(
            f"It stays a DRAFT: {len(waiting)} safeguarding alert"
            f"{'s' if len(waiting) != 1 else ''} must be acknowledged first "
            f'(sylcollect record finalise {rec.uuid} --ack-alerts "what you did").'
        )
        for a in waiting:
            gone = "" if a.holds else f" (no longer holds since {_time(a.cleared_at)})"
            lines.append(f"SAFEGUARDING ALERT {a.id}{gone}: {a.message}")
    return "\n".join(lines)


def _time(value: datetime | str | None) -> str:
    """'2026-11-25 11:30 UTC' (a stored time, ISO text or not); '?' when unknown."""
    if value is None:
        return "?"
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _alert_lines(alert: dict[str, Any]) -> list[str]:
    """One alert of `record show`: whether it is acknowledged and still holds, its message,
    then every earlier acknowledgement (who, when, action) that no longer covers it."""
    state = (
        f"acknowledged by {alert['acknowledged_by']}, {_time(alert['acknowledged_at'])}: "
        f"{alert['action_taken']}"
        if alert["acknowledged_by"]
        else "NOT acknowledged"
    )
    if alert.get("holds", True) is False:
        state += f"; no longer holds since {_time(alert.get('cleared_at'))}"
    lines = [f"  SAFEGUARDING ALERT {alert['id']} ({state}): {alert['message']}"]
    for earlier in alert.get("history") or ():
        lines.append(
            f"    earlier acknowledgement, before the answers changed: by {earlier['by']}, "
            f"{_time(earlier['at'])}: {earlier['action_taken']}"
        )
    return lines


def cmd_record_add(args: argparse.Namespace) -> int:
    from sylcollect.services.attachments import stage_files
    from sylcollect.services.records import NewRecord, add_record, form_for

    paper_date = None
    if args.paper_date is not None:
        if args.mode != RecordMode.PAPER:
            raise InvalidInput("--paper-date is only for --mode paper_transcription")
        try:
            paper_date = date.fromisoformat(args.paper_date)
        except ValueError:
            raise InvalidInput("--paper-date must be a date like 2025-03-31") from None
    answers = read_answers(args.answers)
    ws = open_unlocked(args)
    try:
        answers, files = stage_files(form_for(ws, args.form, args.form_version), answers)
        rec = add_record(
            ws,
            NewRecord(
                args.form,
                answers,
                args.participant,
                args.site,
                args.wave,
                RecordMode(args.mode),
                status=RecordStatus.DRAFT if args.draft else RecordStatus.FINAL,
                ack_action=args.ack_alerts,
                form_version=args.form_version,
                attachments=tuple(files),
                paper_date=paper_date,
            ),
        )
    finally:
        ws.lock()
    emit(args, _record_json(rec), _saved_text(rec, "Saved"))
    return 0


def cmd_record_finalise(args: argparse.Namespace) -> int:
    from sylcollect.services.records import finalise_record

    ws = open_unlocked(args)
    try:
        rec = finalise_record(ws, args.uuid, args.ack_alerts)
    finally:
        ws.lock()
    emit(args, _record_json(rec), _saved_text(rec, "Finalised"))
    return 0


def cmd_record_show(args: argparse.Namespace) -> int:
    from sylcollect.forms.inspect import choose_language
    from sylcollect.forms.state_view import views
    from sylcollect.services.attachments import list_attachments
    from sylcollect.services.records import get_record, record_state

    ws = open_unlocked(args)
    try:
        rec = get_record(ws, args.uuid)
        state = None if rec.shredded else record_state(ws, rec)
        files = list_attachments(ws, rec.uuid)
    finally:
        ws.lock()
    data: dict[str, Any] = {
        **_record_json(rec),
        "site": rec.site_id,
        "wave": rec.wave_id,
        "mode": rec.mode.value,
        "paper_date": rec.paper_date.isoformat() if rec.paper_date else None,
        "collected_by": rec.collected_by,
        "created_at": rec.created_at.isoformat() if rec.created_at else None,
        "revision": rec.revision,
        "shredded": rec.shredded,
        "answers": rec.answers,
        "questions": [],
        "attachments": [
            {
                "uuid": f.uuid,
                "question": f.question,
                "filename": f.filename,
                "media_type": f.media_type,
                "size": f.size,
            }
            for f in files
        ],
    }
    if state is not None:
        lang = choose_language(state.form, args.lang)
        data["questions"] = [
            {"name": v.name, "instance": list(v.instance), "label": v.label, "value": v.value}
            for v in views(state, lang)
            if v.relevant and v.value is not None
        ]
    emit(args, data, _show_text(data))
    return 0


def _show_text(data: dict[str, Any]) -> str:
    lines = [
        f"Record {data['uuid']}: {data['form_id']} v{data['form_version']}, {data['status']}"
        f"{' (withdrawn: unreadable)' if data['shredded'] else ''}"
    ]
    if data["paper_date"]:
        lines.append(f"  Typed in from a paper form dated {data['paper_date']}")
    for q in data["questions"]:
        where = "".join(f"[{i}]" for i in q["instance"])
        lines.append(f"  {q['label'] or q['name']}{where}: {q['value']}")
    for f in data["attachments"]:
        name = f["filename"] or "(withdrawn: unreadable)"
        lines.append(f"  file {f['uuid']}: {name} ({f['media_type']}, {f['size']} bytes)")
    for scale, s in data["scores"].items():
        shown = "not scored" if s.get("score") is None else s["score"]
        band = f" ({s['band']})" if s.get("band") else ""
        lines.append(f"  score {scale}: {shown}{band}")
    for alert in data["alerts"]:
        lines += _alert_lines(alert)
    return "\n".join(lines)
