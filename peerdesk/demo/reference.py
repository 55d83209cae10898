"""Reference data: program beds, staff and their accounts, the activity catalog, note templates.

Programs, the system user and the seeded catalog are already in the database (the migrations
and ``ensure_reference_data`` put them there); this area adds what the demo facility has on top.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import func, select, update

from peerdesk.demo import words
from peerdesk.demo.dates import at, days
from peerdesk.demo.records import Program, Staff
from peerdesk.demo.run import Area, Run
from peerdesk.demo.writer import table
from peerdesk.domain.enums import Gender, NoteFormat, ProgramCode, UserRole
from peerdesk.domain.errors import ValidationError
from peerdesk.domain.validation import fold
from peerdesk.services.reference import SYSTEM_USERNAME


def plan(run: Run) -> None:
    run.programs = _load_programs(run)
    _plan_staff(run)


def write(run: Run) -> None:
    programs = table("programs")
    for p in run.programs:
        run.conn.execute(update(programs).where(programs.c.id == p.id).values(bed_capacity=p.beds))
    run.w.step("users", lambda: _add_users(run))
    run.w.step("activity catalog", lambda: _add_activity_types(run))
    if not run.conn.scalar(select(func.count()).select_from(table("note_templates"))):
        run.w.each("note templates", words.TEMPLATES, lambda t: _add_template(run, *t))


AREA = Area("reference data", plan=plan, write=write)


def _load_programs(run: Run) -> list[Program]:
    programs = table("programs")
    found = {
        code: (pid, gender)
        for pid, code, gender in run.conn.execute(
            select(programs.c.id, programs.c.code, programs.c.gender)
        )
    }
    result = []
    for code, beds in run.scale.beds.items():
        if code not in found:
            raise ValidationError("database", f"the program '{code}' is missing")
        pid, gender = found[code]
        default = Gender.MALE if code == ProgramCode.MENS else Gender.FEMALE
        result.append(Program(pid, code, Gender(gender or default), beds))
    return result


def _plan_staff(run: Run) -> None:
    """Staff who facilitated groups over the years: half from the start, others joining later."""
    rng, start = run.rng, run.start
    half = run.scale.staff // 2
    for i, name in enumerate(words.STAFF[: run.scale.staff]):
        first_day = start - days(365)
        if i >= half:
            first_day = start + days(rng.randint(0, run.scale.days * 3 // 4))
        last_day = None
        if rng.random() < 0.3:
            last_day = first_day + days(rng.randint(365, 365 * 6))
        if last_day is not None and last_day >= run.today:
            last_day = None
        run.staff.append(Staff(name, first_day, last_day))


def _add_users(run: Run) -> None:
    """Accounts for the staff still employed and for the office (no passwords yet)."""
    users = table("users")
    taken = {name: uid for uid, name in run.conn.execute(select(users.c.id, users.c.username))}
    run.system_user_id = taken.get(SYSTEM_USERNAME)

    def account(username: str, display: str, role: UserRole, since: dt.date) -> int | None:
        if username in taken:
            return None
        uid = taken[username] = run.ids.next("users")
        run.w.add(
            "users",
            {
                "id": uid,
                "username": username,
                "display_name": display,
                "role": role,
                "password_hash": None,
                "is_active": True,
                "created_at": at(since),
            },
        )
        return uid

    for staff in run.staff:
        if staff.last_day is None:
            display = staff.name.split(",")[0]
            first, last = display.split(" ", 1)
            username = fold(first[0] + last).replace(" ", "")
            staff.user_id = account(username, display, UserRole.GROUP_LEADER, staff.first_day)
    for username, display, role in words.OFFICE_USERS:
        uid = account(username, display, role, run.start)
        if uid is not None:
            run.office_user_ids.append(uid)


def _add_activity_types(run: Run) -> None:
    types = table("activity_types")
    run.activity_ids = {
        name: tid for tid, name in run.conn.execute(select(types.c.id, types.c.name))
    }
    for kind in words.ACTIVITIES:
        if kind.name in run.activity_ids:
            continue
        tid = run.activity_ids[kind.name] = run.ids.next("activity_types")
        run.w.add(
            "activity_types",
            {
                "id": tid,
                "name": kind.name,
                "location": kind.location,
                "capacity": kind.capacity,
                "notes": "Outing: bring water and a jacket" if kind.one_off else "",
                "is_active": True,
            },
        )


def _add_template(run: Run, name: str, fmt: NoteFormat) -> None:
    run.w.add(
        "note_templates",
        {
            "id": run.ids.next("note_templates"),
            "name": name,
            "format": fmt,
            "body": json.dumps(dict.fromkeys(words.NOTE_SECTIONS[fmt], "")),
        },
    )
