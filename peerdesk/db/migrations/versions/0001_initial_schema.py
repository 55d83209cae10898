"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 01:25:56.110181
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_types")),
        sa.UniqueConstraint("name", name=op.f("uq_activity_types_name")),
    )
    op.create_table(
        "note_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note_templates")),
    )
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("gender", sa.String(length=32), nullable=True),
        sa.Column("bed_capacity", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programs")),
        sa.UniqueConstraint("code", name=op.f("uq_programs_code")),
    )
    op.create_table(
        "session_types",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_session_types")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "activity_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_type_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["activity_type_id"],
            ["activity_types.id"],
            name=op.f("fk_activity_series_activity_type_id_activity_types"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["programs.id"], name=op.f("fk_activity_series_program_id_programs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_series")),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_audit_events_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_events_at"), ["at"], unique=False)
        batch_op.create_index("ix_audit_events_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "group_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=40), nullable=True),
        sa.Column("type_code", sa.String(length=32), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("facilitator_user_id", sa.Integer(), nullable=True),
        sa.Column("facilitator_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["facilitator_user_id"],
            ["users.id"],
            name=op.f("fk_group_sessions_facilitator_user_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["programs.id"], name=op.f("fk_group_sessions_program_id_programs")
        ),
        sa.ForeignKeyConstraint(
            ["type_code"],
            ["session_types.code"],
            name=op.f("fk_group_sessions_type_code_session_types"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_sessions")),
        sa.UniqueConstraint("external_id", name=op.f("uq_group_sessions_external_id")),
    )
    with op.batch_alter_table("group_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_group_sessions_date", ["date", "start_time"], unique=False)

    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_no", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=40), nullable=True),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("gender", sa.String(length=32), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("sobriety_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("last_program_id", sa.Integer(), nullable=True),
        sa.Column("last_admission_date", sa.Date(), nullable=True),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["last_program_id"],
            ["programs.id"],
            name=op.f("fk_persons_last_program_id_programs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
        sa.UniqueConstraint("external_id", name=op.f("uq_persons_external_id")),
        sa.UniqueConstraint("record_no", name=op.f("uq_persons_record_no")),
    )
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_persons_last_program_id"), ["last_program_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_persons_last_admission_date"), ["last_admission_date"], unique=False
        )
        batch_op.create_index("ix_persons_name", ["last_name", "first_name"], unique=False)
        batch_op.create_index("ix_persons_status", ["status"], unique=False)

    op.create_table(
        "activity_occurrences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=40), nullable=True),
        sa.Column("activity_type_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=True),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start_time", sa.Time(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("staff_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_type_id"],
            ["activity_types.id"],
            name=op.f("fk_activity_occurrences_activity_type_id_activity_types"),
        ),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["programs.id"],
            name=op.f("fk_activity_occurrences_program_id_programs"),
        ),
        sa.ForeignKeyConstraint(
            ["series_id"],
            ["activity_series.id"],
            name=op.f("fk_activity_occurrences_series_id_activity_series"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["staff_user_id"],
            ["users.id"],
            name=op.f("fk_activity_occurrences_staff_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_occurrences")),
        sa.UniqueConstraint("external_id", name=op.f("uq_activity_occurrences_external_id")),
    )
    with op.batch_alter_table("activity_occurrences", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_occurrences_activity_type_id"),
            ["activity_type_id"],
            unique=False,
        )
        batch_op.create_index("ix_activity_occurrences_date", ["date", "start_time"], unique=False)

    op.create_table(
        "alumni",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=40), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("contact_preference", sa.String(length=32), nullable=False),
        sa.Column("sobriety_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_alumni_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alumni")),
        sa.UniqueConstraint("external_id", name=op.f("uq_alumni_external_id")),
        sa.UniqueConstraint("person_id", name=op.f("uq_alumni_person_id")),
    )
    with op.batch_alter_table("alumni", schema=None) as batch_op:
        batch_op.create_index("ix_alumni_name", ["last_name", "first_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_alumni_status"), ["status"], unique=False)

    op.create_table(
        "attendance",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("participation", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_attendance_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_attendance_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "person_id", name=op.f("pk_attendance")),
    )
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendance_person_id"), ["person_id"], unique=False)

    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("screened_on", sa.Date(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=True),
        sa.Column("stage_of_change", sa.String(length=32), nullable=True),
        sa.Column("decision", sa.String(length=32), nullable=False),
        sa.Column("decision_reason", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("screener_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_screenings_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["programs.id"], name=op.f("fk_screenings_program_id_programs")
        ),
        sa.ForeignKeyConstraint(
            ["screener_user_id"], ["users.id"], name=op.f("fk_screenings_screener_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screenings")),
    )
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screenings_person_id"), ["person_id"], unique=False)

    op.create_table(
        "session_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("format", sa.String(length=32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=True),
        sa.Column("signed_by_user_id", sa.Integer(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_user_id"], ["users.id"], name=op.f("fk_session_notes_author_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_session_notes_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_session_notes_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["signed_by_user_id"],
            ["users.id"],
            name=op.f("fk_session_notes_signed_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_notes")),
    )
    with op.batch_alter_table("session_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_notes_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            "ix_session_notes_session_person", ["session_id", "person_id"], unique=False
        )

    op.create_table(
        "stays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=40), nullable=True),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("program_id", sa.Integer(), nullable=False),
        sa.Column("admission_date", sa.Date(), nullable=False),
        sa.Column("discharge_date", sa.Date(), nullable=True),
        sa.Column("discharge_reason", sa.String(length=32), nullable=True),
        sa.Column("discharge_note", sa.Text(), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_stays_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["program_id"], ["programs.id"], name=op.f("fk_stays_program_id_programs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stays")),
        sa.UniqueConstraint("external_id", name=op.f("uq_stays_external_id")),
    )
    with op.batch_alter_table("stays", schema=None) as batch_op:
        batch_op.create_index("ix_stays_discharge_date", ["discharge_date"], unique=False)
        batch_op.create_index(
            "uq_stays_one_open_per_person",
            ["person_id"],
            unique=True,
            sqlite_where=sa.text("discharge_date IS NULL"),
            postgresql_where=sa.text("discharge_date IS NULL"),
        )
        batch_op.create_index(
            "ix_stays_person_admission", ["person_id", "admission_date"], unique=False
        )
        batch_op.create_index(
            "ix_stays_program_dates",
            ["program_id", "admission_date", "discharge_date"],
            unique=False,
        )

    op.create_table(
        "activity_leads",
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alumnus_id"], ["alumni.id"], name=op.f("fk_activity_leads_alumnus_id_alumni")
        ),
        sa.ForeignKeyConstraint(
            ["occurrence_id"],
            ["activity_occurrences.id"],
            name=op.f("fk_activity_leads_occurrence_id_activity_occurrences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("occurrence_id", "alumnus_id", name=op.f("pk_activity_leads")),
    )
    with op.batch_alter_table("activity_leads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_leads_alumnus_id"), ["alumnus_id"], unique=False
        )

    op.create_table(
        "aftercare_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=False),
        sa.Column("meetings", sa.Text(), nullable=False),
        sa.Column("sober_living", sa.Text(), nullable=False),
        sa.Column("outpatient", sa.Text(), nullable=False),
        sa.Column("mentor_alumnus_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["mentor_alumnus_id"],
            ["alumni.id"],
            name=op.f("fk_aftercare_plans_mentor_alumnus_id_alumni"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["stay_id"],
            ["stays.id"],
            name=op.f("fk_aftercare_plans_stay_id_stays"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aftercare_plans")),
        sa.UniqueConstraint("stay_id", name=op.f("uq_aftercare_plans_stay_id")),
    )
    op.create_table(
        "alumnus_competencies",
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.Column("competency", sa.String(length=32), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alumnus_id"],
            ["alumni.id"],
            name=op.f("fk_alumnus_competencies_alumnus_id_alumni"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("alumnus_id", "competency", name=op.f("pk_alumnus_competencies")),
    )
    op.create_table(
        "alumnus_roles",
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["alumnus_id"],
            ["alumni.id"],
            name=op.f("fk_alumnus_roles_alumnus_id_alumni"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("alumnus_id", "role", name=op.f("pk_alumnus_roles")),
    )
    op.create_table(
        "certifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["alumnus_id"],
            ["alumni.id"],
            name=op.f("fk_certifications_alumnus_id_alumni"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certifications")),
    )
    with op.batch_alter_table("certifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_certifications_alumnus_id"), ["alumnus_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_certifications_expires_on"), ["expires_on"], unique=False
        )

    op.create_table(
        "followups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=False),
        sa.Column("interval_days", sa.Integer(), nullable=False),
        sa.Column("contact_date", sa.Date(), nullable=True),
        sa.Column("reached", sa.Boolean(), nullable=True),
        sa.Column("abstinent", sa.String(length=32), nullable=False),
        sa.Column("housing_stable", sa.String(length=32), nullable=False),
        sa.Column("work_or_school", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["stay_id"], ["stays.id"], name=op.f("fk_followups_stay_id_stays"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_followups")),
        sa.UniqueConstraint("stay_id", "interval_days", name=op.f("uq_followups_stay_id")),
    )
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_followups_stay_id"), ["stay_id"], unique=False)

    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_goals_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stay_id"], ["stays.id"], name=op.f("fk_goals_stay_id_stays"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goals_person_id"), ["person_id"], unique=False)

    op.create_table(
        "mentor_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentor_alumnus_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mentor_alumnus_id"],
            ["alumni.id"],
            name=op.f("fk_mentor_assignments_mentor_alumnus_id_alumni"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_mentor_assignments_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_assignments")),
    )
    with op.batch_alter_table("mentor_assignments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mentor_assignments_mentor_alumnus_id"),
            ["mentor_alumnus_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_mentor_assignments_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "note_addenda",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author_user_id", sa.Integer(), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_user_id"], ["users.id"], name=op.f("fk_note_addenda_author_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["session_notes.id"],
            name=op.f("fk_note_addenda_note_id_session_notes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_note_addenda")),
    )
    with op.batch_alter_table("note_addenda", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_note_addenda_note_id"), ["note_id"], unique=False)

    op.create_table(
        "participations",
        sa.Column("occurrence_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["occurrence_id"],
            ["activity_occurrences.id"],
            name=op.f("fk_participations_occurrence_id_activity_occurrences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_participations_person_id_persons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("occurrence_id", "person_id", name=op.f("pk_participations")),
    )
    with op.batch_alter_table("participations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participations_person_id"), ["person_id"], unique=False
        )

    op.create_table(
        "screening_ratings",
        sa.Column("screening_id", sa.Integer(), nullable=False),
        sa.Column("criterion", sa.String(length=32), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "rating BETWEEN 1 AND 5", name=op.f("ck_screening_ratings_rating_range")
        ),
        sa.ForeignKeyConstraint(
            ["screening_id"],
            ["screenings.id"],
            name=op.f("fk_screening_ratings_screening_id_screenings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("screening_id", "criterion", name=op.f("pk_screening_ratings")),
    )
    op.create_table(
        "session_cofacilitators",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alumnus_id"], ["alumni.id"], name=op.f("fk_session_cofacilitators_alumnus_id_alumni")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["group_sessions.id"],
            name=op.f("fk_session_cofacilitators_session_id_group_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "alumnus_id", name=op.f("pk_session_cofacilitators")),
    )
    with op.batch_alter_table("session_cofacilitators", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_cofacilitators_alumnus_id"), ["alumnus_id"], unique=False
        )

    op.create_table(
        "trainings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=False),
        sa.Column("hours", sa.Numeric(precision=6, scale=1), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["alumnus_id"],
            ["alumni.id"],
            name=op.f("fk_trainings_alumnus_id_alumni"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainings")),
    )
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trainings_alumnus_id"), ["alumnus_id"], unique=False)

    op.create_table(
        "volunteer_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alumnus_id", sa.Integer(), nullable=False),
        sa.Column("worked_on", sa.Date(), nullable=False),
        sa.Column("hours", sa.Numeric(precision=6, scale=1), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["alumnus_id"],
            ["alumni.id"],
            name=op.f("fk_volunteer_entries_alumnus_id_alumni"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_entries")),
    )
    with op.batch_alter_table("volunteer_entries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volunteer_entries_alumnus_id"), ["alumnus_id"], unique=False
        )

    op.create_table(
        "goal_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_goal_actions_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_actions")),
    )
    with op.batch_alter_table("goal_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_actions_goal_id"), ["goal_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("goal_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_actions_goal_id"))

    op.drop_table("goal_actions")
    with op.batch_alter_table("volunteer_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_entries_alumnus_id"))

    op.drop_table("volunteer_entries")
    with op.batch_alter_table("trainings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trainings_alumnus_id"))

    op.drop_table("trainings")
    with op.batch_alter_table("session_cofacilitators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_cofacilitators_alumnus_id"))

    op.drop_table("session_cofacilitators")
    op.drop_table("screening_ratings")
    with op.batch_alter_table("participations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participations_person_id"))

    op.drop_table("participations")
    with op.batch_alter_table("note_addenda", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_note_addenda_note_id"))

    op.drop_table("note_addenda")
    with op.batch_alter_table("mentor_assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentor_assignments_person_id"))
        batch_op.drop_index(batch_op.f("ix_mentor_assignments_mentor_alumnus_id"))

    op.drop_table("mentor_assignments")
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goals_person_id"))

    op.drop_table("goals")
    with op.batch_alter_table("followups", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_followups_stay_id"))

    op.drop_table("followups")
    with op.batch_alter_table("certifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certifications_expires_on"))
        batch_op.drop_index(batch_op.f("ix_certifications_alumnus_id"))

    op.drop_table("certifications")
    op.drop_table("alumnus_roles")
    op.drop_table("alumnus_competencies")
    op.drop_table("aftercare_plans")
    with op.batch_alter_table("activity_leads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_leads_alumnus_id"))

    op.drop_table("activity_leads")
    with op.batch_alter_table("stays", schema=None) as batch_op:
        batch_op.drop_index("ix_stays_program_dates")
        batch_op.drop_index("ix_stays_person_admission")
        batch_op.drop_index("uq_stays_one_open_per_person")
        batch_op.drop_index("ix_stays_discharge_date")

    op.drop_table("stays")
    with op.batch_alter_table("session_notes", schema=None) as batch_op:
        batch_op.drop_index("ix_session_notes_session_person")
        batch_op.drop_index(batch_op.f("ix_session_notes_person_id"))

    op.drop_table("session_notes")
    with op.batch_alter_table("screenings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screenings_person_id"))

    op.drop_table("screenings")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendance_person_id"))

    op.drop_table("attendance")
    with op.batch_alter_table("alumni", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alumni_status"))
        batch_op.drop_index("ix_alumni_name")

    op.drop_table("alumni")
    with op.batch_alter_table("activity_occurrences", schema=None) as batch_op:
        batch_op.drop_index("ix_activity_occurrences_date")
        batch_op.drop_index(batch_op.f("ix_activity_occurrences_activity_type_id"))

    op.drop_table("activity_occurrences")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_index("ix_persons_status")
        batch_op.drop_index("ix_persons_name")
        batch_op.drop_index(batch_op.f("ix_persons_last_admission_date"))
        batch_op.drop_index(batch_op.f("ix_persons_last_program_id"))

    op.drop_table("persons")
    with op.batch_alter_table("group_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_group_sessions_date")

    op.drop_table("group_sessions")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_entity")
        batch_op.drop_index(batch_op.f("ix_audit_events_at"))

    op.drop_table("audit_events")
    op.drop_table("activity_series")
    op.drop_table("users")
    op.drop_table("settings")
    op.drop_table("session_types")
    op.drop_table("programs")
    op.drop_table("note_templates")
    op.drop_table("activity_types")
