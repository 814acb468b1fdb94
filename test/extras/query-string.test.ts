import { describe, expect, it, vi } from 'vitest';
import { applyQueryString, parseQueryString } from '../../src/extras/query-string';

describe('ajs_ query string', () => {
  it("parses Segment's documented example", () => {
    expect(
      parseQueryString(
        '?ajs_uid=123456789abcd&ajs_event=Clicked%20Email&ajs_aid=abc123&ajs_prop_emailCampaign=First+Touch&ajs_trait_name=Karl+Jr.',
      ),
    ).toEqual({
      anonymousId: 'abc123',
      identify: { userId: '123456789abcd', traits: { name: 'Karl Jr.' } },
      track: { event: 'Clicked Email', properties: { emailCampaign: 'First Touch' } },
    });
  });

  it('ignores props without an event, keeps the first of a repeated key, survives bad encoding', () => {
    expect(parseQueryString('?ajs_prop_a=1&utm_source=x')).toEqual({});
    expect(parseQueryString('?ajs_event=A&ajs_event=B&ajs_prop_p=%E0%A4%A')).toEqual({
      track: { event: 'A', properties: { p: '%E0%A4%A' } },
    });
  });

  it('calls setAnonymousId, identify, then track', () => {
    const calls: string[] = [];
    const target = {
      setAnonymousId: vi.fn(() => calls.push('aid')),
      identify: vi.fn(() => calls.push('identify')),
      track: vi.fn(() => calls.push('track')),
    };
    applyQueryString(target, '?ajs_event=E&ajs_uid=u&ajs_aid=a');
    expect(calls).toEqual(['aid', 'identify', 'track']);
    expect(target.identify).toHaveBeenCalledWith('u', {});
  });
});
