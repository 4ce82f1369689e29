// @vitest-environment jsdom
/** The popup's and the side panel's summary of what a tab is: what the user reads for each kind of page. */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CaptureSummary } from '../../../components/capture/CaptureSummary';

afterEach(cleanup);

const heading = () => screen.getByRole('heading', { level: 1 });
const region = () => screen.getByRole('region', { name: 'This page' });

describe('CaptureSummary', () => {
  it('shows a deck: its title, the slide with the count and its title, the platform', () => {
    render(
      <CaptureSummary
        capture={{
          url: 'https://example.org/deck',
          title: 'Page title',
          kind: 'slides',
          platform: 'reveal',
          slide: { index: 6, label: '7', title: 'UFO' },
          deck: { title: 'GlusterFS roadmap', url: 'https://example.org/deck', slideCount: 24 },
        }}
      />,
    );
    expect(heading().textContent).toBe('GlusterFS roadmap');
    expect(region().textContent).toContain('Slide deck · reveal.js');
    expect(screen.getByTestId('current-slide').textContent).toBe('Slide 7 of 24 — UFO');
    expect(screen.queryAllByText('https://example.org/deck')).toHaveLength(1);
    expect(screen.queryByTestId('experimental-badge')).toBeNull();
  });

  it('shows a slide without a count or title as just its label', () => {
    render(
      <CaptureSummary
        capture={{
          url: 'https://e.org/d',
          title: 'D',
          kind: 'slides',
          platform: 'remark',
          slide: { index: 0, label: '1' },
        }}
      />,
    );
    expect(screen.getByTestId('current-slide').textContent).toBe('Slide 1');
  });

  it('shows a talk: its title over the page title, and the speakers', () => {
    render(
      <CaptureSummary
        capture={{
          url: 'https://pretalx.example/conf/talk/ABC/',
          title: 'Some page',
          kind: 'session',
          platform: 'pretalx',
          talk: {
            title: 'SELinux for Mere Mortals',
            speakers: [{ name: 'Dan Walsh' }, { name: 'Lukas Vrabec' }],
          },
        }}
      />,
    );
    expect(heading().textContent).toBe('SELinux for Mere Mortals');
    expect(region().textContent).toContain('Talk · pretalx');
    expect(screen.queryAllByText('Dan Walsh, Lukas Vrabec')).toHaveLength(1);
    expect(screen.queryByTestId('current-slide')).toBeNull();
  });

  it('marks a capture from an experimental adapter', () => {
    render(
      <CaptureSummary
        capture={{
          url: 'https://indico.example/event/1/',
          title: 'Event',
          kind: 'session',
          platform: 'indico',
        }}
      />,
    );
    expect(screen.getByTestId('experimental-badge').textContent).toBe('experimental');
    expect(region().textContent).toContain('Talk · Indico');
  });

  it('shows a plain page by its title, with no platform; an untitled one by its URL', () => {
    render(
      <CaptureSummary
        capture={{ url: 'https://blog.example/post', title: 'A post', kind: 'page', platform: 'page' }}
      />,
    );
    expect(heading().textContent).toBe('A post');
    expect(region().textContent?.startsWith('PageA post')).toBe(true);
    cleanup();
    render(
      <CaptureSummary
        capture={{ url: 'https://blog.example/x', title: '', kind: 'page', platform: 'page' }}
      />,
    );
    expect(heading().textContent).toBe('https://blog.example/x');
  });

  it('names structured-data platforms in words, in their own case', () => {
    render(
      <CaptureSummary
        capture={{
          url: 'https://conf.example/t/1',
          title: 'T',
          kind: 'session',
          platform: 'jsonld',
          talk: { title: 'Scaling the scheduler', speakers: [] },
        }}
      />,
    );
    const kind = screen.getByTestId('capture-kind');
    expect(kind.textContent).toBe('Talk · JSON-LD event data');
    expect(kind.className).not.toContain('uppercase');
    cleanup();
    render(
      <CaptureSummary
        capture={{ url: 'https://blog.example/p', title: 'P', kind: 'page', platform: 'opengraph' }}
      />,
    );
    expect(screen.getByTestId('capture-kind').textContent).toBe('Page · Open Graph');
    cleanup();
    render(
      <CaptureSummary
        capture={{ url: 'https://x.sched.com/event/1', title: 'S', kind: 'session', platform: 'sched' }}
      />,
    );
    expect(screen.getByTestId('capture-kind').textContent).toBe('Talk · sched');
  });

  it('renders page-supplied markup as text', () => {
    const evil = '<img src=x onerror="window.pwned=1">Talk';
    const { container } = render(
      <CaptureSummary capture={{ url: 'https://e.org/', title: evil, kind: 'video', platform: 'youtube' }} />,
    );
    expect(heading().textContent).toBe(evil);
    expect(container.querySelector('img')).toBeNull();
    expect(region().textContent).toContain('Talk video · YouTube');
  });
});
