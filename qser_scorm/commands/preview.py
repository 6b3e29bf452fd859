"""``qser-scorm preview``: build the course and play it in a browser inside a strict test LMS."""
from __future__ import annotations

import ipaddress

import click

from qser_scorm.commands.params import HOST, PORT
from qser_scorm.preview.cmi5 import Cmi5PreviewServer
from qser_scorm.preview.server import LMS_PROFILES, PreviewServer

HELP = """Build SOURCE (default: course_src) and serve it at http://127.0.0.1:PORT/ inside a page
that plays a SCORM 1.2 LMS as Moodle 4.5, Chamilo 1.11 or the strict SCORM 1.2 specification
(--lms), with a panel of every API call, the CMI data and the xAPI statements. Saving a file in
SOURCE rebuilds and relaunches. Stop with Ctrl-C."""


@click.command("preview", help=HELP)
@click.argument("source", default="course_src", type=click.Path(exists=True, file_okay=False))
@click.option("--port", default=8000, show_default=True, type=PORT,
              help="Port to listen on; 0 takes any free port.")
@click.option("--host", default="127.0.0.1", show_default=True, type=HOST,
              help="Address to listen on. Anything but a loopback address lets other machines "
                   "reach the preview, by this address: it answers only requests naming localhost, "
                   "a loopback address or ADDRESS.")
@click.option("--lms", default=LMS_PROFILES[0], show_default=True, type=click.Choice([*LMS_PROFILES, "cmi5"]),
              help="The LMS to play: what it answers, keeps and how it relaunches (docs/lms-notes.md); "
                   "cmi5 launches the course as a cmi5 AU and checks each statement against the cmi5 rules.")
def preview_command(source: str, port: int, host: str, lms: str) -> None:
    if lms == "cmi5":
        server = Cmi5PreviewServer(source, host=host, port=port, echo=click.echo)
    else:
        server = PreviewServer(source, host=host, port=port, echo=click.echo, lms=lms)
    if host in ("0.0.0.0", "::"):
        click.echo(f"note: listening on every interface, but answering only requests for localhost; to open the "
                   "preview from another machine, give this computer's network address as --host.", err=True)
    elif not _is_loopback(host):
        click.echo(f"warning: listening on {host}: other machines on the network can open the preview.", err=True)
    try:
        with server:
            click.echo(f"Preview of {source} in {lms} at {server.url}  (Ctrl-C to stop)")
            server.wait()
    except KeyboardInterrupt:
        click.echo("\nStopped.")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
