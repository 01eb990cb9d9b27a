import { describe, expect, it } from 'vitest';
import type { Scene } from 'cesium';
import { LayerLifecycle } from './lifecycle';

class FakePrimitive {
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
}

function fakeScene() {
  const list: FakePrimitive[] = [];
  return {
    list,
    scene: {
      primitives: {
        add: (p: FakePrimitive) => list.push(p),
        remove: (p: FakePrimitive) => {
          const at = list.indexOf(p);
          if (at < 0) return false;
          list.splice(at, 1);
          p.destroyed = true;
          return true;
        },
      },
    } as unknown as Scene,
  };
}

class Probe extends LayerLifecycle<number> {
  seen: number[] = [];
  constructor(scene: Scene, worker: { terminate(): void }, remove: () => void) {
    super(scene);
    this.add(new FakePrimitive());
    this.add(new FakePrimitive());
    this.own(worker);
    this.listen(remove);
  }
  update(state: number): void {
    this.seen.push(state);
  }
}

describe('LayerLifecycle', () => {
  it('removes and destroys its primitives, terminates its workers and detaches its listeners, once', () => {
    const { scene, list } = fakeScene();
    let terminated = 0;
    let detached = 0;
    const probe = new Probe(scene, { terminate: () => terminated++ }, () => detached++);
    probe.update(1);
    expect(list.length).toBe(2);
    const primitives = [...list];
    probe.destroy();
    probe.destroy();
    expect(list.length).toBe(0);
    expect(primitives.every((p) => p.destroyed)).toBe(true);
    expect([terminated, detached, probe.isAlive]).toEqual([1, 1, false]);
  });
});
