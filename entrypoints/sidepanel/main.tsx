import { render } from 'preact';
import '../../assets/main.css';
import { DatabaseNotice } from '../../components/shared/DatabaseNotice';
import { App } from './App';

// What happens to the database connection (an update in another tab) is said above the page.
render(
  <>
    <DatabaseNotice />
    <App />
  </>,
  document.getElementById('app')!,
);
