"""The command-line contract: init, demo, --db and PEERDESK_DB, exit 2 without a traceback."""

from __future__ import annotations

import importlib.metadata
import os
import shlex
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from peerdesk.__main__ import main
from peerdesk.app import csv_kinds
from peerdesk.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent.parent
#: What a bare machine's environment holds: no display, no Qt platform chosen, no database.
BARE_ENV_KEYS = ("PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR")


def peerdesk(
    *args: str, env_db: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    if env is None:
        env = {k: v for k, v in os.environ.items() if k != "PEERDESK_DB"}
        env["QT_QPA_PLATFORM"] = "offscreen"
    if env_db is not None:
        env["PEERDESK_DB"] = env_db
    return subprocess.run(
        [sys.executable, "-m", "peerdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=300,
    )


def bare_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A clean environment: no DISPLAY, WAYLAND_DISPLAY, QT_QPA_PLATFORM or PEERDESK_DB, and a
    data folder under ``tmp_path``."""
    env = {k: os.environ[k] for k in BARE_ENV_KEYS if k in os.environ}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env.update(extra)
    return env


def count(url: str, table: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_init_creates_the_schema_and_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    for _ in range(2):
        done = peerdesk("init", "--db", url)
        assert done.returncode == 0, done.stderr
    assert count(url, "persons") == 0
    assert count(url, "programs") == 2


@pytest.mark.parametrize(
    "form",
    [
        ["--db", "{url}", "init"],
        ["--db={url}", "init"],
        ["init", "--db", "{url}"],
        ["init", "--db={url}"],
    ],
)
def test_db_is_accepted_before_or_after_the_command(tmp_path: Path, form: list[str]) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    done = peerdesk(*(arg.format(url=url) for arg in form))
    assert done.returncode == 0, done.stderr
    assert count(url, "programs") == 2


def test_db_equals_before_export_runs_the_export(db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    done = peerdesk(f"--db={db_url}", "export", "residents", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("id,first_name,last_name")


def test_peerdesk_db_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.db'}"
    assert peerdesk("init", env_db=url).returncode == 0
    assert (tmp_path / "env.db").exists()


def test_only_the_default_data_folder_is_created(tmp_path: Path) -> None:
    env = bare_env(tmp_path)
    done = peerdesk("init", env=env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "PeerDesk" / "peerdesk.db").exists()

    missing = tmp_path / "no" / "such" / "dir"
    line = one_line_error(peerdesk("init", "--db", f"sqlite:///{missing / 'x.db'}", env=env))
    assert line == f"peerdesk: --db: the folder {missing} does not exist"
    assert not (tmp_path / "no").exists()


def test_a_missing_folder_from_peerdesk_db_names_peerdesk_db(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "dir"
    line = one_line_error(peerdesk("init", env_db=f"sqlite:///{missing / 'x.db'}"))
    assert line == f"peerdesk: PEERDESK_DB: the folder {missing} does not exist"
    assert not missing.parent.exists()


def test_an_empty_db_is_an_error_not_the_default(tmp_path: Path) -> None:
    env = bare_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    for args in (["--db", "", "init"], ["--db=", "export", "residents", "r.csv"], ["--db", ""]):
        line = one_line_error(peerdesk(*args, env=env))
        assert line.startswith("peerdesk: --db: the URL is empty"), args
    assert not (tmp_path / "data").exists()


def test_a_read_only_folder_says_read_only(tmp_path: Path) -> None:
    # /proc takes no new files, even from root (who may write into a folder chmod-ed 555).
    line = one_line_error(peerdesk("init", "--db", "sqlite:////proc/peerdesk-test.db"))
    assert line == "peerdesk: --db: the folder /proc is read-only"


def peerdesk_as_a_user(*args: str) -> subprocess.CompletedProcess[str]:
    """``peerdesk`` without root's licence to write anywhere (capsh drops it when root)."""
    command = [sys.executable, "-m", "peerdesk", *args]
    if os.geteuid() == 0:
        capsh = shutil.which("capsh")
        if capsh is None:
            pytest.skip("root writes into read-only folders and files, and capsh is missing")
        drop = "--drop=cap_dac_override,cap_dac_read_search,cap_fowner"
        command = [capsh, drop, "--", "-c", shlex.join(command)]
    env = {k: v for k, v in os.environ.items() if k != "PEERDESK_DB"}
    return subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=ROOT, check=False, timeout=300
    )


def test_a_read_only_file_or_folder_says_read_only(tmp_path: Path) -> None:
    db_file = tmp_path / "p.db"
    url = f"sqlite:///{db_file}"
    assert peerdesk("init", "--db", url).returncode == 0
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    line = one_line_error(peerdesk_as_a_user("init", "--db", f"sqlite:///{folder / 'new.db'}"))
    assert line == f"peerdesk: --db: the folder {folder} is read-only"

    db_file.chmod(0o444)
    out = str(tmp_path / "r.csv")
    for args in (["init"], ["export", "residents", out]):
        line = one_line_error(peerdesk_as_a_user(*args, "--db", url))
        assert line == f"peerdesk: --db: the file {db_file} is read-only", args

    db_file.chmod(0o644)
    tmp_path.chmod(0o555)  # SQLite cannot make its -wal and -shm files beside the database
    try:
        line = one_line_error(peerdesk_as_a_user("export", "residents", out, "--db", url))
    finally:
        tmp_path.chmod(0o755)
    assert line == f"peerdesk: --db: the folder {tmp_path} is read-only"


def test_export_refuses_an_empty_database_and_leaves_it_empty(
    empty_db_url: str, tmp_path: Path
) -> None:
    sqlite_file = tmp_path / "second.db"
    line = one_line_error(
        peerdesk("export", "residents", str(tmp_path / "r.csv"), "--db", empty_db_url)
    )
    if empty_db_url.startswith("sqlite"):
        assert line.endswith(
            f"there is no database at {sqlite_file} (run peerdesk init to create one)"
        )
        assert not sqlite_file.exists()
        sqlite_file.touch()  # an empty file: SQLite's empty database
        line = one_line_error(
            peerdesk("export", "residents", str(tmp_path / "r.csv"), "--db", empty_db_url)
        )
    assert line.startswith("peerdesk: --db: not a PeerDesk database")
    assert "peerdesk init" in line
    assert tables(empty_db_url) == set()
    assert not (tmp_path / "r.csv").exists()


def test_a_newer_schema_is_refused_by_every_command(db_url: str, tmp_path: Path) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    for args in (["init"], ["export", "residents", str(tmp_path / "r.csv")]):
        line = one_line_error(peerdesk(*args, env_db=db_url))
        assert line == (
            "peerdesk: PEERDESK_DB: the schema (revision 9999) is from a newer PeerDesk; "
            "update PeerDesk"
        )


def test_demo_small_fills_every_area_and_refuses_a_second_run(db_url: str) -> None:
    done = peerdesk("demo", "--size", "small", "--seed", "4", "--db", db_url)
    assert done.returncode == 0, done.stderr
    for table in (
        "persons",
        "stays",
        "alumni",
        "group_sessions",
        "attendance",
        "activity_occurrences",
        "participations",
        "followups",
    ):
        assert count(db_url, table) > 0, table
    people = count(db_url, "persons")
    again = peerdesk("demo", "--size", "small", "--db", db_url)
    assert again.returncode == 2
    assert "Traceback" not in again.stderr
    assert count(db_url, "persons") == people


def test_a_refusal_is_printed_as_the_service_words_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from peerdesk import cli
    from peerdesk.domain.errors import ValidationError

    def refuse(*_args: object) -> int:
        raise ValidationError("database", "already has residents; demo data needs an empty one")

    monkeypatch.setattr(cli, "_dispatch", refuse)
    assert cli.run_cli(["demo"]) == 2
    err = capsys.readouterr().err
    assert err == "peerdesk: database: already has residents; demo data needs an empty one\n"


def test_demo_creates_the_schema_of_an_empty_database(empty_db_url: str) -> None:
    done = peerdesk("--db", empty_db_url, "demo", "--seed", "2")
    assert done.returncode == 0, done.stderr
    assert count(empty_db_url, "persons") > 0


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["init", "--db", "nope://x"], "--db: unsupported database kind"),
        (["init", "--db", "postgresql://nobody@127.0.0.1:1/x"], "--db: cannot open the database"),
        (
            ["init", "--db", "sqlite:////proc/no/such/dir/x.db"],
            "--db: the folder /proc/no/such/dir",
        ),
        (["init", "--db"], "argument --db: expected one argument"),
        (["--db"], "argument --db: expected one argument"),
        (["demo", "--size", "huge"], "invalid choice: 'huge'"),
        (["import", "alumni", "x.csv"], "invalid choice: 'alumni'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(args: list[str], reason: str) -> None:
    done = peerdesk(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert reason in lines[-1]


def test_version_is_the_installed_one() -> None:
    done = peerdesk("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"peerdesk {importlib.metadata.version('peerdesk')}"


def test_help_says_a_bare_peerdesk_opens_the_application_and_lists_db() -> None:
    done = peerdesk("--help")
    assert done.returncode == 0, done.stderr
    assert "With no command, peerdesk opens the application" in done.stdout
    assert "--db URL" in done.stdout
    for command in ("init", "demo", "import", "export"):
        assert command in done.stdout


def test_every_option_and_argument_has_help_text() -> None:
    parser = build_parser(csv_kinds().names)
    parsers = [parser]
    for action in parser._actions:
        if action.choices and isinstance(action.choices, dict):
            parsers.extend(action.choices.values())
    assert len(parsers) == 5
    for p in parsers:
        for action in p._actions:
            assert action.help, f"{p.prog} {action.dest}"


@pytest.mark.parametrize(
    ("argv", "db_arg"),
    [
        ([], None),
        (["--db", "sqlite:///x.db"], "sqlite:///x.db"),
        (["--db=sqlite:///y.db"], "sqlite:///y.db"),
    ],
)
def test_bare_peerdesk_opens_the_application(
    argv: list[str], db_arg: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peerdesk import gui

    opened: list[str | None] = []

    def run_gui(arg: str | None) -> int:
        opened.append(arg)
        return 0

    monkeypatch.setattr(gui, "run_gui", run_gui)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert main(argv) == 0
    assert opened == [db_arg]


def test_without_a_display_peerdesk_says_so_in_one_line(tmp_path: Path) -> None:
    line = one_line_error(peerdesk(env=bare_env(tmp_path)))
    assert line.startswith("peerdesk: no display (neither DISPLAY nor WAYLAND_DISPLAY is set)")
    line = one_line_error(peerdesk(env=bare_env(tmp_path, QT_QPA_PLATFORM="xcb")))
    assert line.startswith("peerdesk: no display (DISPLAY is not set)")


def test_without_the_x_libraries_peerdesk_names_the_packages(tmp_path: Path) -> None:
    # As on a bare Debian/Ubuntu system: the three xcb libraries cannot be found.
    script = textwrap.dedent(
        """
        import ctypes, ctypes.util, sys
        real = ctypes.CDLL
        class WithoutXcbUtils(real):
            def __init__(self, name, *args, **kwargs):
                if name and "xcb-" in name:
                    raise OSError(name)
                super().__init__(name, *args, **kwargs)
        ctypes.CDLL = WithoutXcbUtils
        ctypes.util.find_library = lambda name: None
        from peerdesk.__main__ import main
        sys.exit(main([]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=bare_env(tmp_path, DISPLAY=":99"),
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    line = one_line_error(done)
    assert line == (
        "peerdesk: Qt needs X libraries this system lacks (libxcb-cursor0, libxcb-icccm4, "
        "libxcb-keysyms1); on Debian/Ubuntu: "
        "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"
    )


def test_a_command_never_loads_qt(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        from peerdesk.__main__ import main
        status = main(["init", "--db", {f"sqlite:///{tmp_path / 'p.db'}"!r}])
        print(status, sorted(m for m in sys.modules if m.startswith("PySide6")))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=bare_env(tmp_path),
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == "0 []"


def test_a_schema_behind_is_refused_by_export_until_init_upgrades_it(
    empty_db_url: str, tmp_path: Path
) -> None:
    from peerdesk.db import HEAD_REVISION
    from peerdesk.db.engine import make_engine
    from peerdesk.db.migrate import upgrade

    engine = make_engine(empty_db_url)
    upgrade(engine, "0001")
    engine.dispose()
    out = str(tmp_path / "r.csv")
    line = one_line_error(peerdesk("export", "residents", out, "--db", empty_db_url))
    assert line == (
        f"peerdesk: --db: the schema is behind (revision 0001, needs {HEAD_REVISION}): "
        "run peerdesk init"
    )
    assert peerdesk("init", "--db", empty_db_url).returncode == 0
    done = peerdesk("export", "residents", out, "--db", empty_db_url)
    assert done.returncode == 0, done.stderr
