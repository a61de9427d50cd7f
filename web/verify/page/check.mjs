// A check: QR text verified in the phone against the lists (the QR never leaves it), or a typed
// certificate number looked up online.
import * as core from '../verify-core.mjs';
import { loadStatus, loadTrust, rememberOffice, state } from './lists.mjs';
import { getJson } from './store.mjs';

/**
 * Check QR text in the phone against the saved (or fetched) lists. Resolves to what the result
 * card shows: {kind: 'credential', verdict, revoked, officeName, statusIssuedAt, offline}.
 */
export async function verifyOffline(text) {
  try {
    await core.decodeQr(text); // garbage needs no lists
  } catch (err) {
    return { kind: 'credential', verdict: { status: 'bad_format', reason: err.message, claims: null } };
  }
  let loaded = await loadTrust();
  if (!loaded) return { kind: 'credential', verdict: { ...state.trustProblem, claims: null } };
  let usedList = null;
  const runCheck = () =>
    core.checkCredential(text, loaded.trust, async (listId) => (usedList = await loadStatus(loaded.trust, listId)), new Date());
  let verdict = await runCheck();
  if (verdict.status === 'unknown_kid' && loaded.fromSaved) {
    // A saved list was used without asking the network: a new office key may be missing from it.
    loaded = (await loadTrust(true)) || loaded;
    verdict = await runCheck();
  }
  const key = verdict.kid ? loaded.trust.keys.get(verdict.kid) : null;
  let officeName = null;
  try {
    officeName = key?.cert ? core.certificateSubject(key.cert).O : null; // the compact list has no names
  } catch {
    /* unusual certificate: show the office id only */
  }
  const listInfo = usedList ? state.status.get(verdict.claims?.status_list_id) : null;
  const revoked = verdict.status === 'revoked' && usedList?.revocation ? usedList.revocation(verdict.claims.status_index) : null;
  return {
    kind: 'credential',
    verdict,
    revoked,
    officeName,
    statusIssuedAt: usedList?.issuedAt || null,
    offline: Boolean(loaded.offline || listInfo?.offline),
  };
}

/** Look up a typed certificate number online. Resolves to the result card's content, or to the
 * error message's key: {key: 'numberInvalid' | 'numberNotFound' | 'numberSigning' | 'numberTooMany' | 'numberFailed' |
 * 'numberOffline'} ('numberSigning': a receipt recorded whose signed copy is still being made). */
export async function lookupNumber(typed) {
  const number = core.normaliseNumber(typed);
  if (!core.isValidNumber(number)) return { key: 'numberInvalid' };
  try {
    const { doc } = await getJson(`/v1/verify/${encodeURIComponent(number)}`);
    rememberOffice(doc.office);
    return { kind: 'online', data: doc };
  } catch (err) {
    return { key: numberErrorKey(err) };
  }
}

/** What a failed lookup says: the problem's code first (a receipt being signed), then its status. */
export function numberErrorKey(err) {
  if (err?.code === 'receipt_being_signed') return 'numberSigning';
  if (err?.status === 404) return 'numberNotFound';
  if (err?.status === 429) return 'numberTooMany';
  return err?.status ? 'numberFailed' : 'numberOffline';
}

/** The QR text is a Sonod Sheba credential (by its prefix; nothing is checked). */
export const looksOurs = (text) => core.payloadFromText(text).startsWith(core.PREFIX);
