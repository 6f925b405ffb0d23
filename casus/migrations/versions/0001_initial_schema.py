"""Initial schema: organisation units, people, cases and what hangs off them, meetings, audit.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("learning_points", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("held_on"),
    )
    op.create_table(
        "org_unit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "cluster",
                "directorate",
                "district",
                "department",
                "team",
                name="orgunitkind",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("abbreviations", sa.JSON(), nullable=False),
        sa.Column("alternative_names", sa.JSON(), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=True),
        sa.Column(
            "meeting_party",
            sa.Enum(
                "discriminatie_nl",
                "integrity_bureau",
                "diversity_bureau",
                "hr",
                name="party",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.ForeignKeyConstraint(["parent_id"], ["org_unit.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("parent_id", "name", name="uq_org_unit_parent_name"),
    )
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_org_unit_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("employee_number", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_email"), ["email"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_employee_number"), ["employee_number"], unique=False)

    op.create_table(
        "case_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=60), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "external_reporting_point",
                "internal_reporting_point",
                "hr",
                "diversity_bureau",
                name="channel",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("received", sa.Date(), nullable=False),
        sa.Column("incident_date", sa.Date(), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "discrimination",
                "racism",
                "subtle_racism",
                "sexual_harassment",
                "aggression",
                "violence",
                "threat",
                "bullying",
                "exclusion",
                "other",
                name="behaviourcategory",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "in_progress",
                "released",
                "discussed",
                "closed",
                "destroyed",
                name="casestatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("org_unit_id", sa.Integer(), nullable=True),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("prior_advice", sa.Text(), nullable=False),
        sa.Column(
            "owner_party",
            sa.Enum(
                "discriminatie_nl",
                "integrity_bureau",
                "diversity_bureau",
                "hr",
                name="party",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column(
            "handling",
            sa.Enum(
                "registration",
                "advice_information",
                "mediation",
                "assistance_in_procedures",
                "referral",
                "own_investigation",
                "policy_influence",
                "other",
                name="handling",
                native_enum=False,
                length=40,
            ),
            nullable=True,
        ),
        sa.Column("violation_established", sa.Boolean(), nullable=True),
        sa.Column("retention_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["org_unit_id"], ["org_unit.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reference"),
    )
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_file_org_unit_id"), ["org_unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_case_file_status"), ["status"], unique=False)

    op.create_table(
        "meeting_attendance",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column(
            "party",
            sa.Enum(
                "discriminatie_nl",
                "integrity_bureau",
                "diversity_bureau",
                "hr",
                name="party",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "party"),
    )
    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("discussion", sa.Text(), nullable=False),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column("agreements", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "case_id", name="uq_agenda_meeting_case"),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "case_ground",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "ground",
            sa.Enum(
                "origin_race",
                "antisemitism",
                "nationality",
                "disability_chronic_illness",
                "age",
                "sexual_orientation",
                "sex",
                "working_hours",
                "employment_contract",
                "marital_status",
                "religion",
                "belief",
                "political_opinion",
                "other",
                "unknown",
                name="ground",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_id", "ground"),
    )
    op.create_table(
        "intervention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "warning_conversation",
                "written_warning",
                "final_warning",
                "additional_agreements",
                "suspension",
                "transfer",
                "notice",
                "dissolution_by_court",
                "summary_dismissal",
                "discussed_with_manager",
                "legal_advice",
                "coaching",
                "training",
                "peer_supervision",
                "mediation",
                "other",
                name="interventiontype",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("deciding_role", sa.String(length=100), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "planned",
                "done",
                "cancelled",
                name="interventionstatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("intervention", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_intervention_case_id"), ["case_id"], unique=False)

    op.create_table(
        "involvement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=20), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "reporter",
                "accused",
                "bystander",
                "manager",
                "witness",
                "confidential_adviser",
                name="role",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("function", sa.String(length=200), nullable=True),
        sa.Column("salary_scale", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "key", name="uq_involvement_case_key"),
    )
    with op.batch_alter_table("involvement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_involvement_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_involvement_person_id"), ["person_id"], unique=False)

    op.create_table(
        "repair_advice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "restorative_conversation",
                "mediation",
                "apology_acknowledgement",
                "support_aftercare",
                "peer_contact",
                "team_session",
                "discussion_leader",
                "letter_assistance",
                "other",
                name="repairtype",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column(
            "addressed_to",
            sa.Enum(
                "reporter",
                "accused",
                "bystander",
                "manager",
                "witness",
                "confidential_adviser",
                name="role",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("follow_up_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "issued",
                "followed",
                "not_followed",
                name="repairstatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("repair_advice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_repair_advice_case_id"), ["case_id"], unique=False)

    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "owner_party",
            sa.Enum(
                "discriminatie_nl",
                "integrity_bureau",
                "diversity_bureau",
                "hr",
                name="party",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "done",
                "not_done",
                "dropped",
                name="actionstatus",
                native_enum=False,
                length=40,
            ),
            nullable=False,
        ),
        sa.Column("carried_over_from_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["agenda_item_id"], ["agenda_item.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["carried_over_from_id"], ["action.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_meeting_id"), ["meeting_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_meeting_id"))

    op.drop_table("action")
    with op.batch_alter_table("repair_advice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_repair_advice_case_id"))

    op.drop_table("repair_advice")
    with op.batch_alter_table("involvement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_involvement_person_id"))
        batch_op.drop_index(batch_op.f("ix_involvement_case_id"))

    op.drop_table("involvement")
    with op.batch_alter_table("intervention", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_intervention_case_id"))

    op.drop_table("intervention")
    op.drop_table("case_ground")
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_agenda_item_case_id"))

    op.drop_table("agenda_item")
    op.drop_table("meeting_attendance")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_file_status"))
        batch_op.drop_index(batch_op.f("ix_case_file_org_unit_id"))

    op.drop_table("case_file")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_employee_number"))
        batch_op.drop_index(batch_op.f("ix_person_email"))

    op.drop_table("person")
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_unit_parent_id"))

    op.drop_table("org_unit")
    op.drop_table("meeting")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_entity_id"))
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
