"""The house rules that no linter checks for us: module size, private names staying private, one kind of refusal,
one e-mail sender and one spreadsheet writer.

The layer rules themselves are import-linter contracts in pyproject.toml, run by `make lint`.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["core", "cms", "members", "payments", "events", "partnerships", "demo", "site/config"]
MAX_LINES = 600


def app_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT / "site" if path.is_relative_to(ROOT / "site") else ROOT)
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def test_no_app_module_is_over_600_lines():
    too_long = {
        str(path.relative_to(ROOT)): length
        for path in app_modules()
        if (length := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


PROJECT = {"core", "cms", "members", "payments", "events", "partnerships", "demo", "config"}


def private_imports(source: str, *, module: str, is_package: bool = False):
    """`from other.module import _name`: a name another module needs is part of its public interface."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            imported = ".".join(base + ([node.module] if node.module else []))
        else:
            imported = node.module or ""
        if imported.split(".")[0] not in PROJECT or imported == module:
            continue
        for alias in node.names:
            if alias.name.startswith("_") and not alias.name.startswith("__"):
                yield f"{module}:{node.lineno} imports {alias.name} from {imported}"


def test_no_private_name_is_imported_from_another_module():
    found = [
        line
        for path in app_modules()
        for line in private_imports(
            path.read_text(encoding="utf-8"), module=module_name(path), is_package=path.name == "__init__.py"
        )
    ]
    assert found == []


def test_the_private_import_scan_reports_what_it_should():
    source = "from members.selectors import _hidden, visible\nfrom . import _sibling\nfrom django.db import _x\n"
    assert list(private_imports(source, module="members.views")) == [
        "members.views:1 imports _hidden from members.selectors",
        "members.views:2 imports _sibling from members",
    ]
    assert list(private_imports("from ..selectors import _deep\n", module="members.dues.forms")) == [
        "members.dues.forms:1 imports _deep from members.selectors"
    ]


# Exceptions that never reach a person: they are caught inside their own module.
INTERNAL_EXCEPTIONS = {
    "core.errors.DomainError",  # the base itself
    "members.imports._Rollback",  # undoes a dry run's writes
    "payments.stripe_gateway.InvalidSignature",  # a forged webhook: the view answers 400
}


def test_every_refusal_is_a_domain_error():
    """A rule a service refuses raises a subclass of core.errors.DomainError, which views show in one way."""
    direct = set()
    for path in app_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and base.id == "Exception" for base in node.bases
            ):
                direct.add(f"{module_name(path)}.{node.name}")
    assert direct - INTERNAL_EXCEPTIONS == set()


MAIL_BUILDERS = {"EmailMessage", "EmailMultiAlternatives", "send_mail", "send_mass_mail"}


def test_every_email_goes_through_core_mail():
    """One sender (core.mail.send_templated) renders every e-mail in the recipient's language: no app builds its own
    message (allauth's adapter, which only sets the language around allauth's own sending, aside)."""
    builders = set()
    for path in app_modules():
        if module_name(path) in {"core.mail", "members.adapters"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in MAIL_BUILDERS:
                    builders.add(f"{module_name(path)}:{node.lineno}")
    assert builders == set()


SPREADSHEET_WRITERS = {"writer", "DictWriter", "Workbook"}


def test_every_spreadsheet_goes_through_core_exports():
    """One writer (core.exports) applies the export rules (byte order mark, `;`, local times, formulas quoted): no
    app writes its own CSV or workbook. Reading uploads (csv.reader, load_workbook) is another matter."""
    writers = set()
    for path in app_modules():
        if module_name(path) == "core.exports":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in SPREADSHEET_WRITERS:
                    writers.add(f"{module_name(path)}:{node.lineno}")
    assert writers == set()
