"""Programs and the census (beds used, free and over capacity per program)."""

from __future__ import annotations

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from peerdesk.domain.residents import CensusRow, ProgramInfo
from peerdesk.models import Person, Program, Stay
from peerdesk.services.base import Service


def program_info(p: Program) -> ProgramInfo:
    return ProgramInfo(
        id=p.id, code=p.code, name=p.name, gender=p.gender, bed_capacity=p.bed_capacity
    )


def beds_used(s: Session, program_id: int) -> int:
    """Open stays in the program: each holds a bed."""
    stmt = select(func.count(Stay.id)).where(
        Stay.program_id == program_id, Stay.discharge_date.is_(None)
    )
    return s.scalar(stmt) or 0


class ProgramService(Service):
    def programs(self) -> list[ProgramInfo]:
        with self._sessions() as s:
            rows = s.scalars(select(Program).where(Program.is_active).order_by(Program.name))
            return [program_info(p) for p in rows]

    def census(self) -> list[CensusRow]:
        """Beds used per program today, with the residents whose recorded gender is not the
        program's (admitted by an override of the gender rule). Over capacity shows as
        ``beds_over``, never as a negative count of free beds."""
        other_gender = and_(Program.gender.is_not(None), Person.gender != Program.gender)
        stmt = (
            select(
                Stay.program_id,
                func.count(Stay.id),
                func.coalesce(func.sum(case((other_gender, 1), else_=0)), 0),
            )
            .join(Program, Program.id == Stay.program_id)
            .join(Person, Person.id == Stay.person_id)
            .where(Stay.discharge_date.is_(None))
            .group_by(Stay.program_id)
        )
        with self._sessions() as s:
            used = {program_id: (count, others) for program_id, count, others in s.execute(stmt)}
            programs = s.scalars(select(Program).where(Program.is_active).order_by(Program.name))
            return [CensusRow(program_info(p), *used.get(p.id, (0, 0))) for p in programs]
