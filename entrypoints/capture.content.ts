/**
 * The capture module's entry: not in the manifest. The static detector has it injected where an
 * adapter matches, the background injects it on a user gesture, and it is registered for the sites
 * the user enabled. What it does is platform/capture-module.ts.
 */
import { startCaptureModule } from '../platform/capture-module';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    startCaptureModule(window, ctx.signal);
  },
});
