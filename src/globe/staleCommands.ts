/**
 * Cesium sorts each frame's draw commands into arrays, one per render pass, in each frustum of
 * each view (`View.frustumCommandsList`). At the next frame it sets the counts back to 0 but keeps
 * the arrays: the slots past the new count still point at the commands of earlier frames. Once a
 * model is destroyed (street furniture, cell after cell as the camera moves) those stale slots
 * keep its whole scene graph alive, with its shader programs and their sources (tens of KB each):
 * a kiosk measured 3.6 MB held that way after 12 simulated hours (tests/bench/soak.bench.ts).
 * `releaseStaleCommands` cuts each array to the count of the frame just drawn; it runs after every
 * frame (TwinGlobe), costs nothing when the counts did not drop, and changes nothing drawn: Cesium
 * reads a pass's commands up to its count only.
 */

/** The part of Cesium's private `FrustumCommands` this needs. */
export interface FrustumCommandsLike {
  commands: unknown[][];
  indices: number[];
}

/** The part of Cesium's private `View` this needs. */
export interface ViewLike {
  frustumCommandsList: Array<FrustumCommandsLike | undefined>;
}

/** Drops the commands past each pass's count; returns how many slots were cleared. */
export function releaseStaleCommands(views: ReadonlyArray<ViewLike | null | undefined>): number {
  let released = 0;
  for (const view of views) {
    if (!view || !Array.isArray(view.frustumCommandsList)) continue;
    for (const frustum of view.frustumCommandsList) {
      if (!frustum) continue;
      const { commands, indices } = frustum;
      for (let pass = 0; pass < commands.length; pass++) {
        const list = commands[pass];
        const used = indices[pass] ?? 0;
        if (list && list.length > used) {
          released += list.length - used;
          list.length = used;
        }
      }
    }
  }
  return released;
}

/** The views of a Cesium scene whose command lists are kept between frames (the main view, picking's offscreen view). */
export function sceneViews(scene: unknown): Array<ViewLike | undefined> {
  const s = scene as { _defaultView?: ViewLike; _view?: ViewLike; _picking?: { _pickOffscreenView?: ViewLike } };
  const views = [s._defaultView, s._view, s._picking?._pickOffscreenView];
  return views.filter((view, i) => views.indexOf(view) === i);
}
