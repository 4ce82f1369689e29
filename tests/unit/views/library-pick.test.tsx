// @vitest-environment jsdom
/** Picking several notes in a library list: Space, Ctrl+click, the row's box; rows that are not notes can't be. */
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LibraryList } from '../../../components/library/LibraryList';
import { PickedBar, usePicked } from '../../../components/library/PickedBar';

afterEach(cleanup);

/** Rows 0–3 are notes n0…n3; row 4 is a talk, which cannot be picked. */
function Harness({ onOpen }: { onOpen: (i: number) => void }) {
  const picked = usePicked();
  const [active, setActive] = useState(0);
  const id = (i: number) => (i < 4 ? `n${i}` : undefined);
  return (
    <>
      <PickedBar ids={picked.ids} onClear={picked.clear} notify={() => undefined} />
      <LibraryList
        id="list"
        label="Notes"
        count={5}
        rowHeight={72}
        active={active}
        onActive={setActive}
        onOpen={onOpen}
        picked={(i) => {
          const n = id(i);
          return n === undefined ? undefined : picked.has(n);
        }}
        onPick={(i) => {
          const n = id(i);
          if (n) picked.toggle(n);
        }}
        renderRow={(i) => <span>{id(i) ?? 'a talk'}</span>}
      />
    </>
  );
}

describe('picking notes in a list', () => {
  it('toggles with Space and Ctrl+click, says how many, and clears', () => {
    const onOpen = vi.fn();
    render(<Harness onOpen={onOpen} />);
    const list = screen.getByRole('listbox', { name: 'Notes' });
    expect(list.getAttribute('aria-multiselectable')).toBe('true');
    const selected = () => screen.getAllByRole('option').map((o) => o.getAttribute('aria-selected'));

    fireEvent.keyDown(list, { key: ' ' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: ' ' });
    expect(selected()).toEqual(['true', 'false', 'true', 'false', 'false']);
    expect(screen.getByTestId('picked-count').textContent).toBe('2 notes picked');

    fireEvent.click(screen.getAllByRole('option')[3]!, { ctrlKey: true });
    fireEvent.click(screen.getAllByTestId('pick')[0]!);
    expect(selected()).toEqual(['false', 'false', 'true', 'true', 'false']);
    expect(onOpen).not.toHaveBeenCalled();

    // The talk row has no box and Space does nothing there; a plain click still opens a row.
    expect(screen.getAllByTestId('pick')).toHaveLength(4);
    fireEvent.keyDown(list, { key: 'End' });
    fireEvent.keyDown(list, { key: ' ' });
    expect(selected()[4]).toBe('false');
    fireEvent.click(screen.getAllByRole('option')[1]!);
    expect(onOpen).toHaveBeenCalledWith(1);

    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(selected()).toEqual(['false', 'false', 'false', 'false', 'false']);
    expect(screen.queryByTestId('picked-count')).toBeNull();
  });
});
