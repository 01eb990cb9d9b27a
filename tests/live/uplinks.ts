/**
 * Uplinks as the network servers publish them, for tests and benchmarks: ChirpStack v4 uplink
 * events (`application/ID/device/EUI/event/up`) and The Things Stack v3 uplink messages
 * (`v3/APP@TENANT/devices/ID/up`), with the fields Vigie reads and the ones around them.
 */
export interface UplinkSpec {
  devEui: string;
  fCnt: number;
  /** Measurement time, ms. */
  time: number;
  /** Decoded payload, as when the network server ran a codec. */
  object?: Record<string, unknown>;
  /** FRMPayload bytes, sent as base64 `data` / `frm_payload` when no codec ran. */
  bytes?: Uint8Array;
  fPort?: number;
  /** Network server reception time, ms (defaults to now). */
  nsTime?: number;
  deduplicationId?: string;
  gatewayId?: string;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function chirpstackUplink(spec: UplinkSpec): string {
  const event: Record<string, unknown> = {
    deduplicationId: spec.deduplicationId ?? `00000000-0000-4000-8000-${spec.devEui.slice(-4)}${String(spec.fCnt).padStart(8, '0')}`,
    time: new Date(spec.time).toISOString(),
    deviceInfo: { tenantId: 't', tenantName: 'Commune', applicationId: 'a', applicationName: 'bacs', deviceProfileName: 'EM310-UDL', deviceName: `bac-${spec.devEui.slice(-4)}`, devEui: spec.devEui },
    devAddr: `01${spec.devEui.slice(-6)}`,
    adr: true,
    dr: 5,
    fCnt: spec.fCnt,
    fPort: spec.fPort ?? 85,
    confirmed: false,
    rxInfo: [{ gatewayId: spec.gatewayId ?? 'a840411d2f5c4150', uplinkId: spec.fCnt, nsTime: new Date(spec.nsTime ?? Date.now()).toISOString(), rssi: -97, snr: 7.5 }],
    txInfo: { frequency: 868100000, modulation: { lora: { bandwidth: 125000, spreadingFactor: 7, codeRate: 'CR_4_5' } } },
  };
  if (spec.bytes) event.data = base64(spec.bytes);
  if (spec.object) event.object = spec.object;
  return JSON.stringify(event);
}

export function ttsUplink(spec: UplinkSpec & { deviceId: string; sessionKeyId?: string; correlationId?: string }): string {
  const receivedAt = new Date(spec.nsTime ?? spec.time).toISOString();
  const uplink: Record<string, unknown> = {
    session_key_id: spec.sessionKeyId ?? 'AXBSH1Pk6Z0G166AAAAA',
    f_port: spec.fPort ?? 85,
    f_cnt: spec.fCnt,
    rx_metadata: [{ gateway_ids: { gateway_id: spec.gatewayId ?? 'gw-mairie' }, rssi: -97, snr: 7.5 }],
    received_at: receivedAt,
  };
  if (spec.bytes) uplink.frm_payload = base64(spec.bytes);
  if (spec.object) uplink.decoded_payload = spec.object;
  return JSON.stringify({
    end_device_ids: { device_id: spec.deviceId, application_ids: { application_id: 'bacs' }, dev_eui: spec.devEui.toUpperCase() },
    correlation_ids: [spec.correlationId ?? `as:up:01H${spec.devEui.slice(-6).toUpperCase()}${String(spec.fCnt).padStart(10, '0')}`, 'rpc:/ttn.lorawan.v3.AppAs/Up:01'],
    received_at: receivedAt,
    uplink_message: uplink,
  });
}

/** Milesight EM310-UDL bytes: battery %, distance mm, position (0 normal, 1 tilt). */
export function em310Bytes(battery: number, distanceMm: number, tilt = false): Uint8Array {
  return Uint8Array.from([0x01, 0x75, battery, 0x03, 0x82, distanceMm & 0xff, distanceMm >> 8, 0x04, 0x00, tilt ? 1 : 0]);
}
