import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { loadNoteSettings, NOTE_SETTINGS_KEY, saveNoteSettings } from '../../../platform/note-settings';
import { isPrivateNote } from '../../../storage/kinds';
import { notePromises, slidesPromiseOf } from '../../../storage/promises';
import {
  checkPrivateTag,
  checkPromiseWords,
  DEFAULT_NOTE_SETTINGS,
  noteSettings,
  parseNoteSettings,
  setNoteSettings,
} from '../../../storage/settings';

afterEach(() => {
  setNoteSettings(DEFAULT_NOTE_SETTINGS);
  fakeBrowser.reset();
});

describe('checkPrivateTag', () => {
  it('takes a tag as typed and names it as tags are kept', () => {
    expect(checkPrivateTag('off-record')).toEqual({ ok: true, value: 'off-record' });
    expect(checkPrivateTag('#Off Record')).toEqual({ ok: true, value: 'off-record' });
    expect(checkPrivateTag('  ##Privé ')).toEqual({ ok: true, value: 'privé' });
    expect(checkPrivateTag('mine_only')).toEqual({ ok: true, value: 'mine_only' });
  });

  it('refuses what cannot be a tag', () => {
    expect(checkPrivateTag('')).toMatchObject({ ok: false, error: 'Name a tag.' });
    expect(checkPrivateTag('   ')).toMatchObject({ ok: false, error: 'Name a tag.' });
    expect(checkPrivateTag('#')).toMatchObject({ ok: false, error: 'Name a tag.' });
    expect(checkPrivateTag('2024')).toMatchObject({ ok: false, error: 'A tag needs at least one letter.' });
    expect(checkPrivateTag('!!!')).toMatchObject({ ok: false, error: 'A tag needs at least one letter.' });
    expect(checkPrivateTag('a'.repeat(51))).toMatchObject({
      ok: false,
      error: 'A tag has at most 50 characters.',
    });
    expect(checkPrivateTag('a'.repeat(50))).toEqual({ ok: true, value: 'a'.repeat(50) });
  });
});

describe('checkPromiseWords', () => {
  it('takes one phrase a line: trimmed, single-spaced, blank lines and repeats dropped', () => {
    expect(
      checkPromiseWords('  deck   to follow \n\nSlides Later\nslides later\r\nwill share the deck'),
    ).toEqual({
      ok: true,
      value: ['deck to follow', 'Slides Later', 'will share the deck'],
    });
    expect(checkPromiseWords(['slides soon'])).toEqual({ ok: true, value: ['slides soon'] });
  });

  it('refuses no phrase, too short or too long ones, and too many', () => {
    expect(checkPromiseWords('')).toMatchObject({ ok: false, error: 'Write at least one phrase.' });
    expect(checkPromiseWords(' \n \n')).toMatchObject({ ok: false, error: 'Write at least one phrase.' });
    expect(checkPromiseWords('ok')).toMatchObject({
      ok: false,
      error: '“ok” is too short: write at least 3 characters.',
    });
    expect(checkPromiseWords('x'.repeat(101))).toMatchObject({
      ok: false,
      error: 'A phrase has at most 100 characters.',
    });
    expect(checkPromiseWords('x'.repeat(100)).ok).toBe(true);
    const many = Array.from({ length: 21 }, (_, i) => `phrase ${i}`);
    expect(checkPromiseWords(many.join('\n'))).toMatchObject({ ok: false, error: 'At most 20 phrases.' });
    expect(checkPromiseWords(many.slice(0, 20).join('\n')).ok).toBe(true);
  });
});

describe('parseNoteSettings', () => {
  it('keeps each valid stored field and defaults the rest', () => {
    expect(parseNoteSettings(undefined)).toEqual({
      privateTag: 'private',
      promiseWords: ['slides later', 'slides will be posted'],
      notifySlides: false,
    });
    expect(
      parseNoteSettings({ privateTag: '#Off Record', promiseWords: 'deck later', notifySlides: 'yes' }),
    ).toEqual({
      privateTag: 'off-record',
      promiseWords: ['slides later', 'slides will be posted'],
      notifySlides: false,
    });
    expect(
      parseNoteSettings({ privateTag: '42', promiseWords: ['deck later', 7], notifySlides: true }),
    ).toEqual({
      privateTag: 'private',
      promiseWords: ['slides later', 'slides will be posted'],
      notifySlides: true,
    });
    expect(parseNoteSettings({ promiseWords: ['deck later'] }).promiseWords).toEqual(['deck later']);
  });
});

describe('the settings in force', () => {
  const tagged = { tags: ['off-record'] };
  const privateTagged = { tags: ['private'] };

  it('decide which tag makes a note private when none is passed', () => {
    expect(isPrivateNote(tagged)).toBe(false);
    expect(isPrivateNote(privateTagged)).toBe(true);
    setNoteSettings({ privateTag: 'off-record' });
    expect(isPrivateNote(tagged)).toBe(true);
    expect(isPrivateNote(privateTagged)).toBe(false);
    expect(isPrivateNote({ visibility: 'private', tags: [] })).toBe(true);
    // A tag passed explicitly still wins.
    expect(isPrivateNote(privateTagged, 'private')).toBe(true);
  });

  it('decide which words make a promise of slides', () => {
    const notes = [{ id: 'n1', body: 'Deck to follow by Friday', createdAt: 1 }];
    expect(notePromises('Slides later!')).toBe(true);
    expect(slidesPromiseOf({}, notes)).toBeUndefined();
    setNoteSettings({ promiseWords: ['deck to follow'] });
    expect(notePromises('Slides later!')).toBe(false);
    expect(slidesPromiseOf({}, notes)).toEqual({ by: 'Friday', noteId: 'n1', kept: false });
  });

  it('are saved in storage.local, loaded from there, and follow a save made elsewhere', async () => {
    await saveNoteSettings({ privateTag: 'mine', promiseWords: ['deck later'], notifySlides: true });
    expect(await fakeBrowser.storage.local.get(NOTE_SETTINGS_KEY)).toEqual({
      [NOTE_SETTINGS_KEY]: { privateTag: 'mine', promiseWords: ['deck later'], notifySlides: true },
    });
    setNoteSettings(DEFAULT_NOTE_SETTINGS);
    expect((await loadNoteSettings()).privateTag).toBe('mine');
    expect(noteSettings().privateTag).toBe('mine');
    await fakeBrowser.storage.local.set({ [NOTE_SETTINGS_KEY]: { privateTag: 'secret' } });
    expect(noteSettings()).toEqual({
      privateTag: 'secret',
      promiseWords: ['slides later', 'slides will be posted'],
      notifySlides: false,
    });
  });
});
