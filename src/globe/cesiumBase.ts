// Must be imported before anything from 'cesium': tells CesiumJS to load its workers and assets
// from this app's own origin (copied to public/cesium/ by scripts/copy-cesium.mjs).
(window as unknown as { CESIUM_BASE_URL: string }).CESIUM_BASE_URL = new URL('./cesium/', document.baseURI).href;
export {};
