// Back from the payment gateway (issue 12; decision 45), kept free of the DOM so node can test it.
// The API answers the gateway's return with /#/applications?payment=<word>&ref=<payment number>:
// the word only chooses what we say while the case still waits; the case's true state comes from
// the API. The ref is matched against the checkout this tab opened, so a return naming someone
// else's payment (a receipt number is one) leads to the citizen's own list, never to a case.

export const WORDS = ['paid', 'failed', 'cancelled', 'pending', 'unknown'];

/** The case page to go on to, or null (stay on the list with a neutral message). */
export function returnTarget(query, pending) {
  const word = query.get('payment');
  const ref = query.get('ref');
  if (!word || !ref || !pending?.id || pending.payment !== ref) return null;
  const hint = WORDS.includes(word) ? word : 'unknown';
  // A holding's tax (issue 14): back to the holding, the payment's number along to find its receipt.
  if (pending.holding) return `#/holdings/${encodeURIComponent(pending.id)}?payment=${hint}&ref=${encodeURIComponent(ref)}`;
  return `#/applications/${encodeURIComponent(pending.id)}?payment=${hint}`;
}

/**
 * What to tell the citizen on the case page: null (came from nowhere in particular), 'paid' (the
 * API says it is paid, whatever the hint), 'confirming' (the gateway said paid or not yet, the
 * case still waits), 'failed', 'cancelled' or 'unconfirmed' (each with "try again").
 */
export function outcomeOf(item, hint) {
  if (!hint) return null;
  if (item.payment) return 'paid';
  if (item.status !== 'awaiting_payment') return null;
  if (hint === 'paid' || hint === 'pending') return 'confirming';
  if (hint === 'failed' || hint === 'cancelled') return hint;
  return 'unconfirmed';
}

export const RETRY = ['failed', 'cancelled', 'unconfirmed'];

/** Groups of the access log (view=grouped) page after page: one group's rows add up by key. */
export function mergeGroups(groups, page) {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  for (const g of page) {
    const seen = byKey.get(g.key);
    if (!seen) {
      byKey.set(g.key, { ...g });
      continue;
    }
    seen.count += g.count;
    if (g.latest_at > seen.latest_at) seen.latest_at = g.latest_at;
    if (g.first_at < seen.first_at) seen.first_at = g.first_at;
  }
  return [...byKey.values()].sort((a, b) => (a.latest_at < b.latest_at ? 1 : a.latest_at > b.latest_at ? -1 : 0));
}
