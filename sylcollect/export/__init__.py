"""Analysis exports: CSV, XLSX, SPSS `.sav` and Stata `.dta`, each with a codebook.

    source = WorkspaceSource(ws)            # or CentralSource(unlocked_central_store)
    result = run_export(source, ExportRequest(ExportFormat.SAV, Path("out")))

De-identified unless `include_identifiers` (participant codes only; free text kept and
flagged in the codebook). Every export is audited. Files go only to the chosen folder.
"""

from sylcollect.export.central_source import CentralSource
from sylcollect.export.run import ExportFormat, ExportRequest, ExportResult, run_export
from sylcollect.export.source import ExportFilter, ExportSource, FormRegistry, WorkspaceSource

__all__ = [
    "CentralSource",
    "ExportFilter",
    "ExportFormat",
    "ExportRequest",
    "ExportResult",
    "ExportSource",
    "FormRegistry",
    "WorkspaceSource",
    "run_export",
]
