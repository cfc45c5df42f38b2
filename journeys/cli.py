"""The command line, `journeys` (and `build_site.py` in the project's own repository): arguments
only; the work is elsewhere, imported when a command needs it so that `--help` answers at once."""

from __future__ import annotations

import argparse
import os
import sys

from journeys.invocation import command, remember
from journeys.release import VERSION

# The shell's exit status for a process ended by SIGPIPE (128 + 13): what `cmd | head` expects.
BROKEN_PIPE = 141

DESCRIPTION = """Check children's services improvement data (Frictionless data packages of CSV files in
data/<authority>/) and publish it as an accessible static site. With no command: build."""


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog=command(), description=DESCRIPTION)
    top.add_argument("--version", action="version", version=f"journeys {VERSION}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="start a council's own site: a folder with site.yml, its package, "
                                            "a publishing workflow and a README")
    init.add_argument("folder", help="a new or empty folder, e.g. slough-journey")
    _authority_arguments(init)
    init.add_argument("--slug", help="the package's name: its folder in data/ and its web address "
                                     "(default: from --name, e.g. slough)")

    build = commands.add_parser("build", help="validate every package and build the site (the default)")
    build.add_argument("--config", default="site.yml", help="site configuration (default: site.yml)")
    build.add_argument("--site-dir", default=None, help="where to write the site (default: from the configuration)")
    build.add_argument("--site-url", default=None,
                       help="the address the site is published at (default: JOURNEYS_SITE_URL, else site_url "
                            "in the configuration)")

    validate = commands.add_parser("validate", help="check data packages and print every problem")
    validate.add_argument("folders", nargs="*", help="package folders (default: every folder in data/)")

    new = commands.add_parser("new", help="make a package of empty CSVs with the right headers")
    new.add_argument("slug")
    _authority_arguments(new)
    new.add_argument("--data-dir", default="data")

    add = commands.add_parser("add-table", help="add a table to a package: its CSV header and datapackage.json entry")
    add.add_argument("package", help="the package folder, e.g. data/kent")
    add.add_argument("table", help="the table to add, e.g. progress")

    embargo = commands.add_parser("embargo-ended", help="print ended=true if a paper's embargo ended lately "
                                                        "(for the scheduled workflow)")
    embargo.add_argument("--within-minutes", type=int, required=True)
    embargo.add_argument("data_dir", nargs="?", default="data")

    load = commands.add_parser("import-xlsx", help="import an Excel scorecard's figures into a package")
    load.add_argument("package", help="the package folder, e.g. data/coventry")
    load.add_argument("workbook", help="the .xlsx workbook, e.g. scorecard.xlsx")
    load.add_argument("--mapping", default=None, help="the mapping (default: <package>/imports/<workbook name>.yml)")
    load.add_argument("--replace", action="store_true", help="let the workbook correct figures already published")
    load.add_argument("--document-id", default=None, help="the paper the workbook came with, if not the mapping's")

    describe = commands.add_parser("update-description", help="bring datapackage.json's \"as at\" up to the latest paper")
    describe.add_argument("package", help="the package folder, e.g. data/kent")

    check = commands.add_parser("check-site", help="check a built site is ready to publish: its sitemaps list "
                                                   "every page (for the publishing workflow)")
    check.add_argument("site_dir", nargs="?", default="site")

    paper = commands.add_parser("paper", help="write the committee paper for a report, as a PDF and an HTML page")
    paper.add_argument("authority", help="the package folder, e.g. data/coventry (or its name in data_dir)")
    paper.add_argument("--as-at", help="the report: a document_id from documents.csv or a day, e.g. 2017-01-12 "
                                       "(default: the latest report: a committee paper, a board update or a paper the "
                                       "plan's ratings cite)")
    paper.add_argument("--since", help="the previous report to compare with: a document_id or a day "
                                       "(default: the report before)")
    paper.add_argument("--draft", action="store_true",
                       help="include embargoed papers, and mark every page DRAFT: not for publication until …")
    paper.add_argument("--out", default="papers", help="the folder to write into (default: papers)")
    paper.add_argument("--config", default="site.yml", help="site configuration (default: site.yml)")

    serve = commands.add_parser("serve", help="preview the site and rebuild when a file changes")
    serve.add_argument("--config", default="site.yml")
    serve.add_argument("--port", type=int, default=8000)
    return top


