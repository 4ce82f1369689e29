/** True in `TALKMARKS_E2E=1` builds: local origins are captured without a gesture. Set in wxt.config.ts. */
declare const __TALKMARKS_E2E__: boolean;
