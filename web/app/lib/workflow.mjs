// The workflow facts the pages need, in ONE place. The API does not publish the statuses' flags
// (no route serves chalicelib/data/workflows.json), so they are copied here; web/test/
// app-helpers.test.mjs checks each list against workflows.json, so a change there fails the test
// until this module follows.

/** Every status an office list can show, in the workflow's order (the queue's tabs). */
export const QUEUE_STATUSES = [
  'awaiting_payment',
  'submitted',
  'ward_verified',
  'office_verified',
  'inspected',
  'changes_requested',
  'approved',
  'issued',
  'rejected',
  'cancelled',
  'revoked',
];

/** Where the office is done with a case (no due date any more): the terminal statuses and `issued`. */
export const DECIDED = ['issued', 'rejected', 'cancelled', 'revoked'];

/** The queue tab an official lands on: what waits for their role. */
export const DEFAULT_STATUS = {
  ward_member: 'submitted',
  secretary: 'ward_verified',
  signatory: 'office_verified',
  udc_operator: 'awaiting_payment',
  assessor: 'submitted', // objections to assessments waiting for review (decision 73)
};

// Actions whose note the server requires (chalicelib/data/workflows.json: "note": "required").
export const NOTE_REQUIRED = new Set([
  'request_changes',
  'reject',
  'revoke',
  'record_consent_exception',
  'inspect',
  'escalate',
  'review', // an objection to an assessment: the assessor's decision
  'waive_paper', // taken from the papers list (case-papers.mjs), not the action panel
]);

/** The type of an owner's objection to an assessment: an assessor's queue lists only these (decision 73). */
export const OBJECTION_TYPE = 'assessment_objection';
