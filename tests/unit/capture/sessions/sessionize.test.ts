// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { captureFixture, captureHtml, fixture } from './load';

describe('Sessionize adapter on real GridSmart embed output', () => {
  const url = 'https://www.xedotnet.org/eventi/one-day-app-modernization/';

  it('lists the grid cards but service sessions (registration, breaks, lunch) as a schedule', () => {
    const c = captureFixture('sessionize-gridsmart.html', url);
    expect(c.platform).toBe('sessionize');
    expect(c.kind).toBe('page');
    expect(c.talk).toBeUndefined();
    expect(c.schedule?.map((t) => t.title)).toEqual([
      'Time Series for relational people',
      'The recipe for a universal Design System',
      'Microservices tips&tricks con .net e DAPR',
      'Modernize Angular App',
      'Blazor United. Un salto nel futuro',
      'Modernize your community',
      'Modernizzare i tuoi web service con Azure API Management',
      'How to modernise WPF & Windows Forms applications with Windows Apps SDK',
      'Configure your App',
      'Qwik il framework che ti stupirà',
    ]);
  });

  it('keeps the UTC instants (7 fractional digits) and names no zone; the locale field is not one', () => {
    const [first] = captureFixture('sessionize-gridsmart.html', url).schedule ?? [];
    expect(first).toEqual({
      title: 'Time Series for relational people',
      speakers: [{ name: 'Gianluca Sartori' }],
      startsAt: '2023-05-20T07:30:00+00:00',
      endsAt: '2023-05-20T08:30:00+00:00',
    });
  });

  it('takes the room from the grid column label the card belongs to', () => {
    const html = fixture('sessionize-gridsmart.html').replace(
      '<div\n  class="sz-session sz-session--cssgrid sz-room--33549"\n  data-sessionid="465599"',
      '<span class="sz-cssgrid__track-label sz-room sz-room--33549">Sala A</span>\n<div\n  class="sz-session sz-session--cssgrid sz-room--33549"\n  data-sessionid="465599"',
    );
    const [first, second] = captureHtml(html, url).schedule ?? [];
    expect(first?.room).toBe('Sala A');
    expect(second?.room).toBeUndefined(); // sz-room--33550 has no label here
  });
});
