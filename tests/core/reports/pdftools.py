"""Reading back the PDFs we make: text (pypdf, else poppler's pdftotext) and QR codes
(poppler's pdftoppm to a PNG, then zbar's zbarimg). Tools that are missing skip the test
that needs them, with the reason."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def pdf_text(data: bytes) -> str:
    """All text of the PDF, whitespace collapsed to single spaces."""
    try:
        from io import BytesIO

        from pypdf import PdfReader

        text = "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)
    except ImportError:
        if not shutil.which("pdftotext"):
            pytest.skip("needs pypdf or poppler-utils (pdftotext) to read PDF text")
        proc = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
        )
        text = proc.stdout.decode("utf-8")
    return re.sub(r"\s+", " ", text)


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def decode_qr(data: bytes, page: int = 1, dpi: int = 150) -> list[str]:
    """Every QR code on one page, decoded from a rendering of the page."""
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("needs poppler-utils (pdftoppm) and zbar-tools (zbarimg) to decode QR codes")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                str(pdf),
                str(Path(tmp) / "page"),
            ],
            check=True,
        )
        png = next(Path(tmp).glob("page*.png"))
        proc = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
            capture_output=True,
            text=True,
        )
    return [line for line in proc.stdout.splitlines() if line]
