"""The published statistics as CSV, XLSX and ODS: one row per figure, allow-listed columns only.

Why so plain: most real breaches in this field were disclosures through spreadsheets (a hidden
tab, a hidden column of names). The files carry only the columns in :data:`COLUMNS`, one
visible sheet (and a visible sheet of definitions), no hidden rows, columns or sheets, and no
formulas: any text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
prefixed with an apostrophe so a spreadsheet shows it as text. Hidden figures read "Hidden".

Children in Need census factor codes (``vocab.CIN_FACTORS``) are given where a figure is about a
form of exploitation, so the partnership can set its figures beside its census return.
"""

from __future__ import annotations

import csv
import io

from lantern.analysis.statistics import vocab

#: The only columns an export holds, in order.
COLUMNS = ("definition", "statistic", "row", "column", "value", "suppressed", "cin_factors",
           "period_from", "period_to", "as_at", "area", "team")

#: Which concern each statistic is about, for its census factor codes.
DEFINITION_CONCERNS = {
    "cse_incidents": ("cse",), "cse_methods": ("cse",), "drug_supply_arrests": ("drug_supply",),
    "age_profile": ("drug_supply",), "county_lines": ("county_lines",),
    "missing_episodes": ("missing",), "return_interviews": ("missing",),
}
_NRM_BY_LABEL = {label: code for code, label in vocab.NRM_TYPES.items()}
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def safe_text(value):
    """Text a spreadsheet will never run as a formula; numbers and None pass through."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def cin_for(definition: str, column: str) -> str:
    if definition == "nrm_referrals" and column in _NRM_BY_LABEL:
        return " ".join(vocab.cin_factors([_NRM_BY_LABEL[column]]))
    return " ".join(vocab.cin_factors(DEFINITION_CONCERNS.get(definition, ())))


def rows(stats, filters) -> list[tuple]:
    out = []
    for stat in stats:
        for fig in stat.figures():
            value = "Hidden" if fig.value is None else fig.value
            record = {
                "definition": fig.definition, "statistic": stat.title, "row": fig.row,
                "column": fig.column, "value": value, "suppressed": "yes" if fig.suppressed else "no",
                "cin_factors": cin_for(fig.definition, fig.column),
                "period_from": filters.start.isoformat(), "period_to": filters.end.isoformat(),
                "as_at": filters.as_at.isoformat(), "area": filters.area or "All areas",
                "team": filters.team or "All teams",
            }
            out.append(tuple(safe_text(record[c]) for c in COLUMNS))
    return out


def definitions(stats) -> list[tuple]:
    return [(safe_text(s.definition), safe_text(s.title), safe_text(s.about)) for s in stats]


def render(stats, filters, fmt: str) -> tuple[bytes, str]:
    data = rows(stats, filters)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(COLUMNS)
        writer.writerows(data)
        return buf.getvalue().encode("utf-8"), CONTENT_TYPES["csv"]
    if fmt == "xlsx":
        return _xlsx(data, definitions(stats)), CONTENT_TYPES["xlsx"]
    if fmt == "ods":
        return _ods(data, definitions(stats)), CONTENT_TYPES["ods"]
    raise ValueError(f"Unknown format {fmt!r}")


def _xlsx(data, defs) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Statistics"
    ws.append(COLUMNS)
    for row in data:
        ws.append(row)
    # Every cell is a value: text starting with a formula character was escaped above, and
    # openpyxl stores strings as strings (data_type "s") unless they begin with "=".
    sheet = wb.create_sheet("Definitions")
    sheet.append(("definition", "statistic", "what counts"))
    for row in defs:
        sheet.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ods(data, defs) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()

    def sheet(name, header, body):
        table = Table(name=name)
        for values in [header, *body]:
            tr = TableRow()
            for v in values:
                if isinstance(v, int | float) and not isinstance(v, bool):
                    cell = TableCell(valuetype="float", value=v)
                    cell.addElement(P(text=str(v)))
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text="" if v is None else str(v)))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)

    sheet("Statistics", COLUMNS, data)
    sheet("Definitions", ("definition", "statistic", "what counts"), defs)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
