"""Accessibility checks in the browser tests with axe-core (tests/e2e/package.json, installed by `make browser`).

check_accessibility(page, "name") runs axe on the page as it is now, keeps the full result in
test-output/axe/<name>.json for CI artefacts, and fails on any serious or critical violation of WCAG 2.1 A/AA
(best practices are reported in the JSON and fail only when serious or critical too).
"""

import json
import re
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
REPORTS = Path(__file__).resolve().parent.parent.parent / "test-output" / "axe"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}


def _report_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") or "page"


def run_axe(page) -> dict:
    """The result of axe.run() on the page's document (axe is injected once per document)."""
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed at {AXE}: npm ci --prefix tests/e2e (or make browser)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not added as a <script>: the site's Content-Security-Policy
        # forbids inline scripts, and the journeys keep that policy on.
        page.evaluate(AXE.read_text())
    return page.evaluate(
        """async (tags) => {
            const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
            const results = await axe.run(document, options);
            return {
                url: results.url,
                testEngine: results.testEngine,
                violations: results.violations,
                incomplete: results.incomplete,
                passes: results.passes.map((rule) => rule.id),
                inapplicable: results.inapplicable.map((rule) => rule.id),
            };
        }""",
        TAGS,
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"][:10]:
            target = " ".join(" >> ".join(part) if isinstance(part, list) else part for part in node["target"])
            lines.append(f"    {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def check_accessibility(page, name: str) -> dict:
    """Run axe on `page`, save test-output/axe/<name>.json and fail on serious or critical violations."""
    results = run_axe(page)
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{_report_name(name)}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    blocking = [violation for violation in results["violations"] if violation["impact"] in BLOCKING]
    if blocking:
        pytest.fail(
            f"Accessibility violations (serious or critical) on {results['url']} [{name}]:\n"
            + format_violations(blocking),
            pytrace=False,
        )
    return results
