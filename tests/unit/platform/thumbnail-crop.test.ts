import { describe, expect, it } from 'vitest';
import { clampRect } from '../../../platform/thumbnail';

describe('thumbnail crop', () => {
  it('turns viewport fractions into screenshot pixels', () => {
    expect(clampRect({ x: 0.25, y: 0.1, width: 0.5, height: 0.5 }, 1600, 1000)).toEqual({
      x: 400,
      y: 100,
      width: 800,
      height: 500,
    });
  });
  it('keeps the crop inside the shot and falls back to the whole shot', () => {
    expect(clampRect({ x: 0.9, y: 0.9, width: 0.5, height: 0.5 }, 1000, 1000)).toEqual({
      x: 900,
      y: 900,
      width: 100,
      height: 100,
    });
    expect(clampRect(undefined, 800, 600)).toEqual({ x: 0, y: 0, width: 800, height: 600 });
    expect(clampRect({ x: 0, y: 0, width: Number.NaN, height: 1 }, 800, 600)).toEqual({
      x: 0,
      y: 0,
      width: 800,
      height: 600,
    });
  });
});
