import { render } from 'preact';
import '../../assets/main.css';
import { App } from './App';

// Timing hooks for `npm run bench` (never in release builds).
if (__TALKMARKS_E2E__) void import('../../tests/e2e/hooks/recap');

render(<App />, document.getElementById('app')!);
