/**
 * Vigie's codec host: a dedicated worker that runs ONE vendor payload codec (LoRa Alliance TS013,
 * a classic script defining `decodeUplink`) away from the page. It is a plain script, not built by
 * Vite, because it must be a classic worker: `importScripts` loads the codec file by URL (same
 * origin, so a strict CSP needs no 'unsafe-eval': no string is ever evaluated), and a function
 * declared by a classic script becomes a global the host can call.
 *
 * Before the codec runs, the host takes away what a decoder has no business with — network
 * (fetch, XMLHttpRequest, WebSocket, EventSource), storage (indexedDB, caches), other workers and
 * further imports — from the global object and its prototypes. The page enforces the time limit:
 * a codec that loops is terminated with its worker, which is started again (see codecs.ts).
 *
 * Messages: { type: 'load', url } → { type: 'loaded', ok, error? };
 *           { type: 'decode', id, uplinks: [{ bytes, fPort, recvTime }] } → { type: 'decoded', id, results }.
 */
'use strict';
var runImport = self.importScripts.bind(self);
var decoder = null;

function strip(name) {
  for (var target = self; target; target = Object.getPrototypeOf(target)) {
    try {
      delete target[name];
    } catch (e) {
      /* not configurable: shadowed below */
    }
  }
  try {
    Object.defineProperty(self, name, { value: undefined, writable: false, configurable: false });
  } catch (e) {
    /* already gone */
  }
}

function plain(value) {
  // Only JSON data crosses back: a codec's functions or cycles cannot reach the page.
  return JSON.parse(JSON.stringify(value === undefined ? null : value));
}

self.onmessage = function (event) {
  var message = event.data;
  if (message.type === 'load') {
    try {
      ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'indexedDB', 'caches', 'Worker', 'SharedWorker', 'BroadcastChannel', 'importScripts'].forEach(strip);
      runImport(message.url);
      decoder = typeof self.decodeUplink === 'function' ? self.decodeUplink : null;
      self.postMessage({ type: 'loaded', ok: decoder !== null, error: decoder ? undefined : 'the codec defines no decodeUplink function' });
    } catch (error) {
      self.postMessage({ type: 'loaded', ok: false, error: String((error && error.message) || error) });
    }
    return;
  }
  if (message.type === 'decode') {
    var results = message.uplinks.map(function (uplink) {
      if (!decoder) return { errors: ['no codec loaded'] };
      try {
        var output = plain(decoder({ bytes: Array.prototype.slice.call(uplink.bytes), fPort: uplink.fPort, recvTime: new Date(uplink.recvTime) }));
        return output && typeof output === 'object' ? output : { errors: ['the codec returned ' + typeof output] };
      } catch (error) {
        return { errors: ['the codec threw: ' + String((error && error.message) || error)] };
      }
    });
    self.postMessage({ type: 'decoded', id: message.id, results: results });
  }
};
