// Who may do what to whom on the office's staff page, as chalicelib/services/staff.py decides
// (the page only hides what the server would refuse anyway). Pure: node tests it.

export const SIGNING_ROLES = new Set(['signatory', 'ward_member']);

// 409s of the staff endpoints, said plainly (the problem's own title is the generic "conflict").
export const CONFLICTS = {
  signing_seat: 'staff.error_signing_seat',
  own_account: 'staff.own_note',
  already_inactive: 'staff.error_inactive',
};

// Revenue staff: pourashavas and city corporations only (a union's secretary does that work).
export const REVENUE_ROLES = ['assessor', 'tax_collector'];

/**
 * The roles `me` may create at an office of `officeKind`: office admins add secretaries and UDC
 * operators (and, outside unions, assessors and tax collectors); LGD also office admins.
 */
export function rolesToAdd(me, officeKind = 'union') {
  const roles = ['secretary', 'udc_operator', ...(officeKind === 'union' ? [] : REVENUE_ROLES)];
  return me?.role === 'lgd_admin' ? [...roles, 'office_admin'] : roles;
}

/** Active people first; otherwise the server's order (signatories, wards, office staff). */
export function ordered(items) {
  return [...items].sort((a, b) => Number(!a.active) - Number(!b.active));
}

/**
 * What `me` (the token's claims) may do to `person`, as chalicelib/services/staff.py decides:
 * { deactivate, password, why }; `why` says why an active person cannot be deactivated here:
 * 'handover' (a signing seat), 'own' (one's own account) or 'lgd' (an office admin, for LGD only).
 */
export function allowed(person, me) {
  if (!person.active) return { deactivate: false, password: false, why: null };
  const own = person.username === me?.sub;
  const lgd = me?.role === 'lgd_admin';
  const lgdOnly = person.role === 'office_admin' && !lgd;
  let why = null;
  if (SIGNING_ROLES.has(person.role)) why = 'handover';
  else if (own) why = 'own';
  else if (lgdOnly) why = 'lgd';
  // Only LGD sets a signatory's, ward member's or office admin's password (an office admin who
  // could set the chairman's could sign as him); one's own is changed on the password page.
  const password = !own && (lgd || !(SIGNING_ROLES.has(person.role) || person.role === 'office_admin'));
  return { deactivate: why === null, password, why };
}
