/**
 * Node 20 has no global `WebSocket` (Node 22 does): the live sources' tests run against a real
 * Mosquitto through `ws`'s, which has the browser's API (`binaryType`, `addEventListener`).
 */
import { WebSocket as NodeWebSocket } from 'ws';

if (typeof globalThis.WebSocket === 'undefined') (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
