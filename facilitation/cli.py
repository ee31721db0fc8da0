"""The `facilitation` command: serve, user, token, agenda, template, demo.

Nothing heavy is imported at module level: `serve` must monkey-patch for
gevent or eventlet before Flask, SQLAlchemy or the socket libraries load.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from facilitation.roles import StaffRole

# Earlier installations seeded every demo account with this one password, known to all.
FORMER_DEMO_PASSWORD = "roundtable-demo"
DEMO_STAFF = (
    ("organizer@demo.roundtable", "Demo Organiser", StaffRole.ORGANIZER),
    ("facilitator@demo.roundtable", "Demo Facilitator", StaffRole.FACILITATOR),
    ("rapporteur@demo.roundtable", "Demo Rapporteur", StaffRole.RAPPORTEUR),
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="facilitation", description="Roundtable: live roundtable discussions."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="migrate the database, then serve HTTP and Socket.IO")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)

    user = commands.add_parser("user", help="staff accounts").add_subparsers(
        dest="action", required=True
    )
    create = user.add_parser("create", help="create a staff account")
    create.add_argument("email")
    create.add_argument("--name", required=True)
    create.add_argument("--role", required=True, choices=[role.value for role in StaffRole])
    create.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin"
    )

    token = commands.add_parser("token", help="API tokens").add_subparsers(
        dest="action", required=True
    )
    token_create = token.add_parser("create", help="issue an API token for a staff account")
    token_create.add_argument("email")

    agenda = commands.add_parser("agenda", help="event agendas").add_subparsers(
        dest="action", required=True
    )
    agenda_import = agenda.add_parser("import", help="load an event agenda from a YAML file")
    agenda_import.add_argument("file", type=Path)

    template = commands.add_parser("template", help="templates of prompts").add_subparsers(
        dest="action", required=True
    )
    template.add_parser("list", help="list the shipped templates and each event's saved ones")

    commands.add_parser("demo", help="seed the demo workshop and print how to sign in")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "serve":
        from facilitation.serve import prepare_async

        prepare_async(os.environ.get("FACILITATION_ASYNC_MODE", "gevent"))
    from facilitation.config import ConfigError
    from facilitation.services.errors import DomainError

    try:
        return _run(args)
    except (DomainError, ConfigError) as error:
        print(f"facilitation: {error}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    from facilitation import config
    from facilitation.migrations import upgrade

    settings = config.from_environment()
    upgrade(settings.database_url)
    if args.command == "serve":
        from facilitation.serve import serve

        return serve(settings, host=args.host, port=args.port)

    from facilitation.db import Database

    database = Database(settings.database_url)
    try:
        with database.writing() as db:
            if args.command == "user":
                return _create_user(db, args)
            if args.command == "token":
                from facilitation.services.staff import issue_token

                print(issue_token(db, email=args.email))
                return 0
            if args.command == "agenda":
                return _import_agenda(db, args.file)
            if args.command == "template":
                return _list_templates(db)
            return _demo(db)
    finally:
        database.dispose()


def _create_user(db: object, args: argparse.Namespace) -> int:
    from sqlalchemy.orm import Session

    from facilitation.services.staff import create_staff

    assert isinstance(db, Session)
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Password (empty for token-only access): ") or None
    member = create_staff(db, email=args.email, name=args.name, role=args.role, password=password)
    print(f"Created {member.role} {member.email}.")
    return 0


def _import_agenda(db: object, path: Path) -> int:
    from sqlalchemy.orm import Session

    from facilitation.services.agenda import import_agenda, load_agenda

    assert isinstance(db, Session)
    if not path.is_file():
        print(f"facilitation: no such file: {path}", file=sys.stderr)
        return 1
    report = import_agenda(db, load_agenda(path))
    if report.changed:
        print(f"Imported {report.event.title}: {report.created} new items.")
    else:
        print(f"{report.event.title} is already up to date; nothing changed.")
    return 0


def _list_templates(db: object) -> int:
    from sqlalchemy.orm import Session

    from facilitation.services.templates import all_templates

    assert isinstance(db, Session)
    for event, template in all_templates(db):
        where = f"{template['slug']} (shipped)" if event is None else f"{template['id']} ({event})"
        kinds = ", ".join(template["kinds"])
        print(f"{where}: {template['name']}: {template['prompts']} prompts ({kinds})")
    return 0


def demo_password(instance_path: Path) -> str:
    """This installation's demo password: generated once, kept in the instance folder."""
    import secrets

    instance_path.mkdir(parents=True, exist_ok=True)
    path = instance_path / "demo_password"
    try:
        # O_EXCL: when two commands start at once, exactly one writes it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    password = "-".join(secrets.token_urlsafe(6) for _ in range(3))
    with os.fdopen(fd, "w") as out:
        out.write(password)
    return password


def _demo(db: object) -> int:
    from importlib.resources import files

    from sqlalchemy.orm import Session

    from facilitation.config import default_instance_path
    from facilitation.services.agenda import import_agenda, load_agenda
    from facilitation.services.staff import provide_demo_account

    assert isinstance(db, Session)
    password = demo_password(default_instance_path())
    agenda = files("facilitation.agendas").joinpath("workshop-2025.yaml")
    report = import_agenda(db, load_agenda(Path(str(agenda))))
    for email, name, role in DEMO_STAFF:
        provide_demo_account(
            db, email=email, name=name, role=role, password=password, former=FORMER_DEMO_PASSWORD
        )
    played = _play_demo_sessions(db)
    if report.changed:
        print(f"Loaded the demo: {report.event.title}.")
    if played:
        sessions = "a recorded session" if played == 1 else f"{played} recorded sessions"
        print(f"Played {sessions} into it, to show results, summaries and a report.")
    print("Sign in as a facilitator with:")
    print(f"  email:    {DEMO_STAFF[1][0]}")
    print(f"  password: {password}")
    print(f"(also {DEMO_STAFF[0][0]} and {DEMO_STAFF[2][0]}, same password, made for this")
    print(" installation; it is kept in the instance folder, file demo_password)")
    return 0


# The demo's recorded sessions, played in the order they took place: a panel and a stream
# roundtable that have ended, and the assessment workshop under way.
DEMO_SESSIONS = ("demo-panel.yaml", "demo-session.yaml", "demo-assessment.yaml")


def _play_demo_sessions(db: object) -> int:
    """The demo's recorded sessions, played by the demo facilitator and rapporteur; how many
    were played now (none when they were played before)."""
    from importlib.resources import files

    import yaml
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from facilitation.models import StaffUser
    from facilitation.services.actors import Actor
    from facilitation.services.demo import play_session

    assert isinstance(db, Session)

    def actor(email: str) -> Actor:
        member = db.scalar(select(StaffUser).where(StaffUser.email == email))
        assert member is not None
        return Actor.staff(member.id, member.role)

    played = 0
    for name in DEMO_SESSIONS:
        recorded = files("facilitation.agendas").joinpath(name).read_text("utf-8")
        played += play_session(
            db,
            yaml.safe_load(recorded),
            facilitator=actor(DEMO_STAFF[1][0]),
            rapporteur=actor(DEMO_STAFF[2][0]),
        )
    return played


if __name__ == "__main__":
    sys.exit(main())
