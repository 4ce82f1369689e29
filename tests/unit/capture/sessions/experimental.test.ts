import { describe, expect, it } from 'vitest';
import { EXPERIMENTAL_ADAPTERS, isExperimentalPlatform } from '../../../../capture/experimental';
import { SESSION_ADAPTERS } from '../../../../capture/sessions';

describe('experimental adapters', () => {
  it('are FOSDEM, Indico and pretalx 2025+, the platforms with no real saved page in the fixtures', () => {
    expect([...EXPERIMENTAL_ADAPTERS].sort()).toEqual(['fosdem', 'indico', 'pretalx-2025']);
    expect(isExperimentalPlatform('fosdem')).toBe(true);
    expect(isExperimentalPlatform('pretalx')).toBe(false);
    expect(isExperimentalPlatform('page')).toBe(false);
  });

  it('name adapters that exist', () => {
    const ids = new Set(SESSION_ADAPTERS.map((a) => a.id));
    for (const id of EXPERIMENTAL_ADAPTERS) expect(ids.has(id)).toBe(true);
  });
});
