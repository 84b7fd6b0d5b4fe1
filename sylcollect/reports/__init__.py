"""Printed paper: consent and assent forms with information sheets, participant and site
summaries, paper versions of forms, and the recovery sheet.

Every renderer returns PDF bytes built in memory; nothing here writes a file. The caller
(the CLI, the app's preview) decides where the bytes go.
"""

from sylcollect.reports.consent import (
    ConsentRequest,
    choose_variant,
    render_consent,
    render_consent_batch,
)
from sylcollect.reports.gather import participant_summary, site_summary
from sylcollect.reports.participant_pdf import render_participant_summary
from sylcollect.reports.qr import FormLink
from sylcollect.reports.questionnaire import render_questionnaire
from sylcollect.reports.recovery import render_recovery_sheet
from sylcollect.reports.site_pdf import render_site_summary
from sylcollect.reports.templates import TemplateError, TemplateSet, Variant, load_templates

__all__ = [
    "ConsentRequest",
    "FormLink",
    "TemplateError",
    "TemplateSet",
    "Variant",
    "choose_variant",
    "load_templates",
    "participant_summary",
    "render_consent",
    "render_consent_batch",
    "render_participant_summary",
    "render_questionnaire",
    "render_recovery_sheet",
    "render_site_summary",
    "site_summary",
]
