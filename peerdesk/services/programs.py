"""Programs and the census (beds used and free per program)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peerdesk.domain.residents import CensusRow, ProgramInfo
from peerdesk.models import Program, Stay
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
        with self._sessions() as s:
            # dict(result) would take Result.keys() for a mapping; build it from the rows.
            used: dict[int, int] = {  # noqa: C416
                program_id: count
                for program_id, count in s.execute(
                    select(Stay.program_id, func.count(Stay.id))
                    .where(Stay.discharge_date.is_(None))
                    .group_by(Stay.program_id)
                )
            }
            programs = s.scalars(select(Program).where(Program.is_active).order_by(Program.name))
            return [CensusRow(program_info(p), used.get(p.id, 0)) for p in programs]
