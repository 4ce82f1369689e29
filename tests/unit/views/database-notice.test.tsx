// @vitest-environment jsdom
/**
 * The pages say what happened to the database connection: a newer version opened elsewhere closes
 * this page's connection (storage/db.ts `watchDatabase`), and the notice tells the user, until dismissed.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseNotice } from '../../../components/shared/DatabaseNotice';
import { openDatabase, watchDatabase } from '../../../storage/db';
import { SCHEMA_VERSIONS } from '../../../storage/schema';

afterEach(cleanup);

describe('database notice', () => {
  it('says a newer version opened in another tab reconnected this page, and can be dismissed', async () => {
    const name = `notice-${Math.random().toString(36).slice(2)}`;
    const old = watchDatabase(openDatabase(name));
    await old.open();
    render(<DatabaseNotice />);
    expect(screen.getByRole('alert').textContent).toBe('');

    // Another tab opens the same database at a newer version.
    const newer = openDatabase(name, [...SCHEMA_VERSIONS, { version: 99, stores: {} }]);
    await newer.open();

    expect(await screen.findByText(/updated in another tab: this page reconnected/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.getByRole('alert').textContent).toBe('');
    newer.close();
    await newer.delete();
  });
});