def _authority_arguments(command_parser: argparse.ArgumentParser) -> None:
    command_parser.add_argument("--name", required=True, help="the authority's name, e.g. 'Coventry City Council'")
    command_parser.add_argument("--gss", required=True, help="GSS code, e.g. E08000026")
    command_parser.add_argument("--dfe", required=True, help="DfE 3-digit code, e.g. 331")


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # started from a shell: the commands we print start as this one did, in every process
        remember()
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        status = run(args)
        sys.stdout.flush()  # a closed pipe shows up here, not at exit where it cannot be caught
        return status
    except BrokenPipeError:
        return _reader_gone()


def _reader_gone() -> int:
    """The reader of our output went away (`validate | head`): stop quietly, no traceback.

    Python flushes stdout again on exit; pointing it at devnull keeps that flush from failing
    too (the recipe in the Python docs' "Note on SIGPIPE").
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return BROKEN_PIPE


def run(args: argparse.Namespace) -> int:
    """Do the command the arguments name; `build` when none is named."""
    command_name = args.command or "build"
    if command_name == "init":
        from journeys.starter import init
        return init(args.folder, name=args.name, gss=args.gss, dfe=args.dfe, slug=args.slug)
    if command_name == "validate":
        from journeys.build.validation import validate_command
        return validate_command(args.folders)
    if command_name == "new":
        from journeys.scaffold import new_package
        return new_package(args.slug, name=args.name, gss=args.gss, dfe=args.dfe, data_dir=args.data_dir)
    if command_name == "add-table":
        from journeys.scaffold import add_table
        return add_table(args.package, args.table)
    if command_name == "embargo-ended":
        return embargo_ended(args.data_dir, args.within_minutes)
    if command_name == "import-xlsx":
        from journeys.workbook.command import import_command
        return import_command(args.package, args.workbook, args.mapping, args.replace, args.document_id)
    if command_name == "update-description":
        from journeys.workbook.describe import update_description_command
        return update_description_command(args.package)
    if command_name == "check-site":
        return check_site(args.site_dir)
    if command_name == "paper":
        from journeys.paper_command import Choice, paper_command
        return paper_command(args.authority, Choice(args.as_at, args.since, args.draft), args.out, args.config)
    if command_name == "serve":
        from journeys.build.serve import serve
        return serve(config_path=args.config, port=args.port)
    from journeys.build.pipeline import build_command
    return build_command(config_path=getattr(args, "config", "site.yml"), site_dir=getattr(args, "site_dir", None),
                         site_url=getattr(args, "site_url", None))


def embargo_ended(data_dir: str, minutes: int) -> int:
    """Print ended=true|false for $GITHUB_OUTPUT: whether a paper's embargo ended in the last `minutes`."""
    from datetime import datetime, timedelta, timezone
    from pathlib import Path

    from journeys.domain.embargo import embargo_ended_within
    from journeys.model.problems import printable

    ended = embargo_ended_within(Path(data_dir), datetime.now(timezone.utc), timedelta(minutes=minutes))
    for document in ended:
        print(printable(f"embargo ended: {document}"), file=sys.stderr)
    print(f"ended={'true' if ended else 'false'}")
    return 0


def check_site(site_dir: str) -> int:
    """Print every reason the built site is not ready to publish; 1 if there is one."""
    from pathlib import Path

    from journeys.build.site_check import check_site as problems_of

    problems = problems_of(Path(site_dir))
    for found in problems:
        print(found.line())
    if problems:
        print(f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''}: do not publish this site.",
              file=sys.stderr)
        return 1
    print(f"{site_dir}: ready to publish; its sitemaps list every page.")
    return 0
