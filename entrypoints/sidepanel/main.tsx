import { render } from 'preact';
import '../../assets/main.css';
import { DatabaseNotice } from '../../components/shared/DatabaseNotice';
import { loadNoteSettings } from '../../platform/note-settings';
import { App } from './App';

// What happens to the database connection (an update in another tab) is said above the page.
// The note settings (private tag, promise words) are in force before anything is shown or exported.
void loadNoteSettings().then(() =>
  render(
    <>
      <DatabaseNotice />
      <App />
    </>,
    document.getElementById('app')!,
  ),
);
