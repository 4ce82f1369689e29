/** The one end-to-end wait, set in vitest.e2e.config.ts (`provide: { waitMs }`). */
import { inject } from 'vitest';

export const WAIT_MS = inject('waitMs');
