// Papers (DESIGN §1: uploaded once, reused): POST /v1/me/papers → presigned POST straight to
// storage → POST /v1/me/papers/{id}/complete, which checks the first bytes on the server.

import { api } from '../api.mjs';

export const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png'];
// The server's default (PAPER_MAX_BYTES); the API does not publish it, and refuses more with a 422.
export const MAX_BYTES = 5 * 1024 * 1024;

const SIGNATURES = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/** The accepted type these first bytes begin (like the server's sniff), or null. */
export function sniffBytes(bytes) {
  for (const [type, sig] of SIGNATURES) if (sig.every((b, i) => bytes[i] === b)) return type;
  return null;
}

/** {type} of an acceptable file, or {error: 'type' | 'size' | 'empty'}. */
export async function inspect(file, maxBytes = MAX_BYTES) {
  if (!file || file.size === 0) return { error: 'empty' };
  if (file.size > maxBytes) return { error: 'size' };
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const type = sniffBytes(head);
  if (!type) return { error: 'type' };
  return { type };
}

function post(url, fields, file, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields || {})) form.append(k, v);
    form.append('file', file); // last: S3 ignores fields after the file
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.timeout = 10 * 60 * 1000;
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded / e.total);
    });
    xhr.addEventListener('load', () =>
      xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`upload ${xhr.status}`)),
    );
    xhr.addEventListener('error', () => reject(new Error('upload failed')));
    xhr.addEventListener('timeout', () => reject(new Error('upload timed out')));
    xhr.send(form);
  });
}

/** Upload one paper for a document code; returns the ready paper ({id, document, ...}). */
export async function upload(document, file, type, onProgress) {
  const started = await api('/me/papers', { method: 'POST', body: { document, content_type: type, size: file.size } });
  let failure = null;
  try {
    await post(started.upload.url, started.upload.fields, file, onProgress);
  } catch (err) {
    failure = err; // possibly only the response was unreadable (CORS): the server's check decides
  }
  try {
    return await api(`/me/papers/${encodeURIComponent(started.id)}/complete`, { method: 'POST', body: {} });
  } catch (err) {
    if (failure && err.code === 'not_uploaded') throw Object.assign(err, { uploadFailed: true });
    throw err;
  }
}

export function myPapers() {
  return api('/me/papers');
}
