/**
 * One life cycle for everything a view creates: `create` (the constructor), `update(state)` for
 * each change, and `destroy`, which removes and destroys every Cesium primitive the layer added,
 * terminates its workers and detaches its listeners. A kiosk runs for weeks: whatever a layer
 * owns must go with it, so layers add what they own through `add`, `own` and `listen` rather than
 * keeping it by hand.
 */
import type { Scene } from 'cesium';

interface Removable {
  isDestroyed?(): boolean;
}

export abstract class LayerLifecycle<State> {
  private readonly primitives: Removable[] = [];
  private readonly disposers: Array<() => void> = [];
  private alive = true;

  protected constructor(protected readonly scene: Scene) {}

  /** Adds a primitive (or collection) to the scene; `destroy` removes and destroys it. */
  protected add<T extends object>(primitive: T): T {
    this.scene.primitives.add(primitive);
    this.primitives.push(primitive as Removable);
    return primitive;
  }

  /** A worker this layer owns: terminated on `destroy`. */
  protected own<T extends { terminate(): void }>(worker: T): T {
    this.disposers.push(() => worker.terminate());
    return worker;
  }

  /** A DOM or Cesium event listener: detached on `destroy`. */
  protected listen(remove: () => void): void {
    this.disposers.push(remove);
  }

  get isAlive(): boolean {
    return this.alive;
  }

  /** Brings the layer in step with the state. */
  abstract update(state: State): void;

  destroy(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const primitive of this.primitives) {
      // PrimitiveCollection.remove destroys what it removes (destroyPrimitives is true by default).
      if (!primitive.isDestroyed?.()) this.scene.primitives.remove(primitive);
    }
    this.primitives.length = 0;
    for (const dispose of this.disposers.splice(0)) dispose();
  }
}
