"""SLA escalation (DESIGN §1): a case still waiting on the office after its charter's time limit is
escalated to the charter's escalation officer (UNO for unions, DDLG for pourashavas, LGD for city
corporations), the applicant is told by SMS, and the case carries the mark on every dashboard.

An hourly job reads the sparse `by_due` index for the past days' deadlines — a handful of Queries,
never a Scan — and escalates each case once (the escalation removes it from the index).
"""

from __future__ import annotations

import datetime as dt

from chalicelib.adapters import cases as repo
from chalicelib.domain.actors import Actor
from chalicelib.domain.clock import today_bd, utc_stamp
from chalicelib.domain.errors import AppError
from chalicelib.domain.workflow import workflows
from chalicelib.observability import logger, metrics
from chalicelib.services.cases import case_ref, move
from chalicelib.services.offices import ESCALATION, require_office

ESCALATOR = Actor(kind="system", id="sla-escalation", role="system")
DAYS_BACK = 30  # a job that was down for weeks still catches up


def run(today: dt.date | None = None) -> int:
    """Escalate every case whose deadline passed. Returns how many were escalated now."""
    today = today or today_bd()
    escalated = 0
    for back in range(1, DAYS_BACK + 1):
        day = (today - dt.timedelta(days=back)).isoformat()
        for case_id in repo.due_on(day):
            escalated += _escalate(case_id)
    if escalated:
        metrics.add_metric(name="CasesEscalated", unit="Count", value=escalated)
    logger.info("SLA escalation run", extra={"escalated": escalated})
    return escalated


def _escalate(case_id: str) -> int:
    case = repo.get(case_id)
    if case is None or case.escalated_at:
        return 0
    officer = ESCALATION[require_office(case.office_id).kind]
    note = f"overdue since {case.due_on}; escalated to the {officer['name_en']}"
    stamp = utc_stamp()
    try:
        step = workflows().plan(case_ref(case), "escalate", ESCALATOR, note)
        move(case, step, ESCALATOR, {"escalated_at": stamp, "escalated_to": officer})
    except AppError as err:  # moved on meanwhile (decided, or escalated by a parallel run)
        logger.info("not escalated", extra={"case_id": case_id, "code": err.code})
        return 0
    return 1  # the case stream tells the applicant (sms.json: action.escalate)
