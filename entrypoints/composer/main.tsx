import { render } from 'preact';
import '../../assets/main.css';
import { DatabaseNotice } from '../../components/shared/DatabaseNotice';
import { App } from './App';

// Timing hooks for `npm run bench` (never in release builds).
if (__TALKMARKS_E2E__) void import('../../tests/e2e/hooks/recap');

// What happens to the database connection (an update in another tab) is said above the page.
render(
  <>
    <DatabaseNotice />
    <App />
  </>,
  document.getElementById('app')!,
);
