"""The `facilitation` command, run as a user runs it: a real process, its exit code and output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from facilitation.models import Prompt, Roundtable, StaffUser
from facilitation.services.staff import authenticate

COMMAND = Path(sys.executable).parent / "facilitation"


@pytest.fixture
def run(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "FACILITATION_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "FACILITATION_INSTANCE_PATH": str(tmp_path / "instance"),
        "FACILITATION_SECRET_KEY": "cli-test-key",
    }

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(COMMAND), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    run.url = env["FACILITATION_DATABASE_URL"]  # type: ignore[attr-defined]
    return run


def _count(url: str, model: type) -> int:
    engine = create_engine(url)
    with engine.connect() as connection:
        value = connection.scalar(select(func.count()).select_from(model)) or 0
    engine.dispose()
    return value


def test_user_create_makes_an_account_and_refuses_a_duplicate(run) -> None:  # type: ignore[no-untyped-def]
    made = run(
        "user",
        "create",
        "ana@example.org",
        "--name",
        "Ana",
        "--role",
        "facilitator",
        "--password-stdin",
        stdin="a-long-password\n",
    )
    assert made.returncode == 0, made.stderr
    again = run(
        "user",
        "create",
        "ana@example.org",
        "--name",
        "Ana",
        "--role",
        "rapporteur",
        "--password-stdin",
        stdin="a-long-password\n",
    )
    assert again.returncode != 0
    assert len(again.stderr.strip().splitlines()) == 1
    assert "already exists" in again.stderr
    assert _count(run.url, StaffUser) == 1


def test_user_create_refuses_an_unknown_role(run) -> None:  # type: ignore[no-untyped-def]
    refused = run("user", "create", "ana@example.org", "--name", "Ana", "--role", "admin")
    assert refused.returncode != 0


def test_token_create_prints_the_token_alone_on_the_last_line(run) -> None:  # type: ignore[no-untyped-def]
    run(
        "user",
        "create",
        "ana@example.org",
        "--name",
        "Ana",
        "--role",
        "organizer",
        "--password-stdin",
        stdin="a-long-password\n",
    )
    issued = run("token", "create", "ana@example.org")
    assert issued.returncode == 0, issued.stderr
    token = issued.stdout.strip().splitlines()[-1]
    assert token.startswith("rt_") and " " not in token
    assert run("token", "create", "nobody@example.org").returncode != 0


def test_agenda_import_twice_changes_nothing_the_second_time(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text(
        "event: {slug: city-lab, title: City Lab}\n"
        "streams: [{slug: mobility, title: Mobility}]\n"
        "roundtables:\n"
        "  - slug: rt1\n    stream: mobility\n    title: Safer streets\n"
        '    prompts: [{text: "What would make streets safer?"}]\n'
    )
    first = run("agenda", "import", str(agenda))
    assert first.returncode == 0, first.stderr
    engine = create_engine(run.url)
    with engine.connect() as connection:
        codes = connection.scalars(select(Roundtable.join_code)).all()
    engine.dispose()
    second = run("agenda", "import", str(agenda))
    assert second.returncode == 0
    assert "nothing changed" in second.stdout
    assert (_count(run.url, Roundtable), _count(run.url, Prompt)) == (1, 1)
    with create_engine(run.url).connect() as connection:
        assert connection.scalars(select(Roundtable.join_code)).all() == codes


def test_agenda_import_of_a_missing_or_bad_file_fails_clearly(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("agenda", "import", str(tmp_path / "missing.yaml")).returncode != 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("streams: []\n")
    failed = run("agenda", "import", str(bad))
    assert failed.returncode != 0 and "event" in failed.stderr


def test_demo_seeds_the_workshop_once_and_says_how_to_sign_in(run) -> None:  # type: ignore[no-untyped-def]
    first = run("demo")
    assert first.returncode == 0, first.stderr
    assert "facilitator@demo.roundtable" in first.stdout and "password" in first.stdout
    assert _count(run.url, Roundtable) == 7
    second = run("demo")
    assert second.returncode == 0
    assert "facilitator@demo.roundtable" in second.stdout
    assert "recorded session" not in second.stdout
    assert _count(run.url, Roundtable) == 7


def _printed_password(output: str) -> str:
    return next(line.split()[-1] for line in output.splitlines() if "password:" in line)


def test_the_demo_password_is_made_for_this_installation_and_signs_in(  # type: ignore[no-untyped-def]
    run, tmp_path: Path
) -> None:
    password = _printed_password(run("demo").stdout)
    assert password != "roundtable-demo" and len(password) >= 16
    assert _printed_password(run("demo").stdout) == password
    kept = tmp_path / "instance" / "demo_password"
    assert kept.read_text() == password and oct(kept.stat().st_mode & 0o777) == "0o600"
    engine = create_engine(run.url)
    with Session(engine) as db:
        assert authenticate(db, email="facilitator@demo.roundtable", password=password)
        assert not authenticate(db, email="facilitator@demo.roundtable", password="roundtable-demo")
    engine.dispose()


def test_another_installation_gets_another_demo_password(tmp_path: Path) -> None:
    from facilitation.cli import demo_password

    assert demo_password(tmp_path / "one") != demo_password(tmp_path / "two")
    assert demo_password(tmp_path / "one") == demo_password(tmp_path / "one")


def test_the_demo_has_finished_roundtables_to_show_real_summaries(  # type: ignore[no-untyped-def]
    run,
) -> None:
    from facilitation.models import Idea, Outcome, Response, Theme, Vote
    from facilitation.services import summaries
    from facilitation.services.actors import Actor
    from facilitation.services.sdgs import GOALS

    assert "Played 3 recorded sessions" in run("demo").stdout
    engine = create_engine(run.url)
    with Session(engine) as db:
        finished = db.scalars(
            select(Roundtable).where(Roundtable.status == "closed").order_by(Roundtable.position)
        ).all()
        assert [r.slug for r in finished] == ["panel-discussion", "resilient-city-roundtable"]
        stream = finished[1]
        assert stream.ended_at is not None and stream.ended_at.isoformat().startswith("2025-06-04")
        for table, at_least in ((Idea, 23), (Vote, 70), (Theme, 3), (Outcome, 8), (Response, 40)):
            assert _count(run.url, table) >= at_least, table
        summary = summaries.build_summary(
            db, actor=Actor.staff(1, "organizer"), roundtable_id=stream.id, now=stream.ended_at
        )
        kinds = {o.kind for o in summary.outcomes}
        assert kinds == {"takeaway", "decision", "action", "question"}
        assert all(o.sdgs and set(o.sdgs) <= set(GOALS) for o in summary.outcomes)
        in_room = {i.id for p in summary.prompts for i in p.ideas}
        assert all(set(o.source_idea_ids) <= in_room for o in summary.outcomes)
        assert summary.participation is not None
        assert summary.participation.joined > summary.participation.contributed  # quiet voices
        # The assessment workshop is under way; every other roundtable waits for its session.
        statuses = dict(db.execute(select(Roundtable.slug, Roundtable.status)).all())
        assert statuses["civitas-novus"] == "live"
        assert sorted(slug for slug, status in statuses.items() if status == "scheduled") == [
            "caring-city-roundtable",
            "introductory-session",
            "transport-energy-roundtable",
            "wrap-up",
        ]
    engine.dispose()
    # Played once: a second run adds nothing.
    before = (_count(run.url, Idea), _count(run.url, Response))
    assert run("demo").returncode == 0
    assert (_count(run.url, Idea), _count(run.url, Response)) == before


def test_template_list_prints_the_shipped_and_the_saved_templates(run) -> None:  # type: ignore[no-untyped-def]
    from facilitation.services import prompts, templates
    from facilitation.services.actors import Actor

    listed = run("template", "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == list(templates.SHIPPED)
    assert "panel-qa (shipped): Panel with questions from the floor: 3 prompts" in lines[1]
    assert run("demo").returncode == 0
    engine = create_engine(run.url)
    with Session(engine) as db:
        member = db.scalar(select(StaffUser).where(StaffUser.role == "facilitator"))
        wrap_up = db.scalar(select(Roundtable).where(Roundtable.slug == "wrap-up"))
        assert member is not None and wrap_up is not None
        actor = Actor.staff(member.id, member.role)
        prompts.create_prompt(db, actor=actor, roundtable_id=wrap_up.id, text="Anything else?")
        templates.save_template(db, actor=actor, roundtable_id=wrap_up.id, name="Our wrap-up")
    engine.dispose()
    saved = run("template", "list").stdout.splitlines()[-1]
    assert saved.endswith(
        "(wtl-2025): Our wrap-up: 5 prompts (ideas, ranking, statements, ideas, ideas)"
    )
