"""gov_disclosure — China's 政府信息公开工作年度报告 (government information disclosure annual report).

The statutory format of both editions (2019: 国办公开办函〔2019〕60号; 2021: 国办公开办函〔2021〕30号) as typed,
frozen classes; its accounting rules as a catalogue of findings; JSON and YAML in a fixed wire format; Word
and HTML in the official layout; published reports read back into the model; consolidation, checks across years and
audits of many files; CSV and Excel exports.
"""

from ._appeals import AppealCounts, Appeals
from ._applications import (
    APPLICANT_COLUMNS,
    ApplicantCounts,
    Applications,
    NotProcessed,
    OtherOutcomes2021,
    Outcomes2019,
    Outcomes2021,
    Unavailable,
    Withheld,
)
from ._audit import Audited, audit
from ._consolidate import aggregate, check_parent
from ._docx import to_docx
from ._errors import ConsolidationError, GovDisclosureError, LoadError, ReadError, RenderError, ReportInvalid
from ._export import WIDE_COLUMNS, to_xlsx, write_long, write_wide
from ._fields import Kind, Part, labels_at, parts
from ._findings import Finding, ReportKey, Severity
from ._gather import read_files
from ._html import to_html
from ._io import Format, dump, dumps, load, loads
from ._narrative import Block, Heading, Narrative, Paragraph
from ._proactive import (
    Decisions2021,
    Documents2019,
    Documents2021,
    Fees2021,
    ItemChanges2019,
    ItemDecisions2019,
    Proactive2019,
    Proactive2021,
    Procurement2019,
)
from ._read import Reading, read, read_docx, read_html, read_text
from ._report import REPORT_CLASSES, Edition, Fees, Report, Report2019, Report2021
from ._rules import RULES, Rule, check, validate
from ._schema import json_schema
from ._series import check_series
from ._wire import SCHEMA_VERSION, from_dict, to_dict

__all__ = [
    "APPLICANT_COLUMNS",
    "REPORT_CLASSES",
    "RULES",
    "SCHEMA_VERSION",
    "WIDE_COLUMNS",
    "AppealCounts",
    "Appeals",
    "ApplicantCounts",
    "Applications",
    "Audited",
    "Block",
    "ConsolidationError",
    "Decisions2021",
    "Documents2019",
    "Documents2021",
    "Edition",
    "Fees",
    "Fees2021",
    "Finding",
    "Format",
    "GovDisclosureError",
    "Heading",
    "ItemChanges2019",
    "ItemDecisions2019",
    "Kind",
    "LoadError",
    "Narrative",
    "NotProcessed",
    "OtherOutcomes2021",
    "Outcomes2019",
    "Outcomes2021",
    "Paragraph",
    "Part",
    "Proactive2019",
    "Proactive2021",
    "Procurement2019",
    "ReadError",
    "Reading",
    "RenderError",
    "Report",
    "Report2019",
    "Report2021",
    "ReportInvalid",
    "ReportKey",
    "Rule",
    "Severity",
    "Unavailable",
    "Withheld",
    "aggregate",
    "audit",
    "check",
    "check_parent",
    "check_series",
    "dump",
    "dumps",
    "from_dict",
    "json_schema",
    "labels_at",
    "load",
    "loads",
    "parts",
    "read",
    "read_docx",
    "read_files",
    "read_html",
    "read_text",
    "to_dict",
    "to_docx",
    "to_html",
    "to_xlsx",
    "validate",
    "write_long",
    "write_wide",
]

for _error in (
    ConsolidationError,
    GovDisclosureError,
    LoadError,
    ReadError,
    RenderError,
    ReportInvalid,
):  # tracebacks name them as users import them
    _error.__module__ = __name__
del _error
