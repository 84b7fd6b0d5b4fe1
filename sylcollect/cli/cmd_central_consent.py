"""`sylcollect central consent-pdf CODE --out FILE`: a participant's signed consent document
(the e-consent PDF signed on screen, or the scan of the signed paper form) from the central
store, written where the supervisor says (atomically, user-only) to open or print.

The newest consent holding a document is taken, or the one named by `--consent UUID`;
`--list` prints every consent of theirs holding one (to pick a UUID), writing nothing. The
reading is audited in the central store's chain (`export`, under the participant's key). A
withdrawn participant's documents were crypto-shredded: that is an `error: ` line.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sylcollect.cli.cmd_central import home_db
from sylcollect.cli.cmd_central_export import _central_actions
from sylcollect.cli.common import emit, password


def register(sub: Any) -> None:
    """Adds `consent-pdf` to `sylcollect central` (call after `cmd_central.register`)."""
    p = _central_actions(sub).add_parser(
        "consent-pdf",
        help="a participant's signed consent (e-consent PDF or scan) from the central store",
        description="Writes the signed consent document that came with the participant's "
        "consent record (the newest one, or --consent UUID) to --out. Audited. --list shows "
        "each consent of theirs that holds a signed document instead.",
    )
    p.add_argument("code", metavar="CODE", help="the participant's code")
    home_db(p)
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--out", metavar="FILE", help="where to write the document")
    what.add_argument(
        "--list", action="store_true", help="list their signed consents; write nothing"
    )
    p.add_argument("--consent", metavar="UUID", help="this consent record's document")
    p.set_defaults(handler=cmd_consent_pdf)


def _kind(method: str) -> str:
    return "scan of the signed paper form" if method == "paper" else "e-consent"


def cmd_consent_pdf(args: argparse.Namespace) -> int:
    from sylcollect.services.econsent import ConsentDocument, signed_document
    from sylcollect.storage.files import atomic_write
    from sylcollect.sync.central_session import central_session

    if args.list:
        return _list(args)
    out = Path(args.out)

    def write(document: ConsentDocument) -> None:
        atomic_write(out, document.data)

    with central_session(args.home, args.db, password()) as session:
        consent, document = signed_document(session.store, args.code, args.consent, deliver=write)
    kind = _kind(document.method.value)
    emit(
        args,
        {
            "participant": args.code,
            "consent_uuid": consent.uuid,
            "given_on": consent.given_on.isoformat(),
            "method": document.method.value,
            "media_type": document.media_type,
            "bytes": len(document.data),
            "sha256": document.sha256,
            "out": str(out),
        },
        f"{out}: consent of {args.code} given on {consent.given_on.isoformat()} "
        f"({kind}, {document.media_type}, {len(document.data)} bytes)",
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    """`--list`: the consents holding a signed document, newest first (not audited: nothing
    of the document leaves the store)."""
    from sylcollect.services.econsent import signed_consents
    from sylcollect.sync.central_session import central_session

    with central_session(args.home, args.db, password()) as session:
        found = signed_consents(session.store, args.code)
    rows: list[dict[str, Any]] = [
        {
            "consent_uuid": consent.uuid,
            "given_on": consent.given_on.isoformat(),
            "who": consent.who.value,
            "method": document.method.value,
            "media_type": document.media_type,
            "bytes": len(document.data),
        }
        for consent, document in found
    ]
    lines = [
        f"{r['consent_uuid']}  given on {r['given_on']}  {r['who']}  {_kind(r['method'])} "
        f"({r['media_type']}, {r['bytes']} bytes)"
        for r in rows
    ]
    text = "\n".join(lines) if lines else f"{args.code} has no signed consent document here"
    emit(args, {"participant": args.code, "consents": rows}, text)
    return 0
