// A few DOM helpers, shared by the app and the verifier: both build every node with h(), never with
// innerHTML, so text from the API can never become markup, and no inline handlers exist (CSP
// script-src 'self').

const PROPS = new Set(['value', 'checked', 'disabled', 'hidden', 'selected', 'required', 'multiple', 'readOnly']);

export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  append(el, children);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'text') el.textContent = value;
      else if (key === 'testid') el.setAttribute('data-testid', value);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
      else if (PROPS.has(key)) el[key] = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function mount(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

let ids = 0;
export function uid(prefix = 'u') {
  ids += 1;
  return `${prefix}-${ids}`;
}
