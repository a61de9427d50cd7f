// Reading QR codes: live from the camera with the browser's BarcodeDetector, or from a photo (the
// BarcodeDetector when there is one, else jsQR, loaded only then from /verify/vendor/jsQR.js).
import { h } from '../../shared/dom.mjs';
import { looksOurs } from './check.mjs';

const $ = (id) => document.getElementById(id);

let scanning = null; // {stream, video, timer}

async function qrDetector() {
  if (!('BarcodeDetector' in self)) return null;
  try {
    const formats = await self.BarcodeDetector.getSupportedFormats();
    return formats.includes('qr_code') ? new self.BarcodeDetector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

/** Scan with the camera until a Sonod Sheba QR shows; `found(text)` gets it, `say(key)` tells the progress. */
export async function startScan(say, found) {
  const detector = await qrDetector();
  if (!detector) {
    say('noDetector');
    $('photo').focus();
    return;
  }
  if (!navigator.mediaDevices?.getUserMedia) {
    say('noCamera');
    $('photo').focus();
    return;
  }
  say('cameraStarting');
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
  } catch {
    say('noCamera');
    $('photo').focus();
    return;
  }
  const video = h('video', { muted: true, playsinline: true, 'aria-hidden': 'true' });
  video.muted = true;
  video.srcObject = stream;
  $('viewfinder').replaceChildren(video);
  $('viewfinder').hidden = false;
  $('scan').hidden = true;
  $('stop').hidden = false;
  $('stop').focus();
  scanning = { stream, video, timer: 0 };
  try {
    await video.play();
  } catch {
    /* autoplay of a muted video is allowed; keep trying to detect anyway */
  }
  say('aim');
  const tick = async () => {
    if (!scanning || scanning.video !== video) return;
    try {
      if (video.readyState >= 2) {
        for (const code of await detector.detect(video)) {
          if (looksOurs(code.rawValue)) {
            stopScan(say);
            found(code.rawValue);
            return;
          }
          say('notOurs');
        }
      }
    } catch {
      /* a frame that could not be read */
    }
    if (scanning && scanning.video === video) scanning.timer = setTimeout(tick, 250);
  };
  tick();
}

/** Stop the camera (never left on in the background). */
export function stopScan(say) {
  if (!scanning) return;
  clearTimeout(scanning.timer);
  for (const track of scanning.stream.getTracks()) track.stop();
  scanning.video.srcObject = null;
  scanning = null;
  $('viewfinder').replaceChildren();
  $('viewfinder').hidden = true;
  $('stop').hidden = true;
  $('scan').hidden = false;
  say('');
}

let jsQRLoading = null;

function loadJsQR() {
  if (self.jsQR) return Promise.resolve(self.jsQR);
  jsQRLoading ||= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/verify/vendor/jsQR.js';
    script.onload = () => (self.jsQR ? resolve(self.jsQR) : reject(new Error('jsQR missing')));
    script.onerror = () => reject(new Error('jsQR not loaded'));
    document.head.append(script);
  }).catch((err) => {
    jsQRLoading = null;
    throw err;
  });
  return jsQRLoading;
}

async function imageFrom(file) {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    const url = URL.createObjectURL(file);
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      return img;
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}

async function readPhoto(file) {
  const image = await imageFrom(file);
  const width = image.width;
  const height = image.height;
  const detector = await qrDetector();
  if (detector) {
    try {
      const found = (await detector.detect(image)).find((c) => looksOurs(c.rawValue)) || null;
      if (found) return found.rawValue;
    } catch {
      /* fall back to jsQR */
    }
  }
  let jsQR;
  try {
    jsQR = await loadJsQR();
  } catch {
    throw new Error('noReader');
  }
  // Phone photos are large; jsQR is quick on a downscaled copy and a QR of version <= 15 survives it.
  for (const side of [1000, 1600, 2400]) {
    const scale = Math.min(1, side / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const hgt = Math.max(1, Math.round(height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = hgt;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(image, 0, 0, w, hgt);
    const pixels = context.getImageData(0, 0, w, hgt);
    const code = jsQR(pixels.data, w, hgt, { inversionAttempts: 'attemptBoth' });
    if (code?.data) return code.data;
    if (scale === 1) break;
  }
  return null;
}

/** Read the QR in the photo the visitor chose; `found(text)` gets it. */
export async function onPhoto(say, found) {
  const input = $('photo');
  const file = input.files?.[0];
  if (!file) return;
  stopScan(say);
  say('readingPhoto');
  let text = null;
  try {
    text = await readPhoto(file);
  } catch (err) {
    say(err?.message === 'noReader' ? 'noReader' : 'noQrInPhoto');
    return;
  } finally {
    input.value = '';
  }
  if (!text) say('noQrInPhoto');
  else found(text);
}
