"""JUnit XML output for GitLab, Jenkins and other CI that read test reports.

One <testsuite> per article, one <testcase> per quotation: a quotation whose verdict fails the
run (--fail-on) is a <failure> typed by its verdict, a variant accepted by the baseline is
<skipped> with the baseline's reason, every other quotation passes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Iterable, TextIO

from ..baseline import is_failure
from ..records import DocumentReport
from . import reporter
from .markdown import message

__all__ = ["write_junit"]


def _name(text: str, n: int = 80) -> str:
    s = " ".join(text.split())
    return s if len(s) <= n else s[: n - 1] + "…"


@reporter("junit")
def write_junit(reports: Iterable[DocumentReport], out: TextIO, options: dict) -> None:
    suppressed = options.get("suppressed") or {}
    root = ET.Element("testsuites", name="verify")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for r in reports:
        suite = ET.SubElement(root, "testsuite", name=r.path)
        n = {"tests": 0, "failures": 0, "skipped": 0}
        for f in r.findings:
            q = f.quotation
            n["tests"] += 1
            case = ET.SubElement(suite, "testcase", classname=r.path,
                                 name=f"{q.line}:{q.column} {q.speaker or '?'}: “{_name(q.text)}”",
                                 file=r.path, line=str(q.line))
            if f in suppressed:
                n["skipped"] += 1
                ET.SubElement(case, "skipped", message=f"accepted by the baseline: {suppressed[f]}")
            elif is_failure(f, options):
                n["failures"] += 1
                fail = ET.SubElement(case, "failure", type=f.verdict, message=f"{f.verdict} quotation")
                fail.text = message(f, options)
            else:
                ET.SubElement(case, "system-out").text = f"{f.verdict}" + (f" [{f.source.id}]" if f.source else "")
        for k, v in n.items():
            suite.set(k, str(v))
            totals[k] += v
        suite.set("errors", "0")
    for k, v in totals.items():
        root.set(k, str(v))
    root.set("errors", "0")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
